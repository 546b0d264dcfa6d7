// Worker side of preprocess: read, quantize, window and encode a chunk of sources.
import { parentPort, workerData } from 'node:worker_threads';
import { errorText, MusicError } from '../music/errors';
import { scoreToGrid } from '../music/quantize';
import type { Score } from '../music/score';
import { makeTokenizer, type Tokenizer } from '../music/tokenizer';
import {
  emptyStats,
  encodeSamples,
  IdSink,
  plain,
  windowStats,
  type BudgetReport,
  type SampleOptions,
  type WindowStats,
} from './samples';
import { loadSource, type ReadOptions, type Source } from './sources';
import type { SplitName } from './splits';

/** A corpus as a worker sees it: how to read its files and how to sample its training windows. */
export interface JobCorpus extends ReadOptions {
  sample: SampleOptions;
}

/** A source the pool's watchdog gave up on (it overran its time, or its worker died): `index` into the job's sources. */
export interface SkippedSource {
  index: number;
  reason: string;
}

export type WorkerJob = (
  | { kind: 'stats'; id: number; sources: Source[]; corpora: JobCorpus[] }
  /**
   * `splits[i]` is null for a source its corpus's split table does not list; the windows of the
   * sources marked in `stats` are counted for the density edges and instrument list.
   */
  | {
      kind: 'encode';
      id: number;
      sources: Source[];
      splits: (SplitName | null)[];
      stats: boolean[];
      corpora: JobCorpus[];
      vocab: string[];
    }
) & { skip?: SkippedSource[] };

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
  load?: (src: Source, corpus: JobCorpus) => Score;
}

export interface ReportEntry {
  path: string;
  status: 'encoded' | 'skipped';
  /** Why a file was skipped: a MusicError code, 'unreadable', 'timeout' (the pool's watchdog), 'not-in-split' or 'no-windows'. */
  code?: string;
  reason?: string;
  split?: SplitName;
  /** Windows with notes (before copies and weighting). */
  windows?: number;
  samples?: number;
  tokens?: number;
  /** INST tokens of the piece's tracks. */
  insts?: string[];
  /** Present when the track budget left tracks out of some windows. */
  budget?: BudgetReport;
}

export type WorkerResult =
  | ({ kind: 'stats'; id: number } & WindowStats)
  | { kind: 'encode'; id: number; tokens: Record<SplitName, Uint16Array>; report: ReportEntry[]; stats: WindowStats };

let tokenizer: { key: string; tok: Tokenizer } | undefined;
function tokenizerFor(vocab: string[]): Tokenizer {
  const key = vocab.join('\n');
  if (tokenizer?.key !== key) tokenizer = { key, tok: makeTokenizer(vocab) };
  return tokenizer.tok;
}

function skipped(path: string, e: unknown): ReportEntry {
  if (e instanceof MusicError) return { path, status: 'skipped', code: e.code, reason: e.message };
  return { path, status: 'skipped', code: 'unreadable', reason: `unreadable: ${errorText(e)}` };
}

export function runJob(job: WorkerJob, hooks: JobHooks = {}): WorkerResult {
  const load = hooks.load ?? loadSource;
  const gaveUp = new Map((job.skip ?? []).map((s) => [s.index, s.reason]));
  if (job.kind === 'stats') {
    const stats: WindowStats = emptyStats();
    for (const [i, src] of job.sources.entries()) {
      if (gaveUp.has(i)) continue;
      hooks.onStart?.(i);
      const corpus = job.corpora[src.corpus];
      try {
        windowStats(scoreToGrid(load(src, corpus)), corpus.sample, stats);
      } catch {
        // Unreadable files are reported by the encode pass.
      }
    }
    return { kind: 'stats', id: job.id, ...stats };
  }
  const tok = tokenizerFor(job.vocab);
  const bySplit: Record<SplitName, IdSink> = { train: new IdSink(), val: new IdSink(), test: new IdSink() };
  const stats: WindowStats = emptyStats();
  const report: ReportEntry[] = job.sources.map((src, i) => {
    const split = job.splits[i];
    if (!split)
      return {
        path: src.rel,
        status: 'skipped',
        code: 'not-in-split',
        reason: 'the corpus split table does not list this file',
      };
    const skip = gaveUp.get(i);
    if (skip !== undefined) return { path: src.rel, status: 'skipped', code: 'timeout', reason: skip };
    hooks.onStart?.(i);
    const corpus = job.corpora[src.corpus];
    try {
      const grid = scoreToGrid(load(src, corpus));
      const opts = split === 'train' ? corpus.sample : plain(corpus.sample);
      const { samples, tokens, windows, budget } = encodeSamples(
        grid,
        src.rel,
        tok,
        opts,
        bySplit[split],
        job.stats[i] ? stats : undefined,
      );
      if (windows === 0)
        return { path: src.rel, status: 'skipped', code: 'no-windows', reason: 'no notes in any window' };
      const entry: ReportEntry = {
        path: src.rel,
        status: 'encoded',
        split,
        windows,
        samples,
        tokens,
        insts: grid.tracks.map((t) => `INST=${t.inst}`),
      };
      if (budget.windows > 0) entry.budget = budget;
      return entry;
    } catch (e) {
      return skipped(src.rel, e);
    }
  });
  return {
    kind: 'encode',
    id: job.id,
    tokens: { train: bySplit.train.ids(), val: bySplit.val.ids(), test: bySplit.test.ids() },
    report,
    stats,
  };
}

/** Answer the pool's jobs on this thread: a 'started' message per source, then the result. */
export function serveJobs(run: (job: WorkerJob, hooks: JobHooks) => WorkerResult): void {
  parentPort?.on('message', (job: WorkerJob) => {
    const onStart = (index: number) =>
      parentPort!.postMessage({ kind: 'started', id: job.id, index } satisfies WorkerProgress);
    const result = run(job, { onStart });
    const transfer = result.kind === 'encode' ? Object.values(result.tokens).map((t) => t.buffer) : [];
    parentPort!.postMessage(result, transfer as ArrayBuffer[]);
  });
}

// Serve only when started as the pool's entry: a test worker that imports this module serves its own way.
if (workerData?.entry === import.meta.url) serveJobs(runJob);
