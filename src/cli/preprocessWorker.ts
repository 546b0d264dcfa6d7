// Worker side of preprocess: parse, quantize and encode a chunk of sources.
import { parentPort, workerData } from 'node:worker_threads';
import { errorText, MusicError } from '../music/errors';
import { makeTokenizer } from '../music/tokenizer';
import { defaultVocabulary } from '../music/vocab';
import { scoreToGrid } from '../music/quantize';
import type { Score } from '../music/score';
import { encodeSamples, windowTrackCounts, type SampleOptions } from './samples';
import { loadSource, type Source } from './sources';

export type SplitName = 'train' | 'val' | 'test';

/** A source the pool's watchdog gave up on (it overran its time, or its worker died): `index` into the job's sources. */
export interface SkippedSource {
  index: number;
  reason: string;
}

export type WorkerJob = (
  | { kind: 'count'; id: number; sources: Source[]; opts: SampleOptions }
  | { kind: 'encode'; id: number; sources: Source[]; splits: SplitName[]; opts: SampleOptions }
) & { skip?: SkippedSource[] };

export interface ReportEntry {
  path: string;
  status: 'encoded' | 'skipped';
  reason?: string;
  split?: SplitName;
  samples?: number;
  tokens?: number;
  /** INST tokens of the piece's tracks. */
  insts?: string[];
}

export type WorkerResult =
  | { kind: 'count'; id: number; counts: number[] }
  | { kind: 'encode'; id: number; tokens: Record<SplitName, Uint16Array>; report: ReportEntry[] };

/** Sent before each source is started, so the pool knows which one a stuck worker is on. */
export interface WorkerProgress {
  kind: 'started';
  id: number;
  index: number;
}

export interface JobHooks {
  /** Called before source `index` is read. */
  onStart?: (index: number) => void;
  /** How a source becomes a Score (tests swap in a slow one). */
  load?: (src: Source) => Score;
}

const tok = makeTokenizer(defaultVocabulary());

function why(e: unknown): string {
  return e instanceof MusicError ? e.message : `unreadable: ${errorText(e)}`;
}

export function runJob(job: WorkerJob, hooks: JobHooks = {}): WorkerResult {
  const load = hooks.load ?? loadSource;
  const skipped = new Map((job.skip ?? []).map((s) => [s.index, s.reason]));
  if (job.kind === 'count') {
    const counts: number[] = [];
    job.sources.forEach((src, i) => {
      if (skipped.has(i)) return;
      hooks.onStart?.(i);
      try {
        counts.push(...windowTrackCounts(scoreToGrid(load(src), job.opts), job.opts));
      } catch {
        // Unreadable files are reported by the encode pass.
      }
    });
    return { kind: 'count', id: job.id, counts };
  }
  const bySplit: Record<SplitName, number[][]> = { train: [], val: [], test: [] };
  const report: ReportEntry[] = job.sources.map((src, i) => {
    const split = job.splits[i];
    const skip = skipped.get(i);
    if (skip !== undefined) return { path: src.rel, status: 'skipped', reason: skip };
    hooks.onStart?.(i);
    try {
      const grid = scoreToGrid(load(src), job.opts);
      const samples = encodeSamples(grid, src.rel, tok, job.opts);
      if (samples.length === 0) return { path: src.rel, status: 'skipped', reason: 'no notes in any window' };
      bySplit[split].push(...samples);
      const tokens = samples.reduce((n, s) => n + s.length, 0);
      return { path: src.rel, status: 'encoded', split, samples: samples.length, tokens, insts: grid.tracks.map((t) => `INST=${t.inst}`) };
    } catch (e) {
      return { path: src.rel, status: 'skipped', reason: why(e) };
    }
  });
  const flat = (s: number[][]) => Uint16Array.from(s.flat());
  return {
    kind: 'encode',
    id: job.id,
    tokens: { train: flat(bySplit.train), val: flat(bySplit.val), test: flat(bySplit.test) },
    report,
  };
}

/** Answer the pool's jobs on this thread: a 'started' message per source, then the result. */
export function serveJobs(run: (job: WorkerJob, hooks: JobHooks) => WorkerResult): void {
  parentPort?.on('message', (job: WorkerJob) => {
    const onStart = (index: number) => parentPort!.postMessage({ kind: 'started', id: job.id, index } satisfies WorkerProgress);
    const result = run(job, { onStart });
    const transfer = result.kind === 'encode' ? Object.values(result.tokens).map((t) => t.buffer) : [];
    parentPort!.postMessage(result, transfer as ArrayBuffer[]);
  });
}

// Serve only when started as the pool's entry: a test worker that imports this module serves its own way.
if (workerData?.entry === import.meta.url) serveJobs(runJob);
