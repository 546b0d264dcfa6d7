// The tiny interface the decode loop needs from an ONNX runtime, so the same
// loop runs on onnxruntime-web (session.ts) and onnxruntime-node (sessionNode.ts).
// Type-only imports: this module loads no runtime.
import type { InferenceSession, Tensor } from 'onnxruntime-common';
import type { Backend } from './protocol';

export type { Tensor };
export type KvDtype = 'float32' | 'float16';

export interface EngineSession {
  readonly backend: Backend;
  /** The model file that runs, e.g. 'model_int8.onnx'. */
  readonly variant: string;
  /** Element type of past_key_values / present tensors. */
  readonly kvDtype: KvDtype;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  int64(data: BigInt64Array, dims: number[]): Tensor;
  /** A past_key_values tensor over CPU memory of the model's KV element type. */
  kv(data: Float32Array | Uint16Array, dims: number[]): Tensor;
  /** A zero-length past (past = 0) for a batch. */
  emptyKv(batch: number, heads: number, headDim: number): Tensor;
  /**
   * One forward pass; calls are serialized. `fetches` names the outputs to return (default: all);
   * outputs the caller keeps must be disposed by it.
   */
  run(feeds: Record<string, Tensor>, fetches?: readonly string[]): Promise<Record<string, Tensor>>;
  release(): Promise<void>;
}

type OrtTensorCtor = typeof Tensor;

/** Shared by both runtimes: wraps an ORT InferenceSession and serializes run(). */
export function wrapSession(
  session: InferenceSession,
  TensorCtor: OrtTensorCtor,
  backend: Backend,
  variant: string,
): EngineSession {
  const kvInput = session.inputMetadata.find((m) => m.name.startsWith('past_key_values.'));
  const kvDtype: KvDtype = kvInput && kvInput.isTensor && kvInput.type === 'float16' ? 'float16' : 'float32';
  let queue: Promise<unknown> = Promise.resolve();
  return {
    backend,
    variant,
    kvDtype,
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    int64: (data, dims) => new TensorCtor('int64', data, dims),
    kv: (data, dims) =>
      data instanceof Uint16Array ? new TensorCtor('float16', data, dims) : new TensorCtor('float32', data, dims),
    emptyKv: (batch, heads, headDim) =>
      kvDtype === 'float16'
        ? new TensorCtor('float16', new Uint16Array(0), [batch, heads, 0, headDim])
        : new TensorCtor('float32', new Float32Array(0), [batch, heads, 0, headDim]),
    run(feeds, fetches) {
      const result = queue.then(() => (fetches ? session.run(feeds, [...fetches]) : session.run(feeds)));
      queue = result.catch(() => undefined);
      return result;
    },
    release: () => session.release(),
  };
}

/** Converts IEEE half floats (as raw uint16) to float32. */
export function halfToFloat(src: Uint16Array): Float32Array {
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const h = src[i];
    const e = (h >> 10) & 0x1f;
    const m = h & 0x3ff;
    const v = e === 0 ? m * 2 ** -24 : e === 31 ? (m ? NaN : Infinity) : (1 + m / 1024) * 2 ** (e - 15);
    out[i] = h & 0x8000 ? -v : v;
  }
  return out;
}

/** The last position's logits of every row, on the CPU as float32. */
export async function lastLogits(logits: Tensor): Promise<Float32Array[]> {
  const [b, s, v] = logits.dims;
  const raw = logits.location === 'cpu' ? logits.data : await logits.getData();
  const rows: Float32Array[] = [];
  for (let r = 0; r < b; r++) {
    const off = (r * s + s - 1) * v;
    if (raw instanceof Float32Array) rows.push(raw.slice(off, off + v));
    else if (raw instanceof Uint16Array) rows.push(halfToFloat(raw.subarray(off, off + v)));
    else rows.push(Float32Array.from(raw as ArrayLike<number>).slice(off, off + v));
  }
  return rows;
}
