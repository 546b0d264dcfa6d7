// Two ways to carry the KV cache from one run to the next.
//
// PresentCache feeds each run's present.* back as the next past_key_values: the optimum /
// transformers.js way. On WebGPU those tensors stay GPU buffers, so nothing crosses to the CPU.
//
// OwnCache keeps the cache in its own CPU arrays and fetches only new_key_values.* (this run's
// positions). onnxruntime-web's WASM backend copies every CPU input into its heap and every
// output out of it, so fetching the whole present each step cost a full copy of the cache per
// token (about a third of a step at 512 tokens). The arrays have room to spare
// ([batch, heads, capacity, headDim]) and are fed whole; slots past the used length are masked
// out. GPT-2's positions come from position_ids, so a key's slot need not be its position.
import type { EngineSession, Tensor } from './engineSession';

export interface CacheShape {
  nLayer: number;
  nHead: number;
  headDim: number;
  nCtx: number;
}

export interface KvCache {
  /** Slots fed as past for a run of s new tokens after `length` cached ones (>= length). */
  prepare(length: number, s: number): number;
  /** past_key_values.* for the run prepare() sized. */
  feeds(): Record<string, Tensor>;
  /** The outputs a run must return. */
  readonly fetches: readonly string[];
  /** Takes this run's keys and values; the caller disposes `out` afterwards, except what this keeps. */
  update(out: Record<string, Tensor>, length: number, s: number): void;
  dispose(): void;
}

const names = (prefix: string, nLayer: number) =>
  Array.from({ length: nLayer }, (_, i) => [`${prefix}.${i}.key`, `${prefix}.${i}.value`]).flat();

/** True when the model file returns new_key_values.* (exports since the step outputs were added). */
export function hasStepOutputs(session: EngineSession, nLayer: number): boolean {
  return names('new_key_values', nLayer).every((n) => session.outputNames.includes(n));
}

export class PresentCache implements KvCache {
  private past: Tensor[] = [];
  private readonly pastNames: string[];
  private readonly presentNames: string[];
  readonly fetches: readonly string[];

  constructor(session: EngineSession, shape: CacheShape, batch: number) {
    this.pastNames = names('past_key_values', shape.nLayer);
    this.presentNames = names('present', shape.nLayer);
    this.fetches = ['logits', ...this.presentNames];
    for (let i = 0; i < this.pastNames.length; i++) this.past.push(session.emptyKv(batch, shape.nHead, shape.headDim));
  }

  prepare(length: number): number {
    return length;
  }

  feeds(): Record<string, Tensor> {
    return Object.fromEntries(this.pastNames.map((n, i) => [n, this.past[i]]));
  }

  update(out: Record<string, Tensor>): void {
    this.dispose();
    this.past = this.presentNames.map((n) => out[n]);
    for (const n of this.presentNames) delete out[n]; // kept: the caller must not dispose them
  }

  dispose(): void {
    for (const t of this.past) t.dispose();
    this.past = [];
  }
}

/** Slots are added this many at a time: fewer re-layouts against fewer masked slots fed per step. */
export const CAPACITY_STEP = 32;

export class OwnCache implements KvCache {
  private bufs: (Float32Array | Uint16Array)[];
  private capacity = 0;
  private readonly pastNames: string[];
  private readonly newNames: string[];
  readonly fetches: readonly string[];

  constructor(
    private readonly session: EngineSession,
    private readonly shape: CacheShape,
    private readonly batch: number,
  ) {
    this.pastNames = names('past_key_values', shape.nLayer);
    this.newNames = names('new_key_values', shape.nLayer);
    this.fetches = ['logits', ...this.newNames];
    this.bufs = this.pastNames.map(() => this.alloc(0));
  }

  prepare(length: number, s: number): number {
    // past + new keys must fit the model's position table.
    if (this.capacity + s > this.shape.nCtx) this.relayout(this.shape.nCtx - s, length);
    return this.capacity;
  }

  feeds(): Record<string, Tensor> {
    const dims = [this.batch, this.shape.nHead, this.capacity, this.shape.headDim];
    return Object.fromEntries(this.pastNames.map((n, i) => [n, this.session.kv(this.bufs[i], dims)]));
  }

  update(out: Record<string, Tensor>, length: number, s: number): void {
    // At most nCtx - 1 slots: a step feeds past + 1 <= nCtx, so a full-size array would be cut back
    // (a re-layout, a copy of the whole cache) on the next step. The key at the last position is
    // never read: nothing can be fed once the context is full.
    const last = this.shape.nCtx - 1;
    const keep = Math.min(length + s, last);
    if (this.capacity < keep) this.relayout(Math.min(last, Math.ceil(keep / CAPACITY_STEP) * CAPACITY_STEP), length);
    const rows = this.batch * this.shape.nHead;
    const d = this.shape.headDim;
    const n = Math.max(0, keep - length) * d;
    this.newNames.forEach((name, i) => {
      const src = out[name].data as Float32Array | Uint16Array;
      const buf = this.bufs[i];
      for (let r = 0; r < rows; r++) buf.set(src.subarray(r * s * d, r * s * d + n), (r * this.capacity + length) * d);
    });
  }

  dispose(): void {
    this.bufs = this.pastNames.map(() => this.alloc(0));
    this.capacity = 0;
  }

  private alloc(capacity: number): Float32Array | Uint16Array {
    const n = this.batch * this.shape.nHead * capacity * this.shape.headDim;
    return this.session.kvDtype === 'float16' ? new Uint16Array(n) : new Float32Array(n);
  }

  /** New arrays of `capacity` slots holding the first `length` slots of the old ones. */
  private relayout(capacity: number, length: number): void {
    const rows = this.batch * this.shape.nHead;
    const d = this.shape.headDim;
    this.bufs = this.bufs.map((old) => {
      const buf = this.alloc(capacity);
      for (let r = 0; r < rows; r++)
        buf.set(old.subarray(r * this.capacity * d, (r * this.capacity + length) * d), r * capacity * d);
      return buf;
    });
    this.capacity = capacity;
  }
}
