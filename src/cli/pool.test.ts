// The pool gives every file a bounded time: a file that overruns, or whose worker dies, is skipped
// with the reason, and the job goes on with the files after it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smf } from '../music/testing/smf';
import { WorkerPool } from './pool';
import { defaultVocabulary } from '../music/vocab';
import type { JobCorpus, ReportEntry, WorkerJob, WorkerResult } from './preprocessWorker';
import type { Source } from './sources';

const root = mkdtempSync(join(tmpdir(), 'cantor-pool-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const corpus: JobCorpus = {
  conventions: {},
  sample: { bars: 1, hop: 1, transpose: [0, 0], copies: 1, weight: 1, shuffleTracks: false, fill: 0, density: false },
};

function source(name: string): Source {
  const path = join(root, name);
  writeFileSync(
    path,
    smf([
      {
        notes: [
          { pitch: 60, start: 0, duration: 480 },
          { pitch: 62, start: 480, duration: 480 },
        ],
      },
    ]),
  );
  return { rel: name, corpus: 0, kind: 'midi', path, inner: name };
}

describe('WorkerPool', () => {
  it('skips a file that overruns its time and one whose worker exits, and encodes the rest of the job', async () => {
    const sources = ['a.mid', 'stall.mid', 'b.mid', 'exit.mid', 'c.mid'].map(source);
    const job: WorkerJob = {
      kind: 'encode',
      id: 7,
      sources,
      splits: sources.map(() => 'train'),
      stats: sources.map(() => false),
      corpora: [corpus],
      vocab: defaultVocabulary(),
    };
    const pool = new WorkerPool(1, {
      entry: new URL('./testing/stallingWorker.ts', import.meta.url),
      fileTimeoutMs: 1500,
    });
    const results: WorkerResult[] = [];
    const started = performance.now();
    try {
      await pool.run(
        [job, { ...job, id: 8, sources: [sources[0]], splits: ['train'], stats: [false] }],
        (r) => void results.push(r),
      );
    } finally {
      await pool.close();
    }
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(results.map((r) => r.id)).toEqual([7, 8]);
    const report = (results[0] as Extract<WorkerResult, { kind: 'encode' }>).report;
    expect(report.map((e: ReportEntry) => [e.path, e.status])).toEqual([
      ['a.mid', 'encoded'],
      ['stall.mid', 'skipped'],
      ['b.mid', 'encoded'],
      ['exit.mid', 'skipped'],
      ['c.mid', 'encoded'],
    ]);
    expect(report[1].reason).toBe('skipped: reading and encoding it took longer than 1.5 s, the limit per file');
    expect(report[3].reason).toBe('skipped: its worker exited on it (code 3)');
    // The job after the restarts ran on a fresh worker, as usual.
    expect((results[1] as Extract<WorkerResult, { kind: 'encode' }>).report[0].status).toBe('encoded');
  });
});
