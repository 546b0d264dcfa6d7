// Loaded into the engine harness page by the benchmark: forwards calls to the benchmark
// worker and returns their results.
import type { BenchCall, Benches } from './benchWorker';

const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 1;
/** One worker per WASM thread count: ORT fixes its threads when a worker's first session starts. */
const workers = new Map<number | undefined, Worker>();

function workerFor(threads: number | undefined): Worker {
  let worker = workers.get(threads);
  if (worker) return worker;
  worker = new Worker(new URL('./benchWorker.ts', import.meta.url), {
    type: 'module',
    name: threads ? `cantor-bench-t${threads}` : 'cantor-bench',
  });
  worker.onmessage = (ev: MessageEvent<{ id: number; ok: boolean; value?: unknown; message?: string }>) => {
    const p = pending.get(ev.data.id);
    pending.delete(ev.data.id);
    if (ev.data.ok) p?.resolve(ev.data.value);
    else p?.reject(new Error(ev.data.message));
  };
  workers.set(threads, worker);
  return worker;
}

/** Runs a benchmark in the worker for `threads` WASM threads (undefined: the app's default count). */
export function callWith<K extends keyof Benches>(
  threads: number | undefined,
  fn: K,
  ...args: Parameters<Benches[K]>
): ReturnType<Benches[K]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    workerFor(threads).postMessage({ id, fn, args } as BenchCall);
  }) as ReturnType<Benches[K]>;
}

export const call = <K extends keyof Benches>(fn: K, ...args: Parameters<Benches[K]>) =>
  callWith(undefined, fn, ...args);

(globalThis as unknown as { bench: { call: typeof call; callWith: typeof callWith } }).bench = { call, callWith };
