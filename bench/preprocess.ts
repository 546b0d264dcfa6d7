// npm run bench:preprocess [-- <datasets-dir>] [--workers 1,2] [--no-roundtrip]
// Preprocesses all seven corpora of ../shared/datasets through one corpus list (bench/corpora.ts),
// every window once, with 1 worker and with every core, and prints files/s and tokens/s (whole run:
// listing, encoding, density edges, shard writing). On a shared machine wall time says little, so it
// also prints files and tokens per CPU-second (all threads of the process).
// Then the round trip: per corpus, files, tokens, skipped files by reason, and the onset recall of
// decode(encode(x)) against the quantized per-track piano roll (src/music/onsetRecall.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readCorpusList } from '../src/cli/corpusList';
import { runPreprocess } from '../src/cli/preprocess';
import { listSources, loadSource } from '../src/cli/sources';
import { roundTripRecall } from '../src/music/onsetRecall';
import { scoreToGrid } from '../src/music/quantize';
import { writeSevenCorpora } from './corpora';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv.splice(i, 2)[1] : undefined;
};
const cores = availableParallelism();
const workerCounts = (flag('--workers') ?? `1,${cores}`).split(',').map(Number);
const roundTrip = !argv.includes('--no-roundtrip');
const datasets = resolve(argv.find((a) => !a.startsWith('--')) ?? '../shared/datasets');

const tmp = mkdtempSync(join(tmpdir(), 'cantor-bench-'));
const list = join(tmp, 'seven.json');
writeSevenCorpora(list, datasets, true);

interface Report {
  files: number;
  encoded: number;
  tokens: Record<string, number>;
  corpora: Record<
    string,
    {
      files: number;
      encoded: number;
      skippedBy: Record<string, number>;
      windows: Record<string, number>;
      tokens: Record<string, number>;
    }
  >;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
const rows: string[] = [];
let report: Report | undefined;
let single = 0;
for (const workers of [...new Set(workerCounts)]) {
  const out = join(tmp, `out-${workers}`);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runPreprocess(['--corpora', list, '-o', out, '--workers', String(workers), '--quiet']);
  const seconds = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  const cpu = (cu.user + cu.system) / 1e6;
  report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  const tokens = sum(report.tokens);
  const rate = report.files / seconds;
  if (workers === 1) single = rate;
  const speedup = single ? `${(rate / single).toFixed(2)}x` : '';
  rows.push(
    `| ${workers} | ${report.files} | ${seconds.toFixed(2)} | ${rate.toFixed(0)} | ${(rate / workers).toFixed(0)} | ${(tokens / seconds / 1e6).toFixed(2)}M | ${speedup} | ${cpu.toFixed(2)} | ${(report.files / cpu).toFixed(0)} | ${(tokens / cpu / 1e6).toFixed(2)}M |`,
  );
  rmSync(out, { recursive: true, force: true });
}
console.log(`preprocess: seven corpora (${datasets}), 4-bar windows, hop 4, one copy; ${cores} cores available`);
console.log(
  '| workers | files | seconds | files/s | files/s per worker | tokens/s | vs 1 worker | CPU s | files per CPU s | tokens per CPU s |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);

if (roundTrip && report) {
  const { corpora } = readCorpusList(list);
  console.log('\nround trip: decode(encode(x)) vs the quantized per-track piano roll (whole pieces, every track)');
  console.log('| corpus | files | encoded | windows | tokens | skipped by reason | onset recall | lowest file |');
  console.log('|---|---|---|---|---|---|---|---|');
  corpora.forEach((c, i) => {
    let expected = 0;
    let found = 0;
    let worst = { recall: 1, rel: '' };
    for (const src of listSources(c.path, { name: c.name, corpus: i, include: c.include, exclude: c.exclude })) {
      try {
        const score = loadSource(src, c);
        const r = roundTripRecall(score, scoreToGrid(score));
        expected += r.expected;
        found += r.found;
        if (r.expected > 0 && r.found / r.expected < worst.recall)
          worst = { recall: r.found / r.expected, rel: src.rel };
      } catch {
        // Skipped files are counted, with their reasons, in the preprocess report.
      }
    }
    const s = report!.corpora[c.name];
    const skipped =
      Object.entries(s.skippedBy)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || '-';
    const low = worst.rel ? `${worst.rel} ${worst.recall.toFixed(4)}` : '-';
    console.log(
      `| ${c.name} | ${s.files} | ${s.encoded} | ${sum(s.windows)} | ${sum(s.tokens)} | ${skipped} | ${expected ? (found / expected).toFixed(4) : '-'} | ${low} |`,
    );
  });
}
rmSync(tmp, { recursive: true, force: true });
