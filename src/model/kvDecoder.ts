// Runs the GPT-2 graph with a KV cache: prefill feeds many tokens at once, step feeds one
// per row. Where the cache lives between runs is kvCache.ts's business: on WebGPU present.*
// stay GPU buffers fed back as past; on the CPU the decoder keeps its own arrays.
import { lastLogits, type EngineSession, type Tensor } from './engineSession';
import { hasStepOutputs, OwnCache, PresentCache, type CacheShape, type KvCache } from './kvCache';

export type ModelShape = CacheShape;
export type CacheMode = 'present' | 'own';

/** 'own' on the CPU when the model file has new_key_values.* outputs; otherwise 'present'. */
export function defaultCacheMode(session: EngineSession, shape: ModelShape): CacheMode {
  return session.backend !== 'webgpu' && hasStepOutputs(session, shape.nLayer) ? 'own' : 'present';
}

export interface RunTiming {
  runMs: number;
  readMs: number;
}

export class KvDecoder {
  private cache: KvCache;
  /** Positions in the cache (the same for every row, left padding included). */
  length = 0;
  /** Left padding of each row: ragged first feeds are padded on the left and masked out. */
  private pads: number[] = [];
  readonly timing: RunTiming = { runMs: 0, readMs: 0 };

  constructor(
    private readonly session: EngineSession,
    private readonly shape: ModelShape,
    readonly batch: number,
    readonly mode: CacheMode = defaultCacheMode(session, shape),
  ) {
    this.cache = this.newCache();
    this.pads = new Array(batch).fill(0);
  }

  private newCache(): KvCache {
    return this.mode === 'own'
      ? new OwnCache(this.session, this.shape, this.batch)
      : new PresentCache(this.session, this.shape, this.batch);
  }

  /** Forgets the cache. */
  reset(): void {
    this.cache.dispose();
    this.cache = this.newCache();
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
    if (this.length + s > this.shape.nCtx)
      throw new Error(`context overflow: ${this.length} + ${s} > ${this.shape.nCtx}`);
    const b = this.batch;
    // Slots: [0, past) cached (used up to this.length, the rest masked), then the s new tokens.
    const past = this.cache.prepare(this.length, s);
    const total = past + s;
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
      const at = r * total;
      mask.fill(0n, at + this.length, at + past);
      // Left padding: the first `pad` positions, cached or (on the first feed) new.
      mask.fill(0n, at, at + Math.min(pad, this.length));
      if (pad > this.length) mask.fill(0n, at + past, at + past + pad - this.length);
    }
    const feeds: Record<string, Tensor> = {
      input_ids: this.session.int64(ids, [b, s]),
      attention_mask: this.session.int64(mask, [b, total]),
      ...this.cache.feeds(),
    };
    if (this.session.inputNames.includes('position_ids')) feeds.position_ids = this.session.int64(pos, [b, s]);
    const t0 = performance.now();
    const out = await this.session.run(feeds, this.cache.fetches);
    const t1 = performance.now();
    const logits = await lastLogits(out.logits);
    this.timing.runMs += t1 - t0;
    this.timing.readMs += performance.now() - t1;
    this.cache.update(out, this.length, s);
    for (const t of Object.values(out)) t.dispose();
    this.length += s;
    return logits;
  }

  dispose(): void {
    this.cache.dispose();
  }
}
