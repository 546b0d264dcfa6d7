import { describe, expect, it } from 'vitest';
import { EngineClient, type WorkerLike } from './client';
import { EngineError, type MainToWorker, type ModelInfo, type WorkerToMain } from './protocol';
import { testInfo } from './testing/configs';

/** A worker double: records what the client posts, and lets the test reply. */
function fakeWorker() {
  const posted: MainToWorker[] = [];
  const worker: WorkerLike = {
    postMessage: (m) => posted.push(m),
    terminate: () => undefined,
    onmessage: null,
    onerror: null,
  };
  const reply = (m: WorkerToMain) => worker.onmessage?.({ data: m } as MessageEvent<WorkerToMain>);
  return { worker, posted, reply };
}

const info: ModelInfo = testInfo({ name: 'm', instruments: ['SOPRANO'], nCtx: 512 });
const score = { ppq: 480, tempos: [], timeSignatures: [], tracks: [] };
const request = {
  mode: 'compose' as const,
  tracks: [{ inst: 'SOPRANO' }],
  bars: 1,
  sampling: { temperature: 1, topP: 1, seed: 1 },
};

describe('EngineClient', () => {
  it('load resolves with the model info, passing download progress on, and sends an absolute URL', async () => {
    const { worker, posted, reply } = fakeWorker();
    const client = new EngineClient(() => worker);
    const progress: number[] = [];
    const p = client.load('/models/chorales/', 'auto', (e) => progress.push(e.loaded));
    expect(posted[0]).toMatchObject({
      type: 'load',
      backend: 'auto',
      modelUrl: expect.stringMatching(/^http.*\/models\/chorales\/$/),
    });
    reply({ type: 'progress', phase: 'download', loaded: 5, total: 10 });
    reply({ type: 'loaded', info });
    await expect(p).resolves.toEqual(info);
    expect(progress).toEqual([5]);
  });

  it("load rejects with the worker's typed error", async () => {
    const { worker, reply } = fakeWorker();
    const p = new EngineClient(() => worker).load('/m/', 'wasm');
    reply({ type: 'error', code: 'model-corrupt', message: 'model.onnx is corrupt' });
    await expect(p).rejects.toEqual(new EngineError('model-corrupt', 'model.onnx is corrupt'));
  });

  it('generate routes events by id and resolves on done; abort asks the worker to stop', async () => {
    const { worker, posted, reply } = fakeWorker();
    const client = new EngineClient(() => worker);
    const seen: string[] = [];
    const p = client.generate(request, (e) => seen.push(e.type));
    const id = (posted[0] as { id: number }).id;
    reply({ type: 'token', id, token: 'PIECE_START' });
    reply({ type: 'token', id: id + 100, token: 'not mine' });
    reply({ type: 'notes', id, track: 0, notes: [] });
    client.abort();
    expect(posted[1]).toEqual({ type: 'abort', id });
    reply({ type: 'done', id, score, tokens: ['PIECE_START'], aborted: true });
    await expect(p).resolves.toMatchObject({ tokens: ['PIECE_START'], aborted: true });
    expect(seen).toEqual(['token', 'notes', 'done']);
  });

  it('a generate error rejects only that request; a crashed worker rejects everything pending', async () => {
    const { worker, posted, reply } = fakeWorker();
    const client = new EngineClient(() => worker);
    const a = client.generate(request);
    const b = client.generate(request);
    reply({ type: 'error', id: (posted[0] as { id: number }).id, code: 'generate', message: 'no model is loaded' });
    await expect(a).rejects.toMatchObject({ code: 'generate' });
    worker.onerror?.({ message: 'boom' } as ErrorEvent);
    await expect(b).rejects.toMatchObject({ code: 'backend', message: expect.stringMatching(/boom/) });
  });
});
