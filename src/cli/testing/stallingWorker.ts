// A preprocess worker for the pool's tests: the real job runner, except that a source whose name
// says "stall" spins forever and one that says "exit" ends its thread, as a stuck or crashed file would.
import { runJob, serveJobs } from '../preprocessWorker';
import { loadSource } from '../sources';

serveJobs((job, hooks) =>
  runJob(job, {
    ...hooks,
    load: (src, corpus) => {
      if (src.rel.includes('stall')) for (let spin = 0; spin >= 0; spin = (spin + 1) % 1000);
      if (src.rel.includes('exit')) process.exit(3);
      return loadSource(src, corpus);
    },
  }),
);
