// Runs the GPT-2 graph with a KV cache: prefill feeds many tokens at once,
// step feeds one per row. present.* from one run become past_key_values of the
// next (on WebGPU they stay GPU buffers); replaced tensors are disposed.
import { lastLogits, type EngineSession, type Tensor } from './engineSession';

export interface ModelShape {
  nLayer: number;
  nHead: number;
  headDim: number;
  nCtx: number;
}

export interface RunTiming {
  runMs: number;
  readMs: number;
}

export class KvDecoder {
  private past: Tensor[] = [];
  /** Positions in the cache (the same for every row, left padding included). */
  length = 0;
  /** Left padding of each row: ragged first feeds are padded on the left and masked out. */
  private pads: number[] = [];
  readonly timing: RunTiming = { runMs: 0, readMs: 0 };

  constructor(
    private readonly session: EngineSession,
    private readonly shape: ModelShape,
    readonly batch: number,
  ) {
    this.reset();
  }

  /** Forgets the cache. */
  reset(): void {
    this.disposePast();
    const { nLayer, nHead, headDim } = this.shape;
    for (let i = 0; i < 2 * nLayer; i++) this.past.push(this.session.emptyKv(this.batch, nHead, headDim));
    this.length = 0;
    this.pads = new Array(this.batch).fill(0);
  }

  /** Positions left before the model's context is full (padding counts against it). */
  get room(): number {
    return this.shape.nCtx - this.length;
  }

  /** Feeds the same tokens to every row; returns each row's last logits. */
  feed(ids: readonly number[]): Promise<Float32Array[]> {
    return this.feedRows(Array.from({ length: this.batch }, () => ids));
  }

  /**
   * Feeds one run of tokens per row (one token each for a decode step); returns each row's last
   * logits. Rows may differ in length only on the first feed after reset(): they are left-padded.
   */
  async feedRows(rows: readonly (readonly number[])[]): Promise<Float32Array[]> {
    if (rows.length !== this.batch) throw new Error(`feedRows: ${rows.length} rows for a batch of ${this.batch}`);
    const s = Math.max(...rows.map((r) => r.length));
    if (rows.some((r) => r.length !== s)) {
      if (this.length > 0) throw new Error('feedRows: ragged rows after the first feed');
      this.pads = rows.map((r) => s - r.length);
    }
    if (s === 0) throw new Error('feedRows: nothing to feed');
    if (this.length + s > this.shape.nCtx) throw new Error(`context overflow: ${this.length} + ${s} > ${this.shape.nCtx}`);
    const b = this.batch;
    const total = this.length + s;
    const ids = new BigInt64Array(b * s);
    const pos = new BigInt64Array(b * s);
    const mask = new BigInt64Array(b * total).fill(1n);
    for (let r = 0; r < b; r++) {
      const pad = this.pads[r];
      const row = rows[r];
      for (let j = 0; j < s; j++) {
        const k = j - (s - row.length);
        ids[r * s + j] = BigInt(k >= 0 ? row[k] : 0);
        pos[r * s + j] = BigInt(Math.max(0, this.length + j - pad));
      }
      mask.fill(0n, r * total, r * total + pad);
    }
    const feeds: Record<string, Tensor> = {
      input_ids: this.session.int64(ids, [b, s]),
      attention_mask: this.session.int64(mask, [b, total]),
    };
    if (this.session.inputNames.includes('position_ids')) feeds.position_ids = this.session.int64(pos, [b, s]);
    for (let i = 0; i < this.shape.nLayer; i++) {
      feeds[`past_key_values.${i}.key`] = this.past[2 * i];
      feeds[`past_key_values.${i}.value`] = this.past[2 * i + 1];
    }
    const t0 = performance.now();
    const out = await this.session.run(feeds);
    const t1 = performance.now();
    const logits = await lastLogits(out.logits);
    this.timing.runMs += t1 - t0;
    this.timing.readMs += performance.now() - t1;
    out.logits.dispose();
    this.disposePast();
    for (let i = 0; i < this.shape.nLayer; i++) this.past.push(out[`present.${i}.key`], out[`present.${i}.value`]);
    this.length = total;
    return logits;
  }

  dispose(): void {
    this.disposePast();
  }

  private disposePast(): void {
    for (const t of this.past) t.dispose();
    this.past = [];
  }
}
