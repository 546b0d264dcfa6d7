// mmmtrack tokens -> GridPiece. Tolerant by default, because a model can emit anything:
// a token that makes no sense where it stands is skipped and counted, a note left open is
// closed at its bar's end. Strict mode (tests, checking encoder output) throws instead,
// naming the token index and the reason.
import { MusicError } from './errors';
import type { GridNote, GridPiece, GridTrack } from './grid';
import { parseToken, type ParsedToken } from './tokenKind';
import { STEPS_PER_BAR } from './vocab';

export interface DecodeOptions {
  /** Throw MusicError('bad-tokens') on anything the tolerant decoder would skip or repair. */
  strict?: boolean;
  /** Velocity of decoded notes (the encoding has none). */
  velocity?: number;
}

/** A bar that was `BAR_START FILL_IN BAR_END`; `filled` once a FILL_START…FILL_END section gave its events. */
export interface FillSlot {
  track: number;
  bar: number;
  filled: boolean;
}

export interface DecodeResult {
  piece: GridPiece;
  fills: FillSlot[];
  /** Tokens that are not mmmtrack tokens ([UNK], [PAD], misspelt, out of range). */
  unknownTokens: number;
  /** Known tokens skipped (or clamped) because they made no sense where they stood. */
  skippedTokens: number;
  /** Notes still open at BAR_END, TRACK_END, FILL_END or the end, closed at their bar's end. */
  closedNotes: number;
}

export const DECODED_VELOCITY = 80;

/** Where the events of the open bar go: a track's bar, a fill's bar, or nowhere (skipped). */
interface OpenBar {
  track: GridTrack | null;
  /** First sixteenth of the bar in the piece. */
  offset: number;
  fill: boolean;
  time: number;
  /** Onset (sixteenths into the bar) of each sounding pitch. */
  sounding: Map<number, number>;
  events: number;
  afterDelta: boolean;
  fillIn: boolean;
}

class Decoder {
  readonly tracks: GridTrack[] = [];
  readonly barsPerTrack: number[] = [];
  readonly fills: FillSlot[] = [];
  unknownTokens = 0;
  skippedTokens = 0;
  closedNotes = 0;
  private index = 0;
  private text = '';
  private started = false;
  private track: GridTrack | null = null;
  /** The open track has had BAR_START, so INST and header tokens (DENSITY, POLYPHONY, DURATION) may no longer come. */
  private trackHasBars = false;
  private bar: OpenBar | null = null;
  private fillSection = false;
  private fillCursor = 0;

  constructor(
    private readonly strict: boolean,
    private readonly velocity: number,
  ) {}

  run(tokens: readonly string[]): void {
    tokens.forEach((text, i) => {
      this.index = i;
      this.text = text;
      this.token(parseToken(text));
    });
    this.index = tokens.length;
    this.text = 'end of tokens';
    this.finish();
  }

  /** Strict: throw. Tolerant: count the token as skipped. */
  private skip(why: string): void {
    if (this.strict) throw new MusicError('bad-tokens', `token ${this.index} (${this.text}): ${why}`);
    this.skippedTokens++;
  }

  private token(p: ParsedToken): void {
    if (!this.started && p.kind !== 'PIECE_START' && this.strict) return this.skip('a piece starts with PIECE_START');
    switch (p.kind) {
      case 'UNKNOWN':
      case 'PAD':
        if (this.strict) return this.skip('not an mmmtrack token');
        this.unknownTokens++;
        return;
      case 'PIECE_START':
        if (this.started) return this.skip('a second PIECE_START');
        this.started = true;
        return;
      case 'TRACK_START':
        return this.startTrack();
      case 'INST':
        if (!this.track || this.trackHasBars || this.track.inst !== '')
          return this.skip('INST only right after TRACK_START');
        this.track.inst = p.inst;
        return;
      case 'DENSITY':
        if (
          !this.inHeader() ||
          this.track!.density !== undefined ||
          this.track!.polyphony !== undefined ||
          this.track!.duration !== undefined
        )
          return this.skip('DENSITY only right after INST');
        this.track!.density = p.value;
        return;
      // Controls carry no notes: kept on the track as its header said, in header order.
      case 'POLYPHONY':
        if (!this.inHeader() || this.track!.polyphony !== undefined || this.track!.duration !== undefined)
          return this.skip('POLYPHONY only right after INST or DENSITY');
        this.track!.polyphony = p.value;
        return;
      case 'DURATION':
        if (!this.inHeader() || this.track!.duration !== undefined)
          return this.skip('DURATION only right after INST, DENSITY or POLYPHONY');
        this.track!.duration = p.value;
        return;
      case 'BAR_START':
        return this.startBar();
      case 'BAR_END':
        if (!this.bar || this.bar.fill) return this.skip('BAR_END outside a bar');
        return this.endBar();
      case 'TRACK_END':
        if (!this.track) return this.skip('TRACK_END outside a track');
        return this.endTrack();
      case 'FILL_IN':
        if (!this.bar || this.bar.fill || this.bar.events > 0)
          return this.skip('FILL_IN only as the whole content of a bar');
        this.bar.fillIn = true;
        this.fills.push({
          track: this.tracks.length - 1,
          bar: this.barsPerTrack[this.tracks.length - 1],
          filled: false,
        });
        return;
      case 'FILL_START':
        return this.startFill();
      case 'FILL_END':
        if (!this.bar?.fill) return this.skip('FILL_END outside a fill');
        return this.endFill();
      default:
        return this.event(p);
    }
  }

  /** A track is open with its INST, and no bar yet: header tokens may come. */
  private inHeader(): boolean {
    return !!this.track && !this.trackHasBars && this.track.inst !== '';
  }

  private startTrack(): void {
    if (this.fillSection && this.strict) return this.skip('TRACK_START after the fills began');
    if (this.track) {
      this.skip('TRACK_START inside a track');
      this.endTrack();
    }
    this.track = { inst: '', notes: [] };
    this.trackHasBars = false;
    this.tracks.push(this.track);
    this.barsPerTrack.push(0);
  }

  private startBar(): void {
    if (this.bar?.fill) return this.skip('BAR_START inside a fill');
    if (this.bar) {
      this.skip('BAR_START inside a bar');
      this.endBar();
    }
    if (!this.track) {
      // A bar with no track: keep its notes in a track of its own rather than lose them.
      this.skip('BAR_START outside a track');
      this.startTrack();
    }
    const track = this.track!;
    if (track.inst === '') this.skip('a track needs an INST token before its bars');
    this.trackHasBars = true;
    this.bar = this.openBar(track, this.barsPerTrack[this.tracks.length - 1] * STEPS_PER_BAR, false);
  }

  private openBar(track: GridTrack | null, offset: number, fill: boolean): OpenBar {
    return { track, offset, fill, time: 0, sounding: new Map(), events: 0, afterDelta: false, fillIn: false };
  }

  /** Close the notes still sounding at the bar's end (tolerant) or refuse (strict). */
  private closeNotes(what: string): void {
    const bar = this.bar!;
    if (bar.sounding.size > 0) {
      this.skip(`${bar.sounding.size} note(s) still sounding at ${what}`);
      for (const [pitch, onset] of bar.sounding) this.addNote(pitch, onset, STEPS_PER_BAR);
      this.closedNotes += bar.sounding.size;
      bar.sounding.clear();
    }
    if (bar.afterDelta && this.strict) this.skip(`${what} right after TIME_DELTA (trailing silence is implicit)`);
  }

  private endBar(): void {
    this.closeNotes('BAR_END');
    this.bar = null;
    this.barsPerTrack[this.tracks.length - 1]++;
  }

  private endTrack(): void {
    if (this.bar) {
      this.skip('TRACK_END inside a bar');
      this.endBar();
    }
    if (this.barsPerTrack[this.tracks.length - 1] === 0) this.skip('a track with no bars');
    if (this.track!.inst === '') this.track!.inst = '0';
    this.track = null;
  }

  private startFill(): void {
    if (this.bar?.fill) {
      this.skip('FILL_START inside a fill');
      this.endFill();
    }
    if (this.track) {
      this.skip('FILL_START inside a track');
      this.endTrack();
    }
    this.fillSection = true;
    const slot = this.fills[this.fillCursor];
    if (!slot) this.skip('FILL_START with no FILL_IN bar left to fill');
    this.bar = this.openBar(slot ? this.tracks[slot.track] : null, slot ? slot.bar * STEPS_PER_BAR : 0, true);
  }

  private endFill(): void {
    this.closeNotes('FILL_END');
    const slot = this.fills[this.fillCursor++];
    if (slot) slot.filled = true;
    this.bar = null;
  }

  private event(p: ParsedToken & { value: number }): void {
    const bar = this.bar;
    if (!bar) return this.skip(`${p.kind} outside a bar`);
    if (bar.fillIn) return this.skip('only BAR_END may follow FILL_IN');
    if (!bar.track) return this.skip('event of a fill that has no FILL_IN bar');
    if (p.kind === 'TIME_DELTA') return this.delta(bar, p.value);
    if (p.kind === 'NOTE_ON') {
      if (bar.sounding.has(p.value)) return this.skip(`pitch ${p.value} is already sounding`);
      if (bar.time >= STEPS_PER_BAR) return this.skip('NOTE_ON at the end of the bar');
      bar.sounding.set(p.value, bar.time);
    } else {
      const onset = bar.sounding.get(p.value);
      if (onset === undefined) return this.skip(`pitch ${p.value} is not sounding`);
      bar.sounding.delete(p.value);
      // A zero-length note is dropped: it says nothing that can be played.
      if (onset === bar.time) return this.skip(`pitch ${p.value} would have zero length`);
      this.addNote(p.value, onset, bar.time);
    }
    bar.events++;
    bar.afterDelta = false;
  }

  private delta(bar: OpenBar, steps: number): void {
    if (bar.afterDelta && this.strict) return this.skip('two TIME_DELTAs in a row');
    if (bar.time + steps > STEPS_PER_BAR) this.skip(`time would pass ${STEPS_PER_BAR} (at ${bar.time})`);
    else if (bar.sounding.size === 0 && bar.time + steps === STEPS_PER_BAR && this.strict)
      this.skip('trailing silence is implicit');
    bar.time = Math.min(STEPS_PER_BAR, bar.time + steps);
    bar.events++;
    bar.afterDelta = true;
  }

  private addNote(pitch: number, onset: number, end: number): void {
    const bar = this.bar!;
    const note: GridNote = { pitch, start: bar.offset + onset, duration: end - onset, velocity: this.velocity };
    bar.track!.notes.push(note);
  }

  private finish(): void {
    if (this.bar?.fill) {
      this.skip('the tokens end inside a fill');
      this.endFill();
    }
    if (this.track) {
      this.skip('the tokens end inside a track');
      this.endTrack();
    }
    if (!this.strict) return;
    if (this.tracks.length === 0) this.skip('a piece needs at least one track');
    if (new Set(this.barsPerTrack).size > 1)
      this.skip(`tracks have different numbers of bars: ${this.barsPerTrack.join(', ')}`);
    if (this.fillCursor !== this.fills.length)
      this.skip(`${this.fills.length} FILL_IN bar(s) but ${this.fillCursor} fill(s)`);
  }
}

/** Decode a token sequence (an array, or text split on whitespace) into a grid piece. */
export function decodeTokens(tokens: readonly string[] | string, options: DecodeOptions = {}): DecodeResult {
  const list = typeof tokens === 'string' ? tokens.split(/\s+/).filter(Boolean) : tokens;
  const d = new Decoder(options.strict === true, options.velocity ?? DECODED_VELOCITY);
  d.run(list);
  for (const t of d.tracks) t.notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  const bars = Math.max(0, ...d.barsPerTrack);
  return {
    piece: { bars, tracks: d.tracks },
    fills: d.fills,
    unknownTokens: d.unknownTokens,
    skippedTokens: d.skippedTokens,
    closedNotes: d.closedNotes,
  };
}
