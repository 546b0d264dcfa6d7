// npm run bench:preprocess [-- <datasets-dir>]
// Preprocesses the 1,200 JS Fakes plus the 909 POP909 songs with 1 worker and with every core,
// and prints files/s and tokens/s (whole run: listing, density pass, encoding, shard writing).
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runPreprocess } from '../src/cli/preprocess';

const datasets = resolve(process.argv[2] ?? '../shared/datasets');
const sets = ['js-fakes', 'pop909'].map((d) => join(datasets, d));
for (const s of sets) if (!existsSync(s)) throw new Error(`missing data set ${s}; pass the datasets folder`);

const input = mkdtempSync(join(tmpdir(), 'cantor-bench-in-'));
for (const s of sets) symlinkSync(s, join(input, s.split('/').pop()!));

const cores = availableParallelism();
const rows: string[] = [];
for (const workers of [...new Set([1, cores])]) {
  const out = mkdtempSync(join(tmpdir(), 'cantor-bench-out-'));
  const t0 = performance.now();
  await runPreprocess([input, '-o', out, '--bars', '4', '--hop', '4', '--workers', String(workers), '--quiet']);
  const seconds = (performance.now() - t0) / 1000;
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const tokens = report.tokens.train + report.tokens.val + report.tokens.test;
  const filesPerS = report.files / seconds;
  rows.push(
    `| ${workers} | ${report.files} | ${report.encoded} | ${seconds.toFixed(2)} | ${filesPerS.toFixed(0)} | ${(filesPerS / workers).toFixed(0)} | ${(tokens / seconds / 1e6).toFixed(2)}M |`,
  );
  rmSync(out, { recursive: true, force: true });
}
rmSync(input, { recursive: true, force: true });
console.log(`preprocess: JS Fakes + POP909, 4-bar windows, hop 4, ${cores} cores available`);
console.log('| workers | files | encoded | seconds | files/s | files/s per worker | tokens/s |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
