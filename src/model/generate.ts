// The decode loop, shared by the browser worker and the Node CLI: for each pass
// of a job, prefill the forced prompt once, then one token per row per step with
// the KV cache, masking every step with the grammar so each piece decodes strictly.
import { GrammarState } from '../music/grammar';
import type { GridPiece } from '../music/grid';
import { MusicError } from '../music/errors';
import type { Note } from '../music/score';
import { encodePiece } from '../music/encode';
import { parseToken, type ParsedToken } from '../music/tokenKind';
import type { Tokenizer } from '../music/tokenizer';
import { tokenTable, type TokenTable } from '../music/tokenTable';
import { STEPS_PER_BAR } from '../music/vocab';
import type { EngineSession } from './engineSession';
import { makeJob, passHeaders, type Job } from './jobs';
import { KvDecoder } from './kvDecoder';
import { modelShape, type ModelConfig } from './modelConfig';
import { decodeBar, forcedPrefix, passScript, trimmedWindow, type Op, type PassSpec } from './passScript';
import { EngineError, type GenerateRequest, type GenerateResult, type TrackControls } from './protocol';
import { headerKeysOf, type HeaderKey } from './trackHeaders';
import { mulberry32, type Rng } from '../music/rng';
import { sampleToken } from './sampler';
import { limitRegister, pitchWindows, type PitchWindow } from './registerGuard';
import { barVoices, penalizeVoiceLeading, type BarVoices } from './voiceGuard';

export interface Engine {
  session: EngineSession;
  config: ModelConfig;
  tokenizer: Tokenizer;
}

export interface GenerateProgress {
  tokens: number;
  totalTokens: number;
  bars: number;
  totalBars: number;
}

/** Where the time went; the benchmark reads it. */
export interface GenerateStats {
  prefillMs: number;
  /** Wall time of each single-token step (run + readback + sampling). */
  stepMs: number[];
  runMs: number;
  readMs: number;
  sampleMs: number;
  sampled: number;
}

export interface GenerateHooks {
  /** Every token of row 0, forced or sampled. */
  onToken?(token: string): void;
  /** Notes of row 0 (score ticks, score track index) as each bar closes. */
  onNotes?(track: number, notes: Note[]): void;
  onProgress?(p: GenerateProgress): void;
  /** Polled between steps; true stops with the bars written so far. */
  aborted?(): boolean;
  /** Awaited between steps: a worker yields to its event loop here so an abort message can arrive. */
  pause?(): Promise<void>;
  stats?: GenerateStats;
}

/** Notes sounding at once in one track: keeps an untrained model from stacking up chords. */
export const MAX_POLYPHONY = 8;
/** Tokens that always suffice to close a bar: NOTE_OFFs for every sounding note, a delta, BAR_END. */
const CLOSE_RESERVE = MAX_POLYPHONY + 4;
/** A bar gets at least this many tokens, or the window is shortened to make room. */
const MIN_BAR_TOKENS = 3 * CLOSE_RESERVE;
const MAX_VARIATIONS = 16;
const HEADER_KEY_OF = { DENSITY: 'density', POLYPHONY: 'polyphony', DURATION: 'duration' } as const;

interface Row {
  history: GridPiece;
  /** Per track, the header bins every pass forces: the job's, plus those sampled in an earlier pass. */
  headers: TrackControls[];
  rng: Rng;
  ops: Op[];
  at: number;
  grammar: GrammarState;
  /** Most tokens a sampled bar may take, its closing token included. */
  barCap: number;
  bar: string[];
  passTokens: string[];
  passes: number;
  mask: Uint8Array;
  /** What the voice-leading guard checks the bar of `voicesFor` against (null: not an SATB track). */
  voices: BarVoices | null;
  voicesFor?: Op;
}

export function newStats(): GenerateStats {
  return { prefillMs: 0, stepMs: [], runMs: 0, readMs: 0, sampleMs: 0, sampled: 0 };
}

export async function generate(
  engine: Engine,
  request: GenerateRequest,
  hooks: GenerateHooks = {},
): Promise<GenerateResult> {
  const count = request.mode === 'variations' ? request.count : 1;
  const base = request.mode === 'variations' ? request.base : request;
  if (base.mode === 'variations') throw new EngineError('generate', 'variations of variations are not supported');
  if (!Number.isInteger(count) || count < 1 || count > MAX_VARIATIONS)
    throw new EngineError('generate', `variations: count must be 1..${MAX_VARIATIONS}, got ${count}`);
  const guard = base.sampling.voiceLeading ?? 0;
  if (!(guard >= 0 && guard < Infinity))
    throw new EngineError('generate', `voiceLeading must be a finite penalty >= 0, got ${guard}`);
  const job = makeJob(base, engine.config);
  return new Loop(engine, job, count, hooks).run();
}

class Loop {
  private readonly tok: Tokenizer;
  private readonly table: TokenTable;
  private readonly flags = new Uint8Array(128);
  private readonly decoder: KvDecoder;
  private readonly rows: Row[];
  /** The model's header tokens after INST (DENSITY, POLYPHONY, DURATION where it has them), in order. */
  private readonly headerKeys: HeaderKey[];
  /** Per track of the history, the register guard's window (Continue only; empty when off). */
  private readonly windows: (PitchWindow | null)[];
  private readonly stats: GenerateStats;
  private readonly totalBars: number;
  private barsDone = 0;
  private tokensDone = 0;
  private aborted = false;

  constructor(
    private readonly engine: Engine,
    private readonly job: Job,
    count: number,
    private readonly hooks: GenerateHooks,
  ) {
    this.tok = engine.tokenizer;
    this.table = tokenTable(this.tok);
    const register = job.sampling.register ?? 0;
    this.windows =
      register > 0 && job.continueFrom !== undefined ? pitchWindows(job.history, job.continueFrom, register) : [];
    this.decoder = new KvDecoder(engine.session, modelShape(engine.config), count);
    this.headerKeys = headerKeysOf(engine.config.encoding.edges);
    this.stats = hooks.stats ?? newStats();
    this.totalBars = job.passes.reduce(
      (n, p) => n + p.sampleFrom.reduce((m, s) => m + p.span - Math.min(s, p.span), 0) + (p.fill ? 1 : 0),
      0,
    );
    // Row r draws from seed + r, so row 0 of a batch is the single run with the same seed.
    this.rows = Array.from({ length: count }, (_, r) => ({
      history: cloneGrid(job.history),
      headers: job.headers.map((h) => ({ ...h })),
      rng: mulberry32((job.sampling.seed + r) >>> 0),
      ops: [],
      at: 0,
      grammar: new GrammarState(),
      barCap: 0,
      bar: [],
      passTokens: [],
      passes: 0,
      mask: new Uint8Array(this.tok.tokens.length),
      voices: null,
    }));
  }

  async run(): Promise<GenerateResult> {
    try {
      for (const spec of this.job.passes) {
        if (this.aborted) break;
        await this.pass(spec);
      }
    } catch (e) {
      if (e instanceof MusicError) throw new EngineError('generate', e.message);
      throw e;
    } finally {
      this.decoder.dispose();
      Object.assign(this.stats, {
        runMs: this.stats.runMs + this.decoder.timing.runMs,
        readMs: this.stats.readMs + this.decoder.timing.readMs,
      });
    }
    const scores = this.rows.map((r) => this.job.finish(r.history));
    // One pass: the tokens as sampled. Several passes (sliding) or an abort: the history re-encoded as one piece.
    const tokens = this.rows.map((r) => (r.passes === 1 && !this.aborted ? r.passTokens : this.reencode(r)));
    const many = this.rows.length > 1;
    return {
      score: scores[0],
      tokens: tokens[0],
      candidates: many ? scores : undefined,
      candidateTokens: many ? tokens : undefined,
      aborted: this.aborted,
    };
  }

  private async pass(spec: PassSpec): Promise<void> {
    spec = this.fitWindow(spec);
    const T = this.job.history.tracks.length;
    for (const row of this.rows) {
      const on = (k: HeaderKey) => this.headerKeys.includes(k);
      row.grammar = new GrammarState({
        bars: spec.span,
        tracks: T,
        density: on('density'),
        polyphony: on('polyphony'),
        duration: on('duration'),
        fill: !!spec.fill,
      });
      row.at = 0;
      row.passTokens = [];
      row.passes++;
    }
    this.decoder.reset();
    const t0 = performance.now();
    let logits = await this.decoder.feedRows(this.rows.map((r) => this.takeForced(r, forcedPrefix(r.ops))));
    this.stats.prefillMs += performance.now() - t0;
    for (;;) {
      await this.hooks.pause?.();
      if (this.hooks.aborted?.()) {
        this.aborted = true;
        return;
      }
      const live = this.rows.filter((r) => r.at < r.ops.length);
      if (live.length === 0) return;
      const n = Math.min(...live.map((r) => forcedPrefix(r.ops, r.at)));
      const s0 = performance.now();
      const feed =
        n > 0
          ? this.rows.map((r) => (r.at < r.ops.length ? this.takeForced(r, n) : new Array(n).fill(0)))
          : this.rows.map((r, i) =>
              r.at >= r.ops.length
                ? [0]
                : r.ops[r.at].kind === 'force'
                  ? this.takeForced(r, 1)
                  : [this.step(r, logits[i])],
            );
      if (this.rows.every((r) => r.at >= r.ops.length)) return; // the closing token need not be fed
      logits = await this.decoder.feedRows(feed);
      if (n === 0) this.stats.stepMs.push(performance.now() - s0);
    }
  }

  /**
   * Builds each row's script and each row's token cap per sampled bar; drops context bars
   * from the window (trimmedWindow) while a bar would get fewer than MIN_BAR_TOKENS.
   */
  private fitWindow(spec: PassSpec): PassSpec {
    for (;;) {
      for (const row of this.rows)
        row.ops = passScript(row.history, spec, passHeaders(this.job, spec, row.headers), this.headerKeys);
      const prefixes = this.rows.map((r) => forcedPrefix(r.ops));
      const maxPrefix = Math.max(...prefixes);
      this.rows.forEach((row, i) => {
        const fixed = row.ops.filter((o) => o.kind === 'force' || o.kind === 'sample-one').length;
        const bars = row.ops.length - fixed;
        // +1: the last token (TRACK_END or FILL_END) is never fed.
        row.barCap =
          bars > 0 ? Math.floor((this.engine.config.n_ctx + 1 - (maxPrefix - prefixes[i]) - fixed) / bars) : 0;
      });
      const cap = Math.min(...this.rows.map((r) => r.barCap));
      const shorter = cap < MIN_BAR_TOKENS ? trimmedWindow(spec) : null;
      if (!shorter) {
        if (cap <= CLOSE_RESERVE)
          throw new EngineError(
            'generate',
            `the prompt does not fit the model's ${this.engine.config.n_ctx}-token context, even cut to one bar`,
          );
        return spec;
      }
      spec = shorter;
    }
  }

  /** Consumes n forced ops of a row; returns their ids. */
  private takeForced(row: Row, n: number): number[] {
    const ids: number[] = [];
    for (let k = 0; k < n; k++) {
      const op = row.ops[row.at] as Extract<Op, { kind: 'force' }>;
      const id = this.tok.ids.get(op.token);
      if (id === undefined) throw new EngineError('vocab-mismatch', `the model's vocabulary has no token ${op.token}`);
      this.accept(row, op.token);
      ids.push(id);
    }
    return ids;
  }

  /** Samples the next token of a row at a sampling op and accepts it; returns its id. */
  private step(row: Row, logits: Float32Array): number {
    const op = row.ops[row.at];
    const mask = row.grammar.allowedMask(this.tok, row.mask);
    if (op.kind === 'sample-bar' || op.kind === 'sample-fill') {
      this.limitBar(row, mask);
      this.guardVoices(row, op, logits, mask);
      const window = this.windows[op.track];
      if (window) limitRegister(mask, this.table.noteOn, window);
    }
    const t0 = performance.now();
    const id = sampleToken(logits, this.job.sampling, row.rng, mask);
    this.stats.sampleMs += performance.now() - t0;
    this.stats.sampled++;
    if (id < 0) throw new EngineError('generate', 'the grammar allows no token here (internal error)');
    this.accept(row, this.tok.tokens[id]);
    return id;
  }

  /**
   * Polyphony limit, no FILL_IN inside a sampled bar, and once the bar's budget runs low only the
   * shortest way out: the closing token when allowed, else NOTE_OFFs, else a TIME_DELTA (notes that
   * just started cannot end at once). From any state that closes within CLOSE_RESERVE tokens
   * (MAX_POLYPHONY NOTE_OFFs, one delta, the closing token), so a bar never outgrows barCap and
   * the pass never outgrows the context fitWindow planned.
   */
  private limitBar(row: Row, mask: Uint8Array): void {
    const { parsed } = this.table;
    const keepOnly = (pred: (kind: ParsedToken['kind']) => boolean) => {
      let left = 0;
      for (let id = 0; id < mask.length; id++) if (mask[id] && pred(parsed[id].kind)) left++;
      if (left === 0) return; // the grammar's choice, e.g. a NOTE_ON after a delta with nothing sounding
      for (let id = 0; id < mask.length; id++) if (!pred(parsed[id].kind)) mask[id] = 0;
    };
    keepOnly((k) => k !== 'FILL_IN');
    const closing = row.barCap - row.bar.length <= CLOSE_RESERVE;
    if (closing || row.grammar.soundingNotes() >= MAX_POLYPHONY) keepOnly((k) => k !== 'NOTE_ON');
    if (!closing) return;
    keepOnly((k) => k !== 'NOTE_ON' && k !== 'NOTE_OFF' && k !== 'TIME_DELTA'); // inside a bar: BAR_END or FILL_END
    keepOnly((k) => k === 'NOTE_OFF');
  }

  /** Sampling.voiceLeading: lowers NOTE_ONs that would make parallels or crossings with the SATB voices already written. */
  private guardVoices(
    row: Row,
    op: Extract<Op, { kind: 'sample-bar' | 'sample-fill' }>,
    logits: Float32Array,
    mask: Uint8Array,
  ): void {
    const penalty = this.job.sampling.voiceLeading;
    if (!penalty) return;
    if (row.voicesFor !== op) {
      row.voicesFor = op;
      row.voices = barVoices(row.history, op.track, op.bar);
    }
    if (row.voices) penalizeVoiceLeading(logits, mask, this.table.noteOn, row.voices, row.bar, penalty, this.flags);
  }

  private accept(row: Row, token: string): void {
    row.grammar.advance(token);
    row.passTokens.push(token);
    const first = row === this.rows[0];
    if (first) {
      this.hooks.onToken?.(token);
      this.tokensDone++;
    }
    const op = row.ops[row.at];
    if (op.kind === 'sample-bar' || op.kind === 'sample-fill') {
      if (token === 'BAR_END' || token === 'FILL_END') {
        this.closeBar(row, op.track, op.bar, first);
        row.at++;
        return;
      }
      row.bar.push(token);
      return;
    }
    if (op.kind === 'sample-one') {
      // A sampled bin stays the track's for the job's later passes.
      const p = parseToken(token);
      if (p.kind === 'DENSITY' || p.kind === 'POLYPHONY' || p.kind === 'DURATION')
        row.headers[op.track][HEADER_KEY_OF[p.kind]] = p.value;
    }
    row.at++;
  }

  /** A row's whole history as one piece, with the bins it was written with (after several passes or an abort). */
  private reencode(row: Row): string[] {
    const tracks = row.history.tracks.map((t, i) => ({ ...t, ...row.headers[i] }));
    return encodePiece({ ...row.history, tracks }, this.engine.config.encoding.edges);
  }

  private closeBar(row: Row, track: number, bar: number, first: boolean): void {
    const offset = bar * STEPS_PER_BAR;
    const notes = decodeBar(row.bar, this.job.velocity[track]).map((n) => ({ ...n, start: n.start + offset }));
    const t = row.history.tracks[track];
    t.notes = [...t.notes.filter((n) => Math.floor(n.start / STEPS_PER_BAR) !== bar), ...notes].sort(
      (a, b) => a.start - b.start || a.pitch - b.pitch,
    );
    row.history.bars = Math.max(row.history.bars, bar + 1);
    row.bar = [];
    if (!first) return;
    this.barsDone++;
    this.hooks.onNotes?.(
      this.job.scoreTrack[track],
      notes.map((n) => this.job.place(n)),
    );
    const perBar = this.tokensDone / Math.max(1, this.barsDone);
    this.hooks.onProgress?.({
      tokens: this.tokensDone,
      totalTokens: Math.round(this.tokensDone + perBar * (this.totalBars - this.barsDone)),
      bars: this.barsDone,
      totalBars: this.totalBars,
    });
  }
}

function cloneGrid(p: GridPiece): GridPiece {
  return { bars: p.bars, tracks: p.tracks.map((t) => ({ ...t, notes: t.notes.map((n) => ({ ...n })) })) };
}
