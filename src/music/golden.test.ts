// Golden vectors: exact token strings for pieces built by hand, through every stage
// (Score -> MIDI bytes -> Score -> grid -> tokens -> grid -> Score).
import { describe, expect, it } from 'vitest';
import { decodeTokens } from './decode';
import { encodePiece, gridToScore } from './encode';
import { GrammarState } from './grammar';
import { readMidi, writeMidi } from './midi';
import { scoreToGrid } from './quantize';
import type { Score } from './score';
import { seedScore } from './testing/fixtures';

const SEED_GOLDEN =
  'PIECE_START TRACK_START INST=BASS BAR_START NOTE_ON=61 TIME_DELTA=4 NOTE_OFF=61 NOTE_ON=59 TIME_DELTA=2 NOTE_OFF=59 NOTE_ON=58 TIME_DELTA=2 NOTE_OFF=58 NOTE_ON=56 TIME_DELTA=4 NOTE_OFF=56 NOTE_ON=54 TIME_DELTA=4 NOTE_OFF=54 BAR_END';
const EDGES = [2, 4, 6, 8, 10, 12, 14, 16, 18];

describe('the seed example', () => {
  it('encodes exactly to the seed tokens (DENSITY off), then TRACK_END', () => {
    expect(encodePiece(scoreToGrid(seedScore())).join(' ')).toBe(`${SEED_GOLDEN} TRACK_END`);
  });

  it('encodes the same after a trip through MIDI bytes, at another PPQ', () => {
    const back = readMidi(writeMidi(seedScore(96)));
    expect(encodePiece(scoreToGrid(back, { parts: ['BASS'] })).join(' ')).toBe(`${SEED_GOLDEN} TRACK_END`);
  });

  it('with DENSITY on, differs only by a DENSITY token right after INST', () => {
    const tokens = encodePiece(scoreToGrid(seedScore()), { densityEdges: EDGES });
    expect(tokens.join(' ')).toBe(SEED_GOLDEN.replace('INST=BASS', 'INST=BASS DENSITY=2') + ' TRACK_END');
  });

  it('decodes strictly back to the seed notes, in ticks', () => {
    const { piece } = decodeTokens(`${SEED_GOLDEN} TRACK_END`, { strict: true });
    const score = gridToScore(piece, { ppq: 480 });
    const original = seedScore().tracks[0].notes;
    expect(score.tracks[0].notes.map((n) => [n.pitch, n.start, n.duration])).toEqual(
      original.map((n) => [n.pitch, n.start, n.duration]),
    );
    expect(score.tracks[0].part).toBe('BASS');
  });
});

/** Two bars at PPQ 4 (one tick = one sixteenth): a chord, a re-struck pitch, a rest, a note across the bar line, drums. */
function bandScore(): Score {
  const n = (pitch: number, start: number, duration: number) => ({ pitch, start, duration, velocity: 100 });
  return {
    ppq: 4,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [
      { name: 'Keys', program: 0, isDrum: false, notes: [n(60, 0, 4), n(64, 0, 8), n(60, 4, 4), n(67, 12, 8)] },
      { name: 'Drums', program: 0, isDrum: true, notes: [n(36, 0, 1), n(38, 4, 1), n(36, 24, 2)] },
    ],
  };
}

const PIANO_BAR_1 =
  'BAR_START NOTE_ON=60 NOTE_ON=64 TIME_DELTA=4 NOTE_OFF=60 NOTE_ON=60 TIME_DELTA=4 NOTE_OFF=60 NOTE_OFF=64 TIME_DELTA=4 NOTE_ON=67 TIME_DELTA=4 NOTE_OFF=67 BAR_END';
const PIANO_BAR_2 = 'BAR_START NOTE_ON=67 TIME_DELTA=4 NOTE_OFF=67 BAR_END';
const DRUMS =
  'TRACK_START INST=DRUMS BAR_START NOTE_ON=36 TIME_DELTA=1 NOTE_OFF=36 TIME_DELTA=3 NOTE_ON=38 TIME_DELTA=1 NOTE_OFF=38 BAR_END BAR_START TIME_DELTA=8 NOTE_ON=36 TIME_DELTA=2 NOTE_OFF=36 BAR_END TRACK_END';
const BAND_GOLDEN = `PIECE_START TRACK_START INST=0 ${PIANO_BAR_1} ${PIANO_BAR_2} TRACK_END ${DRUMS}`;

describe('a two-track piece', () => {
  it('encodes to its golden tokens, directly and through MIDI bytes', () => {
    expect(encodePiece(scoreToGrid(bandScore())).join(' ')).toBe(BAND_GOLDEN);
    expect(encodePiece(scoreToGrid(readMidi(writeMidi(bandScore())))).join(' ')).toBe(BAND_GOLDEN);
  });

  it('with DENSITY on: one bin per track', () => {
    const text = encodePiece(scoreToGrid(bandScore()), { densityEdges: EDGES }).join(' ');
    expect(text).toBe(BAND_GOLDEN.replace('INST=0', 'INST=0 DENSITY=2').replace('INST=DRUMS', 'INST=DRUMS DENSITY=1'));
  });

  it('with a filled bar: FILL_IN in place, its events after the last track', () => {
    const text = encodePiece(scoreToGrid(bandScore()), { fill: [{ track: 0, bar: 1 }] }).join(' ');
    const fill = 'FILL_START NOTE_ON=67 TIME_DELTA=4 NOTE_OFF=67 FILL_END';
    expect(text).toBe(
      `PIECE_START TRACK_START INST=0 ${PIANO_BAR_1} BAR_START FILL_IN BAR_END TRACK_END ${DRUMS} ${fill}`,
    );
    const decoded = decodeTokens(text, { strict: true });
    expect(decoded.piece.tracks[0].notes).toEqual(decodeTokens(BAND_GOLDEN, { strict: true }).piece.tracks[0].notes);
    expect(() => new GrammarState({ bars: 2, tracks: 2, fill: true }).advanceAll(text.split(' '))).not.toThrow();
  });

  it('decodes strictly to the quantized grid, which the grammar accepts token by token', () => {
    const grid = scoreToGrid(bandScore());
    const { piece } = decodeTokens(BAND_GOLDEN, { strict: true, velocity: 100 });
    expect(piece).toEqual({ bars: grid.bars, tracks: grid.tracks });
    const g = new GrammarState({ bars: 2, tracks: 2, instruments: ['INST=0', 'INST=DRUMS'] }).advanceAll(
      BAND_GOLDEN.split(' '),
    );
    expect(g.isComplete()).toBe(true);
  });
});
