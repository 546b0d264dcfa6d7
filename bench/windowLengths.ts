// npm run bench:windows [-- <corpora.json>] [--datasets DIR] [--tracks 4,6,8]
// Token lengths of the training windows of a corpus list (default: the band model's) at a track
// budget of K tracks, to choose the model's context: p50/p90/p95/p99/max, and the share of windows
// that fit 512, 1024 and 2048 tokens. Each window counts as many times as it is trained on
// (copies x weight); transposition and track order do not change a window's length, and a fill
// adds three tokens.
import { resolve } from 'node:path';
import { readCorpusList } from '../src/cli/corpusList';
import { listSources, loadSource } from '../src/cli/sources';
import { encodePiece } from '../src/music/encode';
import type { GridPiece } from '../src/music/grid';
import { scoreToGrid } from '../src/music/quantize';
import { budgetTracks } from '../src/music/trackBudget';
import { windows } from '../src/music/windows';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv.splice(i, 2)[1] : undefined;
};
const datasets = flag('--datasets');
const budgets = (flag('--tracks') ?? '4,6,8').split(',').map(Number);
const listFile = resolve(argv[0] ?? 'training/corpora/band.json');
const list = readCorpusList(listFile, datasets && resolve(datasets));
const EDGES = [1, 2, 3, 4, 5, 6, 7, 8, 9]; // any edges: DENSITY is one token a track either way

/** Lengths (tokens) with weights, per budget. */
type Lengths = { length: number; weight: number }[];

function quantile(sorted: Lengths, total: number, q: number): number {
  let acc = 0;
  for (const x of sorted) {
    acc += x.weight;
    if (acc >= q * total) return x.length;
  }
  return sorted[sorted.length - 1]?.length ?? 0;
}

function row(label: string, lengths: Lengths): string {
  const sorted = [...lengths].sort((a, b) => a.length - b.length);
  const total = sorted.reduce((n, x) => n + x.weight, 0);
  const fits = (ctx: number) =>
    ((100 * sorted.filter((x) => x.length <= ctx).reduce((n, x) => n + x.weight, 0)) / total).toFixed(1) + '%';
  const q = (p: number) => quantile(sorted, total, p);
  return `| ${label} | ${total.toFixed(0)} | ${q(0.5)} | ${q(0.9)} | ${q(0.95)} | ${q(0.99)} | ${sorted[sorted.length - 1]?.length ?? 0} | ${fits(512)} | ${fits(1024)} | ${fits(2048)} |`;
}

const overall = new Map<number, Lengths>(budgets.map((k) => [k, []]));
const perCorpus: string[] = [];
list.corpora.forEach((c, i) => {
  const weight = c.augment.copies * c.augment.weight;
  const mine = new Map<number, Lengths>(budgets.map((k) => [k, []]));
  for (const src of listSources(c.path, { name: c.name, corpus: i, include: c.include, exclude: c.exclude })) {
    let ws: GridPiece[];
    try {
      ws = windows(scoreToGrid(loadSource(src, c)), list.encoding.bars, c.augment.hop);
    } catch {
      continue; // files preprocess skips (other meters, no notes)
    }
    for (const w of ws)
      for (const k of budgets) {
        const length = encodePiece(budgetTracks(w, k).piece, { densityEdges: EDGES }).length;
        mine.get(k)!.push({ length, weight });
        overall.get(k)!.push({ length, weight });
      }
  }
  for (const k of budgets) perCorpus.push(row(`${c.name}, K=${k}`, mine.get(k)!));
});

const header =
  '| budget | weighted windows | p50 | p90 | p95 | p99 | max | <= 512 | <= 1024 | <= 2048 |\n|---|---|---|---|---|---|---|---|---|---|';
console.log(`token lengths of ${list.encoding.bars}-bar training windows, ${listFile}`);
console.log(header);
for (const k of budgets) console.log(row(`all, K=${k}`, overall.get(k)!));
console.log('\nper corpus');
console.log(header);
for (const r of perCorpus) console.log(r);
