// Running a preprocess plan: parallel over worker_threads, resumable (finished chunks are kept in
// <out>/parts), shardable across machines (--shard i/N), and byte-identical for the same input.
// The vocabulary, density edges and instrument list come from the whole corpus, never from one
// shard, so the N outputs of a sharded run agree and train as one dataset.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsbSplit } from '../music/jsb';
import { tokenizerJson, vocabHash } from '../music/tokenizer';
import { STEPS_PER_BAR } from '../music/vocab';
import { CliError } from './args';
import type { Corpus, EncodingOptions } from './corpusList';
import { WorkerPool } from './pool';
import type { JobCorpus, ReportEntry, WorkerJob } from './preprocessWorker';
import { Progress } from './progress';
import { buildReport } from './report';
import { densityEdges, pathHash, type SampleOptions } from './samples';
import { writeSplitShards } from './shards';
import { listSources, type Source } from './sources';
import { splitOf, SPLITS, type SplitName } from './splits';

export interface Plan {
  corpora: Corpus[];
  /** Report names of the corpora (the folder name for the single-folder form). */
  labels: string[];
  encoding: EncodingOptions;
  vocab: string[];
  /** Single-folder form with a JSB JSON: the split it reads. */
  jsbSplit?: JsbSplit;
  /** 'flat': shards in <out> (single-folder form); 'folders': <out>/<corpus>/, each a dataset by itself. */
  layout: 'flat' | 'folders';
  listFile?: string;
}

export interface RunOptions {
  out: string;
  workers: number;
  shard: [number, number];
  /** An encoding.json or config.json whose density edges to use instead of counting. */
  edgesFrom?: string;
  quiet: boolean;
}

const CHUNK = 64;
/** Most training files read to find the density bin edges and instruments: quantiles settle long before 400K files. */
const STATS_SAMPLE = 5000;
/** An instrument is known to the data when it plays in at least this share of training track-windows (and once). */
const KNOWN_SHARE = 1e-4;

const JSB_NAMES: Record<JsbSplit, SplitName> = { train: 'train', valid: 'val', test: 'test' };

function splitFor(src: Source, c: Corpus): SplitName | null {
  const rule = c.split;
  if (rule.kind === 'jsb') return src.kind === 'jsb' ? JSB_NAMES[src.split] : null;
  if (rule.kind === 'table') return rule.table.get(src.inner) ?? null;
  const key = c.pieceKey ? (new RegExp(c.pieceKey).exec(src.inner)?.[0] ?? src.inner) : src.inner;
  return splitOf(c.name ? `${c.name}/${key}` : key, rule.fractions);
}

function readEdges(path: string): number[] {
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    const edges = (doc.encoding ?? doc).density?.edges;
    if (Array.isArray(edges) && edges.length > 0) return edges;
  } catch {
    // fall through to the error below
  }
  throw new CliError(`${path} has no density edges`);
}

interface Stats {
  edges: number[];
  instruments: string[];
  instrumentWindows: Record<string, number>;
}

async function computeStats(pool: WorkerPool, train: Source[], corpora: JobCorpus[], parts: readonly string[], quiet: boolean): Promise<Stats> {
  // A deterministic sample: the files with the lowest path hashes.
  const sample = train
    .map((s) => ({ s, h: pathHash(s.rel) }))
    .sort((a, b) => a.h - b.h || (a.s.rel < b.s.rel ? -1 : 1))
    .slice(0, STATS_SAMPLE)
    .map((x) => x.s);
  const jobs: WorkerJob[] = [];
  for (let i = 0; i < sample.length; i += CHUNK) jobs.push({ kind: 'stats', id: i / CHUNK, sources: sample.slice(i, i + CHUNK), corpora });
  const progress = new Progress('stats', sample.length, quiet);
  const counts: number[][] = [];
  const insts: Record<string, number>[] = [];
  await pool.run(jobs, (r) => {
    if (r.kind !== 'stats') return;
    counts[r.id] = r.counts;
    insts[r.id] = r.insts;
    progress.tick(CHUNK);
  });
  progress.done();
  const windows: Record<string, number> = {};
  for (const m of insts) for (const [k, n] of Object.entries(m ?? {})) windows[k] = (windows[k] ?? 0) + n;
  const total = Object.values(windows).reduce((a, b) => a + b, 0);
  const partTokens = parts.map((p) => `INST=${p}`);
  // Parts keep their order; other instruments, most played first, if the data plays them enough to learn.
  const others = Object.entries(windows)
    .filter(([k, n]) => !partTokens.includes(k) && n >= Math.max(1, total * KNOWN_SHARE))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k);
  const sortedWindows = Object.fromEntries(Object.entries(windows).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  return { edges: densityEdges(counts.flat()), instruments: [...partTokens, ...others], instrumentWindows: sortedWindows };
}

function partPath(out: string, chunk: number, what: SplitName | 'report' | 'done'): string {
  const name = String(chunk).padStart(6, '0');
  return join(out, 'parts', what === 'report' ? `${name}.report.json` : what === 'done' ? `${name}.done` : `${name}.${what}.u16`);
}

export async function runPlan(plan: Plan, o: RunOptions): Promise<void> {
  const { out, quiet } = o;
  const [shardIndex, shardCount] = o.shard;
  const { encoding, corpora } = plan;
  const all: Source[] = corpora.flatMap((c, i) => {
    const found = listSources(c.path, { name: c.name, corpus: i, jsbSplits: plan.jsbSplit ? [plan.jsbSplit] : undefined, include: c.include, exclude: c.exclude });
    if (found.length === 0) throw new CliError(`no MIDI files found in ${c.path}`);
    return found;
  });
  const allSplits = all.map((s) => splitFor(s, corpora[s.corpus]));
  const mine = all.flatMap((_, i) => (i % shardCount === shardIndex ? [i] : []));
  if (mine.length === 0) throw new CliError(`shard ${shardIndex}/${shardCount} has no files`);
  const hash = vocabHash(plan.vocab);
  const jobCorpora: JobCorpus[] = corpora.map((c) => ({
    conventions: c.conventions,
    meterFile: c.meterFile,
    sample: { bars: encoding.bars, maxTracks: encoding.maxTracks, ...c.augment } satisfies SampleOptions,
  }));
  mkdirSync(join(out, 'parts'), { recursive: true });

  // Chunks already written by an earlier run with the same options are kept.
  const params = JSON.stringify({ corpora: plan.corpora.map((c) => ({ ...c, split: c.split.kind === 'table' ? c.split.source : c.split })), encoding, shard: o.shard, edgesFrom: o.edgesFrom, vocab: hash, chunk: CHUNK, jsb: plan.jsbSplit });
  const paramsPath = join(out, 'parts', 'params.json');
  if (existsSync(paramsPath) && readFileSync(paramsPath, 'utf8') !== params)
    throw new CliError(`${out} holds parts made with other options; remove ${join(out, 'parts')} or use another folder`);
  writeFileSync(paramsPath, params);

  // Chunks never mix corpora, so each corpus's shards are its own chunks in order.
  const chunks: { corpus: number; members: number[] }[] = [];
  for (const i of mine) {
    const last = chunks[chunks.length - 1];
    if (last && last.corpus === all[i].corpus && last.members.length < CHUNK) last.members.push(i);
    else chunks.push({ corpus: all[i].corpus, members: [i] });
  }

  const pool = new WorkerPool(Math.max(1, Math.min(o.workers, chunks.length)));
  try {
    const statsPath = join(out, 'parts', 'stats.json');
    const stats: Stats = existsSync(statsPath)
      ? JSON.parse(readFileSync(statsPath, 'utf8'))
      : await computeStats(pool, all.filter((_, i) => allSplits[i] === 'train'), jobCorpora, encoding.parts, quiet);
    writeFileSync(statsPath, JSON.stringify(stats));
    const edges = !encoding.density ? undefined : o.edgesFrom ? readEdges(o.edgesFrom) : stats.edges;
    for (const c of jobCorpora) c.sample.densityEdges = edges;

    const jobs: WorkerJob[] = [];
    chunks.forEach((chunk, id) => {
      if (existsSync(partPath(out, id, 'done'))) return;
      jobs.push({ kind: 'encode', id, sources: chunk.members.map((i) => all[i]), splits: chunk.members.map((i) => allSplits[i]), corpora: jobCorpora, vocab: plan.vocab });
    });
    const progress = new Progress('encode', mine.length, quiet);
    progress.tick(chunks.filter((_, id) => existsSync(partPath(out, id, 'done'))).reduce((n, c) => n + c.members.length, 0));
    await pool.run(jobs, (r) => {
      if (r.kind !== 'encode') return;
      for (const s of SPLITS) writeFileSync(partPath(out, r.id, s), r.tokens[s]);
      writeFileSync(partPath(out, r.id, 'report'), JSON.stringify(r.report));
      writeFileSync(partPath(out, r.id, 'done'), '');
      progress.tick(r.report.length);
    });
    progress.done();

    const encodingDoc = {
      format: 'mmmtrack',
      version: 1,
      bars: encoding.bars,
      hop: corpora[0].augment.hop,
      stepsPerBar: STEPS_PER_BAR,
      density: { enabled: !!edges, edges: edges ?? [] },
      parts: encoding.parts,
      instruments: stats.instruments,
      instrumentWindows: stats.instrumentWindows,
      maxTracks: encoding.maxTracks,
      fill: corpora.some((c) => c.augment.fill > 0),
      vocabHash: hash,
    };
    const files = { 'tokenizer.json': tokenizerJson(plan.vocab), 'encoding.json': JSON.stringify(encodingDoc, null, 2) + '\n' };
    const prefix = shardCount > 1 ? `${shardIndex}of${shardCount}_` : '';
    const byCorpus = new Map<string, ReportEntry[]>();
    corpora.forEach((c, ci) => {
      const dir = plan.layout === 'flat' ? out : join(out, c.name);
      mkdirSync(dir, { recursive: true });
      const own = chunks.flatMap((ch, id) => (ch.corpus === ci ? [id] : []));
      for (const s of SPLITS) writeSplitShards(dir, prefix, s, own.map((id) => partPath(out, id, s)), plan.vocab.length, hash);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      byCorpus.set(plan.labels[ci], own.flatMap((id) => JSON.parse(readFileSync(partPath(out, id, 'report'), 'utf8')) as ReportEntry[]));
    });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
    const extra = { shard: `${shardIndex}/${shardCount}`, maxTracks: encoding.maxTracks, corpusList: plan.listFile ?? null };
    const report = buildReport(byCorpus, extra);
    writeFileSync(join(out, 'report.json'), report);
    if (!quiet) {
      const r = JSON.parse(report);
      process.stderr.write(`${r.encoded} encoded, ${r.skipped} skipped; tokens ${JSON.stringify(r.tokens)}\n`);
    }
  } finally {
    await pool.close();
  }
}
