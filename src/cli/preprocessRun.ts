// Running a preprocess plan: parallel over worker_threads, resumable (finished chunks are kept in
// <out>/parts), shardable across machines (--shard i/N), and byte-identical for the same input.
// The vocabulary, density edges and instrument list come from the whole corpus, never from one
// shard, so the N outputs of a sharded run agree and train as one dataset.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsbSplit } from '../music/jsb';
import { makeTokenizer, tokenizerJson, vocabHash } from '../music/tokenizer';
import { STEPS_PER_BAR } from '../music/vocab';
import { CliError } from './args';
import type { Corpus, EncodingOptions } from './corpusList';
import { WorkerPool } from './pool';
import type { JobCorpus, ReportEntry, WorkerJob } from './preprocessWorker';
import { Progress } from './progress';
import { buildReport } from './report';
import { CONTROL_BINS, controlEdges } from '../music/controls';
import {
  densityEdges,
  pathHash,
  resolveSlots,
  slotKinds,
  type SampleOptions,
  type SlotKind,
  type WindowStats,
} from './samples';
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
  /** An encoding.json or config.json whose density (and polyphony, duration) edges to use instead of counting. */
  edgesFrom?: string;
  quiet: boolean;
}

const CHUNK = 64;
/** Most training files counted for the density bin edges and instruments: quantiles settle long before 400K files. */
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

/** encoding.json's key for each header slot's edges. */
const EDGE_KEYS: Record<SlotKind, 'density' | 'polyphony' | 'duration'> = {
  DENSITY: 'density',
  POLYPHONY: 'polyphony',
  DURATION: 'duration',
};

function readEdges(path: string, kind: SlotKind): number[] {
  const key = EDGE_KEYS[kind];
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    const edges = (doc.encoding ?? doc)[key]?.edges;
    if (Array.isArray(edges) && edges.length > 0) return edges;
  } catch {
    // fall through to the error below
  }
  throw new CliError(`${path} has no ${key} edges`);
}

interface Stats {
  edges: Record<SlotKind, number[]>;
  instruments: string[];
  instrumentWindows: Record<string, number>;
}

/** Density edges and the instruments the data knows, from the counted windows. */
function statsFrom(parts: WindowStats[], usedParts: readonly string[]): Stats {
  const windows: Record<string, number> = {};
  for (const m of parts) for (const [k, n] of Object.entries(m.insts)) windows[k] = (windows[k] ?? 0) + n;
  const total = Object.values(windows).reduce((a, b) => a + b, 0);
  const partTokens = usedParts.map((p) => `INST=${p}`);
  // Parts keep their order; other instruments, most played first, if the data plays them enough to learn.
  const byCount = Object.entries(windows).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const others = byCount
    .filter(([k, n]) => !partTokens.includes(k) && n >= Math.max(1, total * KNOWN_SHARE))
    .map(([k]) => k);
  const edges = {
    DENSITY: densityEdges(parts.flatMap((p) => p.counts)),
    POLYPHONY: controlEdges(
      parts.flatMap((p) => p.polyphony ?? []),
      CONTROL_BINS.POLYPHONY,
    ),
    DURATION: controlEdges(
      parts.flatMap((p) => p.duration ?? []),
      CONTROL_BINS.DURATION,
    ),
  };
  return { edges, instruments: [...partTokens, ...others], instrumentWindows: Object.fromEntries(byCount) };
}

/** The training files whose windows are counted: the STATS_SAMPLE with the lowest path hashes (the same on every machine). */
function statsSample(all: readonly Source[], splits: readonly (SplitName | null)[]): Set<number> {
  const train = all.flatMap((s, i) => (splits[i] === 'train' ? [{ i, rel: s.rel, h: pathHash(s.rel) }] : []));
  train.sort((a, b) => a.h - b.h || (a.rel < b.rel ? -1 : 1));
  return new Set(train.slice(0, STATS_SAMPLE).map((x) => x.i));
}

/** A shard of a sharded run counts the whole corpus's sample itself, so every shard gets the same edges. */
async function countSample(
  pool: WorkerPool,
  sources: Source[],
  corpora: JobCorpus[],
  quiet: boolean,
): Promise<WindowStats[]> {
  const jobs: WorkerJob[] = [];
  for (let i = 0; i < sources.length; i += CHUNK)
    jobs.push({ kind: 'stats', id: i / CHUNK, sources: sources.slice(i, i + CHUNK), corpora });
  const progress = new Progress('stats', sources.length, quiet);
  const out: WindowStats[] = [];
  await pool.run(jobs, (r) => {
    if (r.kind !== 'stats') return;
    out[r.id] = { counts: r.counts, polyphony: r.polyphony, duration: r.duration, insts: r.insts };
    progress.tick(CHUNK);
  });
  progress.done();
  return out;
}

type PartKind = SplitName | 'report' | 'stats' | 'done';

function partPath(out: string, chunk: number, what: PartKind): string {
  const name = String(chunk).padStart(6, '0');
  const ext: Record<PartKind, string> = {
    train: 'train.u16',
    val: 'val.u16',
    test: 'test.u16',
    report: 'report.json',
    stats: 'stats.json',
    done: 'done',
  };
  return join(out, 'parts', `${name}.${ext[what]}`);
}

export async function runPlan(plan: Plan, o: RunOptions): Promise<void> {
  const { out, quiet } = o;
  const [shardIndex, shardCount] = o.shard;
  const { encoding, corpora } = plan;
  const all: Source[] = corpora.flatMap((c, i) => {
    const found = listSources(c.path, {
      name: c.name,
      corpus: i,
      jsbSplits: plan.jsbSplit ? [plan.jsbSplit] : undefined,
      include: c.include,
      exclude: c.exclude,
    });
    if (found.length === 0) throw new CliError(`no MIDI files found in ${c.path}`);
    return found;
  });
  const allSplits = all.map((s) => splitFor(s, corpora[s.corpus]));
  const mine = all.flatMap((_, i) => (i % shardCount === shardIndex ? [i] : []));
  if (mine.length === 0) throw new CliError(`shard ${shardIndex}/${shardCount} has no files`);
  const hash = vocabHash(plan.vocab);
  const tok = makeTokenizer(plan.vocab);
  const jobCorpora: JobCorpus[] = corpora.map((c) => ({
    conventions: c.conventions,
    meterFile: c.meterFile,
    sample: {
      bars: encoding.bars,
      maxTracks: encoding.maxTracks,
      density: encoding.density,
      polyphony: encoding.polyphony,
      duration: encoding.duration,
      ...c.augment,
    } satisfies SampleOptions,
  }));
  mkdirSync(join(out, 'parts'), { recursive: true });

  // Chunks already written by an earlier run with the same options are kept.
  const params = JSON.stringify({
    corpora: plan.corpora.map((c) => ({ ...c, split: c.split.kind === 'table' ? c.split.source : c.split })),
    encoding,
    shard: o.shard,
    edgesFrom: o.edgesFrom,
    vocab: hash,
    chunk: CHUNK,
    jsb: plan.jsbSplit,
  });
  const paramsPath = join(out, 'parts', 'params.json');
  if (existsSync(paramsPath) && readFileSync(paramsPath, 'utf8') !== params)
    throw new CliError(
      `${out} holds parts made with other options; remove ${join(out, 'parts')} or use another folder`,
    );
  writeFileSync(paramsPath, params);

  // Chunks never mix corpora, so each corpus's shards are its own chunks in order.
  const chunks: { corpus: number; members: number[] }[] = [];
  for (const i of mine) {
    const last = chunks[chunks.length - 1];
    if (last && last.corpus === all[i].corpus && last.members.length < CHUNK) last.members.push(i);
    else chunks.push({ corpus: all[i].corpus, members: [i] });
  }

  const sample = statsSample(all, allSplits);
  const sharded = shardCount > 1;
  const pool = new WorkerPool(Math.max(1, Math.min(o.workers, chunks.length)));
  try {
    // One pass: an unsharded run counts its sample while it encodes; a shard counts the whole sample first.
    const statsPath = join(out, 'parts', 'stats.json');
    let counted: WindowStats[] | undefined;
    if (sharded) {
      counted = existsSync(statsPath)
        ? JSON.parse(readFileSync(statsPath, 'utf8'))
        : await countSample(
            pool,
            [...sample].sort((a, b) => a - b).map((i) => all[i]),
            jobCorpora,
            quiet,
          );
      writeFileSync(statsPath, JSON.stringify(counted));
    }
    const jobs: WorkerJob[] = [];
    chunks.forEach((chunk, id) => {
      if (existsSync(partPath(out, id, 'done'))) return;
      const sources = chunk.members.map((i) => all[i]);
      const stats = chunk.members.map((i) => !sharded && sample.has(i));
      jobs.push({
        kind: 'encode',
        id,
        sources,
        splits: chunk.members.map((i) => allSplits[i]),
        stats,
        corpora: jobCorpora,
        vocab: plan.vocab,
      });
    });
    const progress = new Progress('encode', mine.length, quiet);
    progress.tick(
      chunks.filter((_, id) => existsSync(partPath(out, id, 'done'))).reduce((n, c) => n + c.members.length, 0),
    );
    await pool.run(jobs, (r) => {
      if (r.kind !== 'encode') return;
      for (const s of SPLITS) writeFileSync(partPath(out, r.id, s), r.tokens[s]);
      writeFileSync(partPath(out, r.id, 'report'), JSON.stringify(r.report));
      writeFileSync(partPath(out, r.id, 'stats'), JSON.stringify(r.stats));
      writeFileSync(partPath(out, r.id, 'done'), '');
      progress.tick(r.report.length);
    });
    progress.done();
    counted ??= chunks.map((_, id) => JSON.parse(readFileSync(partPath(out, id, 'stats'), 'utf8')) as WindowStats);
    const stats = statsFrom(counted, encoding.parts);
    // The header slots in order, each with its edges: counted here, or read from --encoding's file.
    const slots = slotKinds(encoding).map((kind) => ({
      kind,
      edges: o.edgesFrom ? readEdges(o.edgesFrom, kind) : stats.edges[kind],
    }));
    const edgesOf = (kind: SlotKind) => {
      const edges = slots.find((s) => s.kind === kind)?.edges;
      return { enabled: !!edges, edges: edges ?? [] };
    };

    const encodingDoc = {
      format: 'mmmtrack',
      version: 1,
      bars: encoding.bars,
      hop: encoding.hop,
      stepsPerBar: STEPS_PER_BAR,
      density: edgesOf('DENSITY'),
      polyphony: edgesOf('POLYPHONY'),
      duration: edgesOf('DURATION'),
      parts: encoding.parts,
      instruments: stats.instruments,
      instrumentWindows: stats.instrumentWindows,
      maxTracks: encoding.maxTracks,
      fill: corpora.some((c) => c.augment.fill > 0),
      vocabHash: hash,
    };
    const files = {
      'tokenizer.json': tokenizerJson(plan.vocab),
      'encoding.json': JSON.stringify(encodingDoc, null, 2) + '\n',
    };
    const prefix = shardCount > 1 ? `${shardIndex}of${shardCount}_` : '';
    const byCorpus = new Map<string, ReportEntry[]>();
    corpora.forEach((c, ci) => {
      const dir = plan.layout === 'flat' ? out : join(out, c.name);
      mkdirSync(dir, { recursive: true });
      const own = chunks.flatMap((ch, id) => (ch.corpus === ci ? [id] : []));
      const patch = slots.length > 0 ? (ids: Uint16Array) => resolveSlots(ids, slots, tok) : undefined;
      for (const s of SPLITS)
        writeSplitShards(
          dir,
          prefix,
          s,
          own.map((id) => partPath(out, id, s)),
          plan.vocab.length,
          hash,
          patch,
        );
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      byCorpus.set(
        plan.labels[ci],
        own.flatMap((id) => JSON.parse(readFileSync(partPath(out, id, 'report'), 'utf8')) as ReportEntry[]),
      );
    });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
    const extra = {
      shard: `${shardIndex}/${shardCount}`,
      maxTracks: encoding.maxTracks,
      corpusList: plan.listFile ?? null,
    };
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
