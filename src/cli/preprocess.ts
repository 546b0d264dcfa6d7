// `cantor preprocess`: a folder of MIDI (or a JSB split) -> uint16 token shards + tokenizer.json,
// encoding.json and report.json. Parallel over worker_threads, resumable (finished chunks are kept in
// <out>/parts), shardable across machines (--shard i/N), and byte-identical for the same input.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { tokenizerJson, vocabHash } from '../music/tokenizer';
import { defaultVocabulary, STEPS_PER_BAR } from '../music/vocab';
import { CliError, int, num, parseArgs, rejectUnknown, str } from './args';
import { WorkerPool } from './pool';
import type { ReportEntry, SplitName, WorkerJob } from './preprocessWorker';
import { densityEdges, pathHash, type SampleOptions } from './samples';
import { shardHeader } from './shards';
import { listSources, type Source } from './sources';
import { Progress } from './progress';
import { parseParts } from './inputs';

const SPLITS: SplitName[] = ['train', 'val', 'test'];
const CHUNK = 64;
const MAX_SHARD_TOKENS = 100_000_000;

function parseRange(text: string): [number, number] {
  const m = /^(-?\d+)\.\.(-?\d+)$/.exec(text);
  if (!m || Number(m[1]) > Number(m[2])) throw new CliError(`--transpose takes LO..HI, e.g. -5..6, got "${text}"`);
  return [Number(m[1]), Number(m[2])];
}

function parseSplit(text: string): number[] {
  const parts = text.split(',').map(Number);
  if (parts.length !== 3 || parts.some((p) => !(p >= 0)) || Math.abs(parts[0] + parts[1] + parts[2] - 1) > 1e-6)
    throw new CliError(`--split takes three fractions that add up to 1, e.g. 0.9,0.05,0.05, got "${text}"`);
  return parts;
}

/** Split by piece: a hash of the path, so a piece never leaks across splits and runs agree. */
export function splitOf(rel: string, fractions: number[]): SplitName {
  const u = pathHash(rel) / 2 ** 32;
  if (u < fractions[0]) return 'train';
  if (u < fractions[0] + fractions[1]) return 'val';
  return 'test';
}

export async function runPreprocess(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['shuffle-tracks', 'quiet', 'no-density']);
  rejectUnknown(args, ['o', 'bars', 'hop', 'transpose', 'copies', 'shuffle-tracks', 'fill', 'parts', 'workers', 'shard', 'split', 'jsb-split', 'encoding', 'no-density', 'quiet']);
  const [input] = args.positionals;
  const out = str(args, 'o');
  if (!input || !out) throw new CliError('usage: preprocess <midi-dir|jsb.json> -o <out-dir> [options]');
  const bars = int(args, 'bars', 4, 1, 64);
  const shardText = str(args, 'shard', '0/1')!;
  const shardMatch = /^(\d+)\/(\d+)$/.exec(shardText);
  if (!shardMatch || Number(shardMatch[1]) >= Number(shardMatch[2])) throw new CliError(`--shard takes i/N with i < N, got "${shardText}"`);
  const [shardIndex, shardCount] = [Number(shardMatch[1]), Number(shardMatch[2])];
  const fractions = parseSplit(str(args, 'split', '0.9,0.05,0.05')!);
  const opts: SampleOptions = {
    bars,
    hop: int(args, 'hop', bars, 1, 64),
    transpose: parseRange(str(args, 'transpose', '0..0')!),
    copies: int(args, 'copies', 1, 1, 64),
    shuffleTracks: args.flags.get('shuffle-tracks') === true,
    fill: num(args, 'fill', 0),
    parts: args.flags.has('parts') ? parseParts(str(args, 'parts')!) : undefined,
  };
  const workers = int(args, 'workers', availableParallelism(), 1, 256);
  const quiet = args.flags.get('quiet') === true;

  const allSources = listSources(input, str(args, 'jsb-split'));
  const sources = allSources.filter((_, i) => i % shardCount === shardIndex);
  if (sources.length === 0) throw new CliError(`no MIDI files found in ${input}`);
  const splits = sources.map((s) => splitOf(s.rel, fractions));
  const vocab = defaultVocabulary();
  const hash = vocabHash(vocab);
  mkdirSync(join(out, 'parts'), { recursive: true });

  const pool = new WorkerPool(Math.min(workers, Math.ceil(sources.length / CHUNK)));
  try {
    const encodingPath = str(args, 'encoding');
    if (args.flags.has('no-density')) opts.densityEdges = undefined;
    else if (encodingPath) opts.densityEdges = readEdges(encodingPath);
    else {
      // Edges come from the whole corpus, not this shard, so every machine of a sharded run agrees;
      // a resumed run reuses them instead of counting again.
      const edgesPath = join(out, 'parts', 'edges.json');
      opts.densityEdges = existsSync(edgesPath)
        ? (JSON.parse(readFileSync(edgesPath, 'utf8')) as number[])
        : await computeEdges(pool, allSources.filter((s) => splitOf(s.rel, fractions) === 'train'), opts, quiet);
      writeFileSync(edgesPath, JSON.stringify(opts.densityEdges));
    }

    // Chunks already written by an earlier run with the same options are kept.
    const params = JSON.stringify({ input, opts, fractions, shardText, vocab: hash, chunk: CHUNK });
    const paramsPath = join(out, 'parts', 'params.json');
    if (existsSync(paramsPath) && readFileSync(paramsPath, 'utf8') !== params)
      throw new CliError(`${out} holds parts made with other options; remove ${join(out, 'parts')} or use another folder`);
    writeFileSync(paramsPath, params);

    const chunkCount = Math.ceil(sources.length / CHUNK);
    const jobs: WorkerJob[] = [];
    for (let c = 0; c < chunkCount; c++) {
      if (existsSync(partPath(out, c, 'done'))) continue;
      jobs.push({ kind: 'encode', id: c, sources: sources.slice(c * CHUNK, (c + 1) * CHUNK), splits: splits.slice(c * CHUNK, (c + 1) * CHUNK), opts });
    }
    const progress = new Progress('encode', sources.length, quiet);
    progress.tick((chunkCount - jobs.length) * CHUNK);
    await pool.run(jobs, (r) => {
      if (r.kind !== 'encode') return;
      for (const s of SPLITS) writeFileSync(partPath(out, r.id, s), r.tokens[s]);
      writeFileSync(partPath(out, r.id, 'report'), JSON.stringify(r.report));
      writeFileSync(partPath(out, r.id, 'done'), '');
      progress.tick(r.report.length);
    });
    progress.done();

    const prefix = shardCount > 1 ? `${shardIndex}of${shardCount}_` : '';
    const totals = writeShards(out, chunkCount, prefix, vocab.length, hash);
    const report = Array.from({ length: chunkCount }, (_, c) => JSON.parse(readFileSync(partPath(out, c, 'report'), 'utf8')) as ReportEntry[]).flat();
    const encoding = { format: 'mmmtrack', version: 1, bars, hop: opts.hop, stepsPerBar: STEPS_PER_BAR, density: { enabled: !!opts.densityEdges, edges: opts.densityEdges ?? [] }, parts: opts.parts ?? [], instruments: instrumentsOf(report, opts), fill: opts.fill > 0, vocabHash: hash };
    writeFileSync(join(out, 'tokenizer.json'), tokenizerJson(vocab));
    writeFileSync(join(out, 'encoding.json'), JSON.stringify(encoding, null, 2) + '\n');
    const skipped = report.filter((r) => r.status === 'skipped').length;
    writeFileSync(join(out, 'report.json'), JSON.stringify({ files: report.length, encoded: report.length - skipped, skipped, tokens: totals, entries: report }, null, 1) + '\n');
    if (!quiet) process.stderr.write(`${report.length - skipped} encoded, ${skipped} skipped; tokens ${JSON.stringify(totals)}\n`);
  } finally {
    await pool.close();
  }
}

function partPath(out: string, chunk: number, what: SplitName | 'report' | 'done'): string {
  const name = String(chunk).padStart(6, '0');
  return join(out, 'parts', what === 'report' ? `${name}.report.json` : what === 'done' ? `${name}.done` : `${name}.${what}.u16`);
}

function readEdges(path: string): number[] {
  try {
    const edges = JSON.parse(readFileSync(path, 'utf8')).density?.edges;
    if (Array.isArray(edges) && edges.length > 0) return edges;
  } catch {
    // fall through to the error below
  }
  throw new CliError(`${path} has no density edges`);
}

/** Most training files read to find the density bin edges: quantiles settle long before 400K files. */
const DENSITY_SAMPLE = 5000;

async function computeEdges(pool: WorkerPool, trainSources: Source[], opts: SampleOptions, quiet: boolean): Promise<number[]> {
  // A deterministic sample: the files with the lowest path hashes.
  const train = trainSources
    .map((s) => ({ s, h: pathHash(s.rel) }))
    .sort((a, b) => a.h - b.h || (a.s.rel < b.s.rel ? -1 : 1))
    .slice(0, DENSITY_SAMPLE)
    .map((x) => x.s);
  const jobs: WorkerJob[] = [];
  for (let i = 0; i < train.length; i += CHUNK) jobs.push({ kind: 'count', id: i, sources: train.slice(i, i + CHUNK), opts });
  const progress = new Progress('density', train.length, quiet);
  const counts: number[][] = [];
  await pool.run(jobs, (r) => {
    if (r.kind === 'count') counts[r.id / CHUNK] = r.counts;
    progress.tick(CHUNK);
  });
  progress.done();
  return densityEdges(counts.flat());
}

/** Concatenate chunk parts in chunk order into shards with headers; returns token totals per split. */
function writeShards(out: string, chunkCount: number, prefix: string, vocabSize: number, hash: string): Record<SplitName, number> {
  const totals = { train: 0, val: 0, test: 0 };
  for (const split of SPLITS) {
    let shard = 0;
    let buffers: Uint8Array[] = [];
    let count = 0;
    const flush = () => {
      const path = join(out, `${prefix}${split}_${String(shard).padStart(3, '0')}.bin`);
      const fd = openSync(path + '.tmp', 'w');
      writeSync(fd, shardHeader(count, vocabSize, hash));
      for (const b of buffers) writeSync(fd, b);
      closeSync(fd);
      renameSync(path + '.tmp', path);
      shard++;
      buffers = [];
      count = 0;
    };
    for (let c = 0; c < chunkCount; c++) {
      const bytes = new Uint8Array(readFileSync(partPath(out, c, split)));
      if (count > 0 && count + bytes.length / 2 > MAX_SHARD_TOKENS) flush();
      buffers.push(bytes);
      count += bytes.length / 2;
      totals[split] += bytes.length / 2;
    }
    if (count > 0) flush();
    else rmSync(join(out, `${prefix}${split}_000.bin`), { force: true });
  }
  return totals;
}

/** The INST tokens the data uses, most frequent first (parts keep their given order). */
function instrumentsOf(report: ReportEntry[], opts: SampleOptions): string[] {
  if (opts.parts) return opts.parts.map((p) => `INST=${p}`);
  const counts = new Map<string, number>();
  for (const r of report) for (const i of r.insts ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([i]) => i);
}
