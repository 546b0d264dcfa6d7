// A bare page around the engine for browser tests and the benchmark: the real worker
// path (EngineClient), and on demand the benchmark's worker.
import { EngineClient } from '../../src/model/client';
import { EngineError, type BackendChoice, type GenerateRequest, type WorkerToMain } from '../../src/model/protocol';

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

async function outcome<T>(p: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    return { ok: false, code: e instanceof EngineError ? e.code : 'thrown', message: (e as Error).message };
  }
}

let client: EngineClient | null = null;
const events: string[] = [];

const harness = {
  /** A fresh worker per load, so tests do not share ORT state. */
  load(url: string, backend: BackendChoice) {
    client?.dispose();
    client = new EngineClient();
    return outcome(client.load(url, backend, (p) => events.push(`progress:${p.phase}`)));
  },
  generate(request: GenerateRequest) {
    return outcome(client!.generate(request, (e: WorkerToMain) => events.push(e.type)));
  },
  /** Starts a generation and aborts it after `afterTokens` tokens. */
  generateThenAbort(request: GenerateRequest, afterTokens: number) {
    let n = 0;
    return outcome(
      client!.generate(request, (e) => {
        if (e.type === 'token' && ++n === afterTokens) client!.abort();
      }),
    );
  },
  events: () => events.slice(),
  crossOriginIsolated: () => globalThis.crossOriginIsolated,
  /** The benchmark's worker (bench/generate.ts), started on demand so tests never pay for it. */
  bench: () => import('../../bench/generate-harness/main').then(() => true),
};

(globalThis as unknown as { harness: typeof harness }).harness = harness;
document.getElementById('status')!.textContent = 'ready';
