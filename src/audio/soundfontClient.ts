// Main-thread side of soundfont.worker.ts: one worker, started on the first request.
import { SOUNDFONT_URL } from './assets';
import type { Patch } from './patch';
import type { PatchReply, PatchRequest } from './soundfont.worker';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (p: Patch) => void; reject: (e: Error) => void }>();

function failAll(message: string): void {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
  worker?.terminate();
  worker = undefined;
}

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./soundfont.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<PatchReply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if ('patch' in e.data) p.resolve(e.data.patch);
    else p.reject(new Error(e.data.error));
  };
  worker.onerror = (e) => failAll(`SoundFont worker failed: ${e.message}`);
  return worker;
}

/** The sampled patch for a GM program (or the drum kit), built in the worker. */
export function requestPatch(program: number, drum: boolean): Promise<Patch> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const request: PatchRequest = { id, url: new URL(SOUNDFONT_URL, location.href).href, program, drum };
    getWorker().postMessage(request);
  });
}
