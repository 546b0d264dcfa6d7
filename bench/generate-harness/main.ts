// Loaded into the engine harness page by the benchmark: forwards calls to the benchmark
// worker and returns their results.
import type { BenchCall, Benches } from './benchWorker';

const worker = new Worker(new URL('./benchWorker.ts', import.meta.url), { type: 'module', name: 'cantor-bench' });
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 1;
worker.onmessage = (ev: MessageEvent<{ id: number; ok: boolean; value?: unknown; message?: string }>) => {
  const p = pending.get(ev.data.id);
  pending.delete(ev.data.id);
  if (ev.data.ok) p?.resolve(ev.data.value);
  else p?.reject(new Error(ev.data.message));
};

export function call<K extends keyof Benches>(fn: K, ...args: Parameters<Benches[K]>): ReturnType<Benches[K]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    worker.postMessage({ id, fn, args } as BenchCall);
  }) as ReturnType<Benches[K]>;
}

(globalThis as unknown as { bench: { call: typeof call } }).bench = { call };
