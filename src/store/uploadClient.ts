// Main-thread side of upload.worker.ts: one worker, started on the first upload. Where there is no Worker
// (Node, tests) the same code runs in place. A file read under an id is mapped (or forgotten) under that id.
import { MusicError } from '../music/errors';
import type { Score } from '../music/score';
import {
  handleUpload,
  type UploadFailure,
  type UploadMapping,
  type UploadReply,
  type UploadRequest,
} from './uploadJob';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (reply: UploadReply) => void>();
const inPlace = new Map<number, Score>();

function failAll(message: string): void {
  for (const [id, settle] of pending) settle({ id, error: { message } });
  pending.clear();
  worker?.terminate();
  worker = undefined;
}

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./upload.worker.ts', import.meta.url), { type: 'module', name: 'cantor-upload' });
  worker.onmessage = (e: MessageEvent<UploadReply>) => {
    const settle = pending.get(e.data.id);
    pending.delete(e.data.id);
    settle?.(e.data);
  };
  worker.onerror = (e) => failAll(`the upload worker failed (${e.message})`);
  return worker;
}

function ask(request: UploadRequest, transfer: Transferable[] = []): Promise<UploadReply> {
  if (typeof Worker === 'undefined') return Promise.resolve(handleUpload(request, inPlace));
  return new Promise((resolve) => {
    pending.set(request.id, resolve);
    getWorker().postMessage(request, transfer);
  });
}

/** A MusicError keeps its class (and code), so the alert reads as it would for a file read on the page. */
const thrown = (f: UploadFailure) => (f.code ? new MusicError(f.code, f.message) : new Error(f.message));

/** Read and check a file off the main thread (the bytes move to the worker); throws MusicError saying why it can't be used. */
export async function readUpload(bytes: ArrayBuffer): Promise<{ id: number; score: Score }> {
  const id = nextId++;
  const reply = await ask({ id, kind: 'read', bytes }, [bytes]);
  if ('error' in reply) throw thrown(reply.error);
  if (!('score' in reply)) throw new Error('the upload worker answered a read with something else');
  return { id, score: reply.score };
}

/** Map the file read under `id` onto a model's instruments, in the worker that holds it. */
export async function mapUploadFor(
  id: number,
  instruments: readonly string[],
  maxTracks: number | null,
): Promise<UploadMapping> {
  const reply = await ask({ id, kind: 'map', instruments: [...instruments], maxTracks });
  if ('error' in reply) throw thrown(reply.error);
  if (!('mapping' in reply)) throw new Error('the upload worker answered a mapping with something else');
  return reply.mapping;
}

/** The worker may drop the score read under `id` (an upload that ends without a mapping). */
export function forgetUpload(id: number): void {
  void ask({ id, kind: 'forget' });
}
