// report.json: every file with its fate, and per corpus the counts a person checks first
// (files, windows, samples, tokens per split, skipped files by reason, what the track budget left out).
import type { ReportEntry } from './preprocessWorker';
import { SPLITS, type SplitName } from './splits';

export interface CorpusSummary {
  files: number;
  encoded: number;
  skipped: number;
  /** Skipped files per reason code (e.g. no-4-4, corrupt-midi). */
  skippedBy: Record<string, number>;
  /** Encoded pieces per split. */
  pieces: Record<SplitName, number>;
  windows: Record<SplitName, number>;
  samples: Record<SplitName, number>;
  tokens: Record<SplitName, number>;
  trackBudget: { windowsOverBudget: number; tracksDropped: number; dropped: Record<string, number> };
}

const perSplit = () => ({ train: 0, val: 0, test: 0 });

function add(into: Record<string, number>, key: string, n = 1): void {
  into[key] = (into[key] ?? 0) + n;
}

export function summarize(entries: readonly ReportEntry[]): CorpusSummary {
  const s: CorpusSummary = {
    files: entries.length,
    encoded: 0,
    skipped: 0,
    skippedBy: {},
    pieces: perSplit(),
    windows: perSplit(),
    samples: perSplit(),
    tokens: perSplit(),
    trackBudget: { windowsOverBudget: 0, tracksDropped: 0, dropped: {} },
  };
  for (const e of entries) {
    if (e.status === 'skipped' || !e.split) {
      s.skipped++;
      add(s.skippedBy, e.code ?? 'unknown');
      continue;
    }
    s.encoded++;
    s.pieces[e.split]++;
    s.windows[e.split] += e.windows ?? 0;
    s.samples[e.split] += e.samples ?? 0;
    s.tokens[e.split] += e.tokens ?? 0;
    if (!e.budget) continue;
    s.trackBudget.windowsOverBudget += e.budget.windows;
    for (const [inst, n] of Object.entries(e.budget.dropped)) {
      s.trackBudget.tracksDropped += n;
      add(s.trackBudget.dropped, inst, n);
    }
  }
  return s;
}

/** The whole report: totals, one summary per corpus (by label), and every entry. */
export function buildReport(
  byCorpus: ReadonlyMap<string, readonly ReportEntry[]>,
  extra: Record<string, unknown>,
): string {
  const all = [...byCorpus.values()].flat();
  const total = summarize(all);
  const corpora = Object.fromEntries([...byCorpus].map(([label, entries]) => [label, summarize(entries)]));
  const tokens = Object.fromEntries(SPLITS.map((s) => [s, total.tokens[s]]));
  const doc = {
    files: total.files,
    encoded: total.encoded,
    skipped: total.skipped,
    tokens,
    skippedBy: total.skippedBy,
    ...extra,
    corpora,
    entries: all,
  };
  return JSON.stringify(doc, null, 1) + '\n';
}
