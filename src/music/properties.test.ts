// Properties on random pieces and scores (fast-check): the encoding is lossless on the grid,
// the grammar accepts everything the encoder writes, MIDI out and in keeps every note,
// and the tolerant decoder survives any token soup.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeTokens, DECODED_VELOCITY } from './decode';
import { encodePiece } from './encode';
import { GrammarState } from './grammar';
import type { GridNote, GridPiece } from './grid';
import { readMidi, writeMidi } from './midi';
import { scoreToGrid } from './quantize';
import type { Note, Score, Track } from './score';
import { makeTokenizer } from './tokenizer';
import { defaultVocabulary, STEPS_PER_BAR } from './vocab';

const tok = makeTokenizer(defaultVocabulary());
const INSTS = ['0', '33', '127', 'DRUMS', 'SOPRANO', 'BASS', 'PIANO'];

/** Drop notes that overlap an earlier kept note of the same pitch (the grid and MIDI both forbid it). */
function withoutOverlaps<T extends { pitch: number; start: number; duration: number }>(notes: T[]): T[] {
  const endOf = new Map<number, number>();
  return [...notes]
    .sort((a, b) => a.start - b.start || a.pitch - b.pitch)
    .filter((n) => {
      if ((endOf.get(n.pitch) ?? -1) > n.start) return false;
      endOf.set(n.pitch, n.start + n.duration);
      return true;
    });
}

const gridNoteArb = (bars: number): fc.Arbitrary<GridNote> =>
  fc
    .record({
      pitch: fc.integer({ min: 0, max: 127 }),
      bar: fc.nat(bars - 1),
      at: fc.nat(STEPS_PER_BAR - 1),
      len: fc.integer({ min: 1, max: STEPS_PER_BAR }),
    })
    .map(({ pitch, bar, at, len }) => ({
      pitch,
      start: bar * STEPS_PER_BAR + at,
      duration: Math.min(len, STEPS_PER_BAR - at),
      velocity: DECODED_VELOCITY,
    }));

/** A grid piece as quantize.ts makes them: notes inside bars, sorted, no same-pitch overlaps. */
const pieceArb: fc.Arbitrary<GridPiece> = fc.integer({ min: 1, max: 4 }).chain((bars) =>
  fc
    .array(
      fc.record({
        inst: fc.constantFrom(...INSTS),
        // Mostly a narrow range, so notes collide and re-strike.
        notes: fc.oneof(
          fc.array(gridNoteArb(bars), { maxLength: 40 }),
          fc.array(
            gridNoteArb(bars).map((n) => ({ ...n, pitch: 60 + (n.pitch % 5) })),
            { maxLength: 30 },
          ),
        ),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((tracks) => ({ bars, tracks: tracks.map((t) => ({ inst: t.inst, notes: withoutOverlaps(t.notes) })) })),
);

/** Some (track, bar) slots of a piece, in token-stream order (encodePiece writes the fills in the order given). */
function fillsArb(piece: GridPiece) {
  const slots = piece.tracks.flatMap((_, track) => Array.from({ length: piece.bars }, (_, bar) => ({ track, bar })));
  return fc.subarray(slots, { maxLength: Math.min(3, slots.length) });
}

describe('encodePiece and decodeTokens', () => {
  it('decode(encode(piece)) is the piece, strictly, with and without DENSITY', () => {
    fc.assert(
      fc.property(pieceArb, fc.boolean(), (piece, density) => {
        const tokens = encodePiece(piece, { densityEdges: density ? [1, 5, 10] : undefined });
        const { piece: back } = decodeTokens(tokens, { strict: true });
        expect(back.bars).toBe(piece.bars);
        expect(back.tracks.map((t) => ({ inst: t.inst, notes: t.notes }))).toEqual(piece.tracks);
      }),
      { numRuns: 300 },
    );
  });

  it('fills come back into their FILL_IN bars', () => {
    fc.assert(
      fc.property(
        pieceArb.chain((piece) => fc.tuple(fc.constant(piece), fillsArb(piece))),
        ([piece, fill]) => {
          const r = decodeTokens(encodePiece(piece, { fill }), { strict: true });
          expect(r.piece.tracks.map((t) => t.notes)).toEqual(piece.tracks.map((t) => t.notes));
          expect(r.fills.filter((f) => f.filled)).toHaveLength(fill.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('GrammarState on encoded pieces', () => {
  it('accepts every token of every encoded piece, offers it in the mask, and is complete exactly at the end', () => {
    fc.assert(
      fc.property(
        pieceArb.chain((piece) => fc.tuple(fc.constant(piece), fillsArb(piece), fc.boolean())),
        ([piece, fill, density]) => {
          const tokens = encodePiece(piece, { fill, densityEdges: density ? [3] : undefined });
          const g = new GrammarState({ bars: piece.bars, tracks: piece.tracks.length, density, fill: fill.length > 0 });
          const mask = new Uint8Array(tok.tokens.length);
          tokens.forEach((t) => {
            expect(g.isComplete()).toBe(false);
            expect(g.allowedMask(tok, mask)[tok.ids.get(t)!], t).toBe(1);
            g.advance(t);
          });
          expect(g.isComplete()).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const trackArb: fc.Arbitrary<Track> = fc
  .record({
    program: fc.integer({ min: 0, max: 127 }),
    isDrum: fc.boolean(),
    notes: fc.array(
      fc.record({
        pitch: fc.integer({ min: 0, max: 127 }),
        start: fc.nat(4000),
        duration: fc.integer({ min: 1, max: 1500 }),
        velocity: fc.integer({ min: 1, max: 127 }),
      }),
      { minLength: 1, maxLength: 30 },
    ),
  })
  .map((t) => ({ name: 'Voice', program: t.program, isDrum: t.isDrum, notes: withoutOverlaps<Note>(t.notes) }));

const scoreArb: fc.Arbitrary<Score> = fc
  .record({
    ppq: fc.constantFrom(24, 96, 480, 1024),
    tracks: fc.array(trackArb, { minLength: 1, maxLength: 5 }),
    bpm: fc.integer({ min: 30, max: 240 }),
  })
  .map(({ ppq, tracks, bpm }) => ({
    ppq,
    tempos: [{ tick: 0, bpm }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks,
  }));

describe('Scores', () => {
  it('writeMidi then readMidi keeps every note: pitch, start, duration in ticks, velocity', () => {
    fc.assert(
      fc.property(scoreArb, (score) => {
        const back = readMidi(writeMidi(score));
        expect(back.ppq).toBe(score.ppq);
        expect(back.tracks.map((t) => [t.program, t.isDrum])).toEqual(score.tracks.map((t) => [t.program, t.isDrum]));
        back.tracks.forEach((t, i) => expect(t.notes).toEqual(score.tracks[i].notes));
      }),
      { numRuns: 150 },
    );
  });

  it('any 4/4 score quantizes to a grid that encodes and decodes to itself', () => {
    fc.assert(
      fc.property(scoreArb, (score) => {
        const grid = scoreToGrid(score);
        const back = decodeTokens(encodePiece(grid), { strict: true }).piece;
        expect(back.tracks.map((t) => t.notes.map((n) => [n.pitch, n.start, n.duration]))).toEqual(
          grid.tracks.map((t) => t.notes.map((n) => [n.pitch, n.start, n.duration])),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe('decodeTokens, tolerant', () => {
  it('never throws on token soup, and every note it returns is playable and inside one bar', () => {
    const soup = fc.array(fc.oneof(fc.constantFrom(...tok.tokens), fc.string({ maxLength: 12 })), { maxLength: 300 });
    fc.assert(
      fc.property(soup, (tokens) => {
        const r = decodeTokens(tokens);
        for (const n of r.piece.tracks.flatMap((t) => t.notes)) {
          expect(n.duration).toBeGreaterThanOrEqual(1);
          expect(n.pitch >= 0 && n.pitch < 128).toBe(true);
          expect(Math.floor(n.start / STEPS_PER_BAR)).toBe(Math.floor((n.start + n.duration - 1) / STEPS_PER_BAR));
        }
      }),
      { numRuns: 500 },
    );
  });
});
