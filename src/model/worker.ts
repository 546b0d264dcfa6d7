// The engine's module worker: all inference runs here, never on the page's thread.
// ORT's WASM threads start as workers named "em-pthread…" that load this same script;
// they must not take over onmessage, or ORT's own handler never runs.
import { generate, type Engine } from './generate';
import {
  EngineError,
  type BackendChoice,
  type GenerateRequest,
  type MainToWorker,
  type WorkerToMain,
} from './protocol';
import { loadWebEngine } from './webEngine';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: WorkerToMain) => self.postMessage(m);
let engine: Engine | null = null;
const aborted = new Set<number>();
/** Loads and generations run one after another: one ORT session is never called concurrently. */
let queue: Promise<void> = Promise.resolve();

function fail(e: unknown, id?: number): void {
  const code = e instanceof EngineError ? e.code : id === undefined ? 'backend' : 'generate';
  post({ type: 'error', id, code, message: (e as Error)?.message ?? String(e) });
}

async function load(modelUrl: string, backend: BackendChoice): Promise<void> {
  const old = engine;
  engine = null;
  await old?.session.release();
  const loaded = await loadWebEngine(modelUrl, backend, post);
  engine = loaded.engine;
  post({ type: 'loaded', info: loaded.info });
}

// ORT's run() can resolve without a macrotask in between, so a long generation would never
// see the abort message: yield to the event loop every few milliseconds.
const YIELD_EVERY_MS = 8;
let lastYield = 0;
const tick = new MessageChannel();
function pause(): Promise<void> {
  if (performance.now() - lastYield < YIELD_EVERY_MS) return Promise.resolve();
  return new Promise((resolve) => {
    tick.port1.onmessage = () => {
      lastYield = performance.now();
      resolve();
    };
    tick.port2.postMessage(0);
  });
}

async function run(id: number, request: GenerateRequest): Promise<void> {
  if (!engine) throw new EngineError('generate', 'no model is loaded');
  const res = await generate(engine, request, {
    onToken: (token) => post({ type: 'token', id, token }),
    onNotes: (track, notes) => post({ type: 'notes', id, track, notes }),
    onProgress: (p) =>
      post({
        type: 'progress',
        phase: 'generate',
        loaded: p.tokens,
        total: p.totalTokens,
        bars: p.bars,
        totalBars: p.totalBars,
      }),
    aborted: () => aborted.has(id),
    pause,
  });
  aborted.delete(id);
  post({ type: 'done', id, ...res });
}

function onMessage(ev: MessageEvent<MainToWorker>): void {
  const msg = ev.data;
  if (msg.type === 'abort') {
    aborted.add(msg.id);
    return;
  }
  if (msg.type === 'load') queue = queue.then(() => load(msg.modelUrl, msg.backend).catch((e) => fail(e)));
  else if (msg.type === 'generate') queue = queue.then(() => run(msg.id, msg.request).catch((e) => fail(e, msg.id)));
}

if (!self.name?.startsWith('em-pthread')) self.onmessage = onMessage;
