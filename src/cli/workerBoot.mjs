// Workers run TypeScript through tsx, which the main thread's loader does not pass on to them.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
