// A promise API over the engine worker, used by the store. The worker does all
// inference; this side only matches replies to requests.
import {
  EngineError,
  type BackendChoice,
  type GenerateRequest,
  type GenerateResult,
  type MainToWorker,
  type ModelInfo,
  type ProgressEvent,
  type WorkerToMain,
} from './protocol';

/** The part of a Worker the client uses, so tests can pass a fake. */
export interface WorkerLike {
  postMessage(message: MainToWorker): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<WorkerToMain>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'cantor-engine' }) as WorkerLike;
}

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (err: Error) => void;
  onEvent?: (e: WorkerToMain) => void;
}

export class EngineClient {
  private readonly worker: WorkerLike;
  private nextId = 1;
  private loading: (Pending<ModelInfo> & { onProgress?: (p: ProgressEvent) => void }) | null = null;
  private readonly running = new Map<number, Pending<GenerateResult>>();

  constructor(makeWorker: () => WorkerLike = defaultWorker) {
    this.worker = makeWorker();
    this.worker.onmessage = (ev) => this.receive(ev.data);
    this.worker.onerror = (ev) => this.failAll(new EngineError('backend', `engine worker crashed: ${ev.message}`));
  }

  /** Loads (or replaces) the model; rejects with an EngineError naming the bad file. */
  load(modelUrl: string, backend: BackendChoice, onProgress?: (p: ProgressEvent) => void): Promise<ModelInfo> {
    this.loading?.reject(new EngineError('aborted', 'superseded by a newer load'));
    return new Promise((resolve, reject) => {
      this.loading = { resolve, reject, onProgress };
      this.worker.postMessage({ type: 'load', modelUrl: absoluteUrl(modelUrl), backend });
    });
  }

  /** Generates; onEvent sees every token, notes and progress message of this request. */
  generate(request: GenerateRequest, onEvent?: (e: WorkerToMain) => void): Promise<GenerateResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.running.set(id, { resolve, reject, onEvent });
      this.worker.postMessage({ type: 'generate', id, request });
    });
  }

  /** Stops every running generate; each resolves with aborted: true and the bars written so far. */
  abort(): void {
    for (const id of this.running.keys()) this.worker.postMessage({ type: 'abort', id });
  }

  dispose(): void {
    this.failAll(new EngineError('aborted', 'engine disposed'));
    this.worker.terminate();
  }

  private receive(msg: WorkerToMain): void {
    switch (msg.type) {
      case 'progress':
        if (msg.phase === 'generate') for (const p of this.running.values()) p.onEvent?.(msg);
        else this.loading?.onProgress?.(msg);
        return;
      case 'loaded':
        this.loading?.resolve(msg.info);
        this.loading = null;
        return;
      case 'token':
      case 'notes':
        this.running.get(msg.id)?.onEvent?.(msg);
        return;
      case 'done': {
        const p = this.running.get(msg.id);
        this.running.delete(msg.id);
        p?.onEvent?.(msg);
        p?.resolve({
          score: msg.score,
          tokens: msg.tokens,
          candidates: msg.candidates,
          candidateTokens: msg.candidateTokens,
          aborted: msg.aborted,
        });
        return;
      }
      case 'error': {
        const err = new EngineError(msg.code, msg.message);
        if (msg.id === undefined) {
          this.loading?.reject(err);
          this.loading = null;
        } else {
          const p = this.running.get(msg.id);
          this.running.delete(msg.id);
          p?.reject(err);
        }
      }
    }
  }

  private failAll(err: Error): void {
    this.loading?.reject(err);
    this.loading = null;
    for (const p of this.running.values()) p.reject(err);
    this.running.clear();
  }
}

/** The worker resolves URLs against its own script; make them absolute against the page. */
function absoluteUrl(url: string): string {
  const base = typeof location !== 'undefined' ? location.href : 'http://localhost/';
  return new URL(url, base).href;
}
