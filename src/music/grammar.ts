// The mmmtrack grammar as an incremental state machine: after each token it knows which
// tokens may come next, so the sampler can mask everything else. Every sequence it accepts
// decodes strictly (decode.ts), and every piece encodePiece writes is accepted.
//
// Inside a bar it is stricter than "musically valid" only where the encoder has one way to
// say a thing: a TIME_DELTA is always followed by a note event (no two deltas in a row, no
// trailing silence), and a note never has zero length.
import { MusicError } from './errors';
import { parseToken, type ParsedToken } from './tokenKind';
import type { Tokenizer } from './tokenizer';
import { tokenTable, type TokenTable } from './tokenTable';
import { STEPS_PER_BAR } from './vocab';

export interface GrammarOptions {
  /** Bars in every track; omitted = any number, at least one. */
  bars?: number;
  /** Tracks in the piece; omitted = any number, at least one. */
  tracks?: number;
  /** INST tokens any track may use ('INST=BASS' or 'BASS'); omitted = every INST token. */
  instruments?: readonly string[];
  /** Per track index, the INST tokens that track may use; overrides `instruments` for that track. */
  trackInstruments?: readonly (readonly string[] | undefined)[];
  /** A DENSITY token after INST: required when true, forbidden when false (the default). */
  density?: boolean;
  /** A POLYPHONY, then a DURATION token after INST (and DENSITY): each required when true, forbidden when false (the default). */
  polyphony?: boolean;
  duration?: boolean;
  /** A bar may be `BAR_START FILL_IN BAR_END`; its events then follow the last track as FILL_START…FILL_END. */
  fill?: boolean;
  /** The most notes sounding at once in a track; omitted = no limit. */
  maxPolyphony?: number;
}

type Phase =
  | 'piece' // before PIECE_START
  | 'firstTrack' // after PIECE_START
  | 'inst' // after TRACK_START
  | 'density' // after INST, when density is on
  | 'polyphony' // after INST/DENSITY, when polyphony is on
  | 'duration' // after INST/DENSITY/POLYPHONY, when duration is on
  | 'bars' // after the track header or BAR_END: BAR_START or TRACK_END
  | 'events' // inside BAR_START…BAR_END or FILL_START…FILL_END
  | 'fillIn' // after FILL_IN: only BAR_END
  | 'tracks' // after TRACK_END
  | 'fills'; // after FILL_END

const instValue = (token: string) => (token.startsWith('INST=') ? token.slice(5) : token);

export class GrammarState {
  private phase: Phase = 'piece';
  /** Tokens accepted so far (for error messages). */
  private position = 0;
  private tracksStarted = 0;
  private barsInTrack = 0;
  private fillsOwed = 0;
  private fillsDone = 0;
  private inFill = false;
  /** Sixteenths since the bar (or fill) started. */
  private time = 0;
  /** Onset (sixteenths into the bar) of each sounding pitch, -1 when silent. */
  private onset = new Int8Array(128).fill(-1);
  private sounding = 0;
  private afterDelta = false;
  private eventsInBar = 0;

  constructor(readonly options: GrammarOptions = {}) {
    const { bars, tracks, maxPolyphony } = options;
    for (const [name, v] of Object.entries({ bars, tracks, maxPolyphony }))
      if (v !== undefined && !(Number.isInteger(v) && v >= 1))
        throw new MusicError('bad-argument', `grammar option ${name} must be a positive integer, got ${v}`);
  }

  clone(): GrammarState {
    const copy = Object.assign(Object.create(GrammarState.prototype), this) as GrammarState;
    copy.onset = this.onset.slice();
    return copy;
  }

  /** Notes sounding now in the open bar or fill (0 outside one). */
  soundingNotes(): number {
    return this.sounding;
  }

  /** True when the requested tracks and fills are all closed: the generator stops here. */
  isComplete(): boolean {
    if (this.phase === 'fills') return this.fillsDone === this.fillsOwed;
    return (
      this.phase === 'tracks' &&
      this.fillsOwed === 0 &&
      this.tracksStarted === (this.options.tracks ?? this.tracksStarted)
    );
  }

  /** True when `token` may come next. */
  allows(token: string): boolean {
    return this.whyNot(parseToken(token)) === null;
  }

  /** Accept one token; throws MusicError('bad-tokens') naming the position and the reason when it may not come next. */
  advance(token: string): this {
    return this.advanceParsed(parseToken(token), token);
  }

  /** `advance` by token id, through the tokenizer's vocabulary. */
  advanceId(id: number, tok: Tokenizer): this {
    const table = tokenTable(tok);
    return this.advanceParsed(table.parsed[id] ?? { kind: 'UNKNOWN' }, tok.tokens[id] ?? `id ${id}`);
  }

  advanceAll(tokens: Iterable<string>): this {
    for (const t of tokens) this.advance(t);
    return this;
  }

  /** 1 at every id that may come next, 0 elsewhere. Pass `out` to reuse a buffer across steps. */
  allowedMask(tok: Tokenizer, out?: Uint8Array): Uint8Array {
    const t = tokenTable(tok);
    const mask = out && out.length === t.size ? out.fill(0) : new Uint8Array(t.size);
    const set = (id: number | undefined) => {
      if (id !== undefined && id >= 0) mask[id] = 1;
    };
    const s = t.structure;
    switch (this.phase) {
      case 'piece':
        set(s.PIECE_START);
        break;
      case 'firstTrack':
        set(s.TRACK_START);
        break;
      case 'inst':
        for (const v of this.instrumentsForTrack() ?? t.inst.keys()) set(t.inst.get(v));
        break;
      case 'density':
        t.density.forEach((id) => set(id));
        break;
      case 'polyphony':
        t.polyphony.forEach((id) => set(id));
        break;
      case 'duration':
        t.duration.forEach((id) => set(id));
        break;
      case 'bars':
        if (this.mayOpenBar()) set(s.BAR_START);
        if (this.mayEndTrack()) set(s.TRACK_END);
        break;
      case 'fillIn':
        set(s.BAR_END);
        break;
      case 'tracks':
      case 'fills':
        if (this.mayStartTrack()) set(s.TRACK_START);
        if (this.mayStartFill()) set(s.FILL_START);
        break;
      case 'events':
        this.eventMask(t, mask);
        break;
    }
    return mask;
  }

  /** Allowed next tokens as strings, in the tokenizer's id order. */
  allowedTokens(tok: Tokenizer): string[] {
    const mask = this.allowedMask(tok);
    return tok.tokens.filter((_, id) => mask[id] === 1);
  }

  private eventMask(t: TokenTable, mask: Uint8Array): void {
    for (let p = 0; p < 128; p++) {
      const on = this.onset[p];
      if (on >= 0 ? on < this.time : this.mayStartNote()) {
        const id = on >= 0 ? t.noteOff[p] : t.noteOn[p];
        if (id >= 0) mask[id] = 1;
      }
    }
    if (!this.afterDelta) {
      const room = STEPS_PER_BAR - this.time - (this.sounding === 0 ? 1 : 0);
      for (let n = 1; n <= room; n++) if (t.delta[n] >= 0) mask[t.delta[n]] = 1;
      if (this.sounding === 0) {
        const close = this.inFill ? t.structure.FILL_END : t.structure.BAR_END;
        if (close !== undefined) mask[close] = 1;
      }
    }
    if (this.mayFillIn() && t.structure.FILL_IN !== undefined) mask[t.structure.FILL_IN] = 1;
  }

  private instrumentsForTrack(): string[] | undefined {
    const list = this.options.trackInstruments?.[this.tracksStarted - 1] ?? this.options.instruments;
    return list?.map(instValue);
  }

  // Methods, not arrow-function fields: clone() copies fields, and an arrow would keep the original's `this`.
  private mayOpenBar(): boolean {
    return this.barsInTrack < (this.options.bars ?? Infinity);
  }
  private mayEndTrack(): boolean {
    return this.barsInTrack === (this.options.bars ?? Math.max(1, this.barsInTrack));
  }
  private mayStartTrack(): boolean {
    return this.phase === 'tracks' && this.tracksStarted < (this.options.tracks ?? Infinity);
  }
  private mayStartFill(): boolean {
    const tracksDone = this.phase === 'fills' || this.tracksStarted === (this.options.tracks ?? this.tracksStarted);
    return this.fillsDone < this.fillsOwed && tracksDone;
  }
  private mayStartNote(): boolean {
    return this.time < STEPS_PER_BAR && this.sounding < (this.options.maxPolyphony ?? Infinity);
  }
  private mayFillIn(): boolean {
    return this.options.fill === true && !this.inFill && this.eventsInBar === 0;
  }

  /** Why `p` may not come next, or null when it may. The single source of the rules for `advance`. */
  private whyNot(p: ParsedToken): string | null {
    const expected = (what: string) => `expected ${what}`;
    switch (this.phase) {
      case 'piece':
        return p.kind === 'PIECE_START' ? null : expected('PIECE_START');
      case 'firstTrack':
        return p.kind === 'TRACK_START' ? null : expected('TRACK_START');
      case 'inst': {
        if (p.kind !== 'INST') return expected('an INST token');
        const allowed = this.instrumentsForTrack();
        return !allowed || allowed.includes(p.inst)
          ? null
          : `INST=${p.inst} is not allowed for track ${this.tracksStarted - 1}`;
      }
      case 'density':
        return p.kind === 'DENSITY' ? null : expected('a DENSITY token');
      case 'polyphony':
        return p.kind === 'POLYPHONY' ? null : expected('a POLYPHONY token');
      case 'duration':
        return p.kind === 'DURATION' ? null : expected('a DURATION token');
      case 'bars':
        if (p.kind === 'BAR_START') return this.mayOpenBar() ? null : `track already has ${this.barsInTrack} bars`;
        if (p.kind === 'TRACK_END')
          return this.mayEndTrack() ? null : `track has ${this.barsInTrack} bars, needs ${this.options.bars ?? 1}`;
        if (p.kind === 'DENSITY' || p.kind === 'POLYPHONY' || p.kind === 'DURATION') return this.headerTokenOff(p.kind);
        return expected('BAR_START or TRACK_END');
      case 'fillIn':
        return p.kind === 'BAR_END' ? null : expected('BAR_END after FILL_IN');
      case 'tracks':
      case 'fills':
        if (p.kind === 'TRACK_START') return this.mayStartTrack() ? null : 'no more tracks are allowed here';
        if (p.kind === 'FILL_START') return this.mayStartFill() ? null : 'no FILL_IN is waiting for its fill here';
        return this.isComplete()
          ? 'the piece is complete'
          : expected(this.fillsOwed > this.fillsDone ? 'FILL_START' : 'TRACK_START');
      case 'events':
        return this.whyNotEvent(p);
    }
  }

  /** The header phase after `kind`: the next header token the encoding has, else the bars. */
  private headerPhaseAfter(kind: 'INST' | 'DENSITY' | 'POLYPHONY'): Phase {
    const order = ['INST', 'DENSITY', 'POLYPHONY', 'DURATION'] as const;
    const on = { density: this.options.density, polyphony: this.options.polyphony, duration: this.options.duration };
    for (let i = order.indexOf(kind) + 1; i < order.length; i++) {
      const phase = order[i].toLowerCase() as 'density' | 'polyphony' | 'duration';
      if (on[phase] === true) return phase;
    }
    return 'bars';
  }

  /** Why a header token may not come where the bars are due. */
  private headerTokenOff(kind: 'DENSITY' | 'POLYPHONY' | 'DURATION'): string {
    const on =
      { DENSITY: this.options.density, POLYPHONY: this.options.polyphony, DURATION: this.options.duration }[kind] ===
      true;
    return on
      ? `${kind} only in the track header, in the order DENSITY, POLYPHONY, DURATION`
      : `${kind} tokens are off in this encoding`;
  }

  private whyNotEvent(p: ParsedToken): string | null {
    const close = this.inFill ? 'FILL_END' : 'BAR_END';
    switch (p.kind) {
      case 'NOTE_ON':
        if (this.onset[p.value] >= 0) return `pitch ${p.value} is already sounding`;
        if (this.time >= STEPS_PER_BAR) return 'NOTE_ON at the end of the bar';
        return this.mayStartNote() ? null : `more than ${this.options.maxPolyphony} notes at once`;
      case 'NOTE_OFF': {
        const on = this.onset[p.value];
        if (on < 0) return `pitch ${p.value} is not sounding`;
        return on < this.time ? null : `pitch ${p.value} would have zero length`;
      }
      case 'TIME_DELTA':
        if (this.afterDelta) return 'two TIME_DELTAs in a row';
        if (this.time + p.value > STEPS_PER_BAR) return `time would pass ${STEPS_PER_BAR} (at ${this.time})`;
        return this.sounding > 0 || this.time + p.value < STEPS_PER_BAR ? null : 'trailing silence is implicit';
      case 'FILL_IN':
        return this.mayFillIn() ? null : 'FILL_IN only as the whole content of a bar, with fill on';
      default:
        if (p.kind !== close) return `not allowed inside a ${this.inFill ? 'fill' : 'bar'}`;
        if (this.sounding > 0) return `${this.sounding} note(s) still sounding at ${close}`;
        return this.afterDelta ? `${close} right after TIME_DELTA (trailing silence is implicit)` : null;
    }
  }

  private advanceParsed(p: ParsedToken, text: string): this {
    const why = this.whyNot(p);
    if (why !== null) throw new MusicError('bad-tokens', `token ${this.position} (${text}): ${why}`);
    this.position++;
    this.apply(p);
    return this;
  }

  private apply(p: ParsedToken): void {
    switch (p.kind) {
      case 'PIECE_START':
        this.phase = 'firstTrack';
        return;
      case 'TRACK_START':
        this.tracksStarted++;
        this.barsInTrack = 0;
        this.phase = 'inst';
        return;
      case 'INST':
      case 'DENSITY':
      case 'POLYPHONY':
        this.phase = this.headerPhaseAfter(p.kind);
        return;
      case 'DURATION':
        this.phase = 'bars';
        return;
      case 'BAR_START':
      case 'FILL_START':
        this.inFill = p.kind === 'FILL_START';
        this.time = 0;
        this.eventsInBar = 0;
        this.afterDelta = false;
        this.phase = 'events';
        return;
      case 'FILL_IN':
        this.fillsOwed++;
        this.phase = 'fillIn';
        return;
      case 'BAR_END':
        this.barsInTrack++;
        this.phase = 'bars';
        return;
      case 'FILL_END':
        this.fillsDone++;
        this.phase = 'fills';
        return;
      case 'TRACK_END':
        this.phase = 'tracks';
        return;
      case 'NOTE_ON':
        this.onset[p.value] = this.time;
        this.sounding++;
        break;
      case 'NOTE_OFF':
        this.onset[p.value] = -1;
        this.sounding--;
        break;
      case 'TIME_DELTA':
        this.time += p.value;
        this.eventsInBar++;
        this.afterDelta = true;
        return;
    }
    this.eventsInBar++;
    this.afterDelta = false;
  }
}
