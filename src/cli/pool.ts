// A fixed pool of worker_threads that runs jobs and hands back results as they finish.
// Every file gets a bounded time: a worker that overruns on one (or dies on it, e.g. out of memory)
// is terminated and replaced, that file is skipped with the reason, and the job goes on without it.
import { Worker } from 'node:worker_threads';
import { errorText } from '../music/errors';
import type { WorkerJob, WorkerProgress, WorkerResult } from './preprocessWorker';

/** Per file: reading, quantizing and encoding the largest real files takes well under a second. */
export const FILE_TIMEOUT_MS = 30_000;
/** Heap per worker: a file that needs more is skipped instead of taking the machine's memory. */
export const WORKER_HEAP_MB = 2048;

export interface PoolOptions {
  /** The worker module (default preprocessWorker.ts); tests pass their own. */
  entry?: URL;
  fileTimeoutMs?: number;
  heapMb?: number;
}

type Outcome = WorkerResult | { kind: 'gave-up'; index: number; reason: string };

export class WorkerPool {
  private workers: Worker[];
  private readonly entry: string;
  private readonly fileTimeoutMs: number;
  private readonly heapMb: number;

  constructor(size: number, options: PoolOptions = {}) {
    this.entry = (options.entry ?? new URL('./preprocessWorker.ts', import.meta.url)).href;
    this.fileTimeoutMs = options.fileTimeoutMs ?? FILE_TIMEOUT_MS;
    this.heapMb = options.heapMb ?? WORKER_HEAP_MB;
    this.workers = Array.from({ length: size }, () => this.spawn());
  }

  private spawn(): Worker {
    return new Worker(new URL('./workerBoot.mjs', import.meta.url), {
      workerData: { entry: this.entry },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
  }

  /** Runs every job, at most one per worker at a time; `onResult` sees results in completion order. */
  async run(jobs: WorkerJob[], onResult: (r: WorkerResult) => void | Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      this.workers.map(async (_, slot) => {
        while (next < jobs.length) {
          let job = jobs[next++];
          for (;;) {
            const outcome = await this.attempt(slot, job);
            if (outcome.kind !== 'gave-up') {
              await onResult(outcome);
              break;
            }
            // Run the job again on a fresh worker, without the file that stopped the last one.
            job = { ...job, skip: [...(job.skip ?? []), { index: outcome.index, reason: outcome.reason }] };
          }
        }
      }),
    );
  }

  private attempt(slot: number, job: WorkerJob): Promise<Outcome> {
    const worker = this.workers[slot];
    return new Promise<Outcome>((resolve, reject) => {
      let current = -1;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const detach = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const giveUp = (reason: string) => {
        detach();
        worker.on('error', () => {}); // whatever it says while it is being stopped no longer matters
        void worker.terminate();
        this.workers[slot] = this.spawn();
        // Before its first file a worker failing is not the data's fault: the run stops and says so.
        if (current < 0) reject(new Error(`a preprocess worker failed before reading a file: ${reason}`));
        else resolve({ kind: 'gave-up', index: current, reason });
      };
      const onMessage = (m: WorkerResult | WorkerProgress) => {
        if (m.kind === 'started') {
          current = m.index;
          clearTimeout(timer);
          timer = setTimeout(
            () =>
              giveUp(
                `skipped: reading and encoding it took longer than ${this.fileTimeoutMs / 1000} s, the limit per file`,
              ),
            this.fileTimeoutMs,
          );
          return;
        }
        detach();
        resolve(m);
      };
      const onError = (e: unknown) => giveUp(`skipped: its worker stopped on it (${errorText(e)})`);
      const onExit = (code: number) => giveUp(`skipped: its worker exited on it (code ${code})`);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
