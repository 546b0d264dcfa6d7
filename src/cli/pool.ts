// A fixed pool of worker_threads that runs jobs and hands back results as they finish.
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerResult } from './preprocessWorker';

export class WorkerPool {
  private workers: Worker[];

  constructor(size: number) {
    const entry = new URL('./preprocessWorker.ts', import.meta.url).href;
    this.workers = Array.from({ length: size }, () => new Worker(new URL('./workerBoot.mjs', import.meta.url), { workerData: { entry } }));
  }

  /** Runs every job, at most one per worker at a time; `onResult` sees results in completion order. */
  async run(jobs: WorkerJob[], onResult: (r: WorkerResult) => void | Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      this.workers.map(async (worker) => {
        while (next < jobs.length) {
          const job = jobs[next++];
          const result = await new Promise<WorkerResult>((resolve, reject) => {
            const onError = (e: Error) => reject(e);
            worker.once('error', onError);
            worker.once('message', (r: WorkerResult) => {
              worker.off('error', onError);
              resolve(r);
            });
            worker.postMessage(job);
          });
          await onResult(result);
        }
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
