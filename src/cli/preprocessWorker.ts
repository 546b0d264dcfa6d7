// Worker side of preprocess: parse, quantize and encode a chunk of sources.
import { parentPort } from 'node:worker_threads';
import { MusicError } from '../music/errors';
import { makeTokenizer } from '../music/tokenizer';
import { defaultVocabulary } from '../music/vocab';
import { scoreToGrid } from '../music/quantize';
import { encodeSamples, windowTrackCounts, type SampleOptions } from './samples';
import { loadSource, type Source } from './sources';

export type SplitName = 'train' | 'val' | 'test';

export type WorkerJob =
  | { kind: 'count'; id: number; sources: Source[]; opts: SampleOptions }
  | { kind: 'encode'; id: number; sources: Source[]; splits: SplitName[]; opts: SampleOptions };

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

const tok = makeTokenizer(defaultVocabulary());

function why(e: unknown): string {
  return e instanceof MusicError ? e.message : `unreadable: ${(e as Error).message ?? String(e)}`;
}

export function runJob(job: WorkerJob): WorkerResult {
  if (job.kind === 'count') {
    const counts: number[] = [];
    for (const src of job.sources) {
      try {
        counts.push(...windowTrackCounts(scoreToGrid(loadSource(src), job.opts), job.opts));
      } catch {
        // Unreadable files are reported by the encode pass.
      }
    }
    return { kind: 'count', id: job.id, counts };
  }
  const bySplit: Record<SplitName, number[][]> = { train: [], val: [], test: [] };
  const report: ReportEntry[] = job.sources.map((src, i) => {
    const split = job.splits[i];
    try {
      const grid = scoreToGrid(loadSource(src), job.opts);
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

parentPort?.on('message', (job: WorkerJob) => {
  const result = runJob(job);
  const transfer = result.kind === 'encode' ? Object.values(result.tokens).map((t) => t.buffer) : [];
  parentPort!.postMessage(result, transfer as ArrayBuffer[]);
});
