import { describe, expect, it } from 'vitest';
import { decodeTokens, DECODED_VELOCITY } from './decode';
import { encodePiece } from './encode';
import { MusicError } from './errors';
import type { GridPiece } from './grid';
import { makeTokenizer } from './tokenizer';
import { defaultVocabulary } from './vocab';
import { randomWalk } from './testing/randomWalk';

const tok = makeTokenizer(defaultVocabulary());
const note = (pitch: number, start: number, duration: number) => ({
  pitch,
  start,
  duration,
  velocity: DECODED_VELOCITY,
});
const track = (body: string, inst = '0') => `TRACK_START INST=${inst} ${body} TRACK_END`;

function strictError(text: string): string {
  try {
    decodeTokens(text, { strict: true });
  } catch (e) {
    expect(e).toBeInstanceOf(MusicError);
    expect((e as MusicError).code).toBe('bad-tokens');
    return (e as MusicError).message;
  }
  throw new Error(`strict decode accepted: ${text}`);
}

describe('decodeTokens, well-formed input', () => {
  it('decodes the seed example', () => {
    const r = decodeTokens(
      'PIECE_START TRACK_START INST=BASS BAR_START NOTE_ON=61 TIME_DELTA=4 NOTE_OFF=61 NOTE_ON=59 TIME_DELTA=2 NOTE_OFF=59 NOTE_ON=58 TIME_DELTA=2 NOTE_OFF=58 NOTE_ON=56 TIME_DELTA=4 NOTE_OFF=56 NOTE_ON=54 TIME_DELTA=4 NOTE_OFF=54 BAR_END TRACK_END',
      { strict: true },
    );
    expect(r.piece).toEqual({
      bars: 1,
      tracks: [
        { inst: 'BASS', notes: [note(61, 0, 4), note(59, 4, 2), note(58, 6, 2), note(56, 8, 4), note(54, 12, 4)] },
      ],
    });
    expect([r.unknownTokens, r.skippedTokens, r.closedNotes]).toEqual([0, 0, 0]);
  });

  it('places bars in sequence, keeps DENSITY, and takes a velocity option', () => {
    const r = decodeTokens(
      `PIECE_START TRACK_START INST=DRUMS DENSITY=4 BAR_START BAR_END BAR_START TIME_DELTA=2 NOTE_ON=36 TIME_DELTA=1 NOTE_OFF=36 BAR_END TRACK_END`,
      {
        strict: true,
        velocity: 100,
      },
    );
    expect(r.piece).toEqual({
      bars: 2,
      tracks: [{ inst: 'DRUMS', density: 4, notes: [{ pitch: 36, start: 18, duration: 1, velocity: 100 }] }],
    });
  });

  it('keeps POLYPHONY and DURATION from the header, as no notes; strict accepts them only there, in order', () => {
    const head = 'PIECE_START TRACK_START INST=0';
    const bar = 'BAR_START NOTE_ON=60 TIME_DELTA=4 NOTE_OFF=60 BAR_END TRACK_END';
    const r = decodeTokens(`${head} DENSITY=2 POLYPHONY=3 DURATION=1 ${bar}`, { strict: true, velocity: 90 });
    expect(r.piece.tracks).toEqual([
      { inst: '0', density: 2, polyphony: 3, duration: 1, notes: [{ pitch: 60, start: 0, duration: 4, velocity: 90 }] },
    ]);
    for (const bad of [
      `${head} DURATION=1 POLYPHONY=3 ${bar}`,
      `${head} POLYPHONY=3 DENSITY=2 ${bar}`,
      `${head} POLYPHONY=3 POLYPHONY=3 ${bar}`,
      `PIECE_START TRACK_START POLYPHONY=3 INST=0 ${bar}`,
      `${head} BAR_START DURATION=1 BAR_END TRACK_END`,
    ]) {
      expect(() => decodeTokens(bad, { strict: true })).toThrow(/POLYPHONY|DURATION|DENSITY/);
      const tolerant = decodeTokens(bad);
      expect(tolerant.skippedTokens).toBe(1);
    }
  });

  it('puts FILL_START…FILL_END contents into the FILL_IN bars, in order', () => {
    const text =
      'PIECE_START ' +
      track('BAR_START FILL_IN BAR_END BAR_START NOTE_ON=60 TIME_DELTA=16 NOTE_OFF=60 BAR_END') +
      ' ' +
      track('BAR_START BAR_END BAR_START FILL_IN BAR_END', 'BASS') +
      ' FILL_START NOTE_ON=62 TIME_DELTA=3 NOTE_OFF=62 FILL_END FILL_START TIME_DELTA=8 NOTE_ON=40 TIME_DELTA=8 NOTE_OFF=40 FILL_END';
    const r = decodeTokens(text, { strict: true });
    expect(r.fills).toEqual([
      { track: 0, bar: 0, filled: true },
      { track: 1, bar: 1, filled: true },
    ]);
    expect(r.piece.tracks[0].notes).toEqual([note(62, 0, 3), note(60, 16, 16)]);
    expect(r.piece.tracks[1].notes).toEqual([note(40, 24, 8)]);
  });

  it('inverts encodePiece on a hand-made piece with fills and density', () => {
    const piece: GridPiece = {
      bars: 2,
      tracks: [
        { inst: 'SOPRANO', density: 2, notes: [note(72, 0, 16), note(71, 16, 4), note(71, 20, 4), note(69, 24, 8)] },
        { inst: '33', density: 0, notes: [note(36, 3, 2), note(43, 3, 13), note(36, 18, 14)] },
      ],
    };
    const fill = [{ track: 1, bar: 1 }];
    const tokens = encodePiece(piece, { densityEdges: [1, 2, 3], fill });
    const r = decodeTokens(tokens, { strict: true });
    expect(r.piece).toEqual(piece);
    expect(r.fills).toEqual([{ ...fill[0], filled: true }]);
  });
});

describe('decodeTokens, tolerant (the default)', () => {
  const bar = (body: string) => `PIECE_START TRACK_START INST=0 BAR_START ${body} BAR_END TRACK_END`;

  it('ignores an unmatched NOTE_OFF', () => {
    const r = decodeTokens(bar('NOTE_ON=60 TIME_DELTA=2 NOTE_OFF=61 NOTE_OFF=60'));
    expect(r.piece.tracks[0].notes).toEqual([note(60, 0, 2)]);
    expect(r.skippedTokens).toBe(1);
  });

  it('closes a note open at BAR_END at the end of its bar', () => {
    const r = decodeTokens(
      'PIECE_START TRACK_START INST=0 BAR_START BAR_END BAR_START TIME_DELTA=4 NOTE_ON=60 TIME_DELTA=2 BAR_END TRACK_END',
    );
    expect(r.piece.tracks[0].notes).toEqual([note(60, 20, 12)]);
    expect(r.closedNotes).toBe(1);
  });

  it('closes notes open at TRACK_END and at the end of the tokens', () => {
    const r = decodeTokens(
      'PIECE_START TRACK_START INST=0 BAR_START NOTE_ON=60 TRACK_END TRACK_START INST=1 BAR_START TIME_DELTA=8 NOTE_ON=50',
    );
    expect(r.piece.tracks.map((t) => t.notes)).toEqual([[note(60, 0, 16)], [note(50, 8, 8)]]);
    expect(r.piece.bars).toBe(1);
    expect(r.closedNotes).toBe(2);
  });

  it('skips and counts unknown tokens', () => {
    const r = decodeTokens([
      'PIECE_START',
      'TRACK_START',
      'INST=0',
      '[UNK]',
      'BAR_START',
      'NOTE_ON=60',
      'NOTE_ON=999',
      'WAT',
      'TIME_DELTA=1',
      '[PAD]',
      'NOTE_OFF=60',
      'BAR_END',
      'TRACK_END',
    ]);
    expect(r.piece.tracks[0].notes).toEqual([note(60, 0, 1)]);
    expect(r.unknownTokens).toBe(4);
    expect(r.skippedTokens).toBe(0);
  });

  it('drops zero-length notes, clamps time at 16, and ignores events outside bars', () => {
    const r = decodeTokens(
      bar('NOTE_ON=60 NOTE_OFF=60 NOTE_ON=62 TIME_DELTA=10 TIME_DELTA=10 NOTE_ON=64 NOTE_OFF=62') + ' NOTE_ON=1',
    );
    expect(r.piece.tracks[0].notes).toEqual([note(62, 0, 16)]);
    expect(r.skippedTokens).toBe(4); // zero-length off, the clamped delta, the NOTE_ON at 16, the NOTE_ON after the track
  });

  it('repairs missing structure: no PIECE_START, no BAR_END, no INST, no TRACK_START', () => {
    const r = decodeTokens(
      'TRACK_START BAR_START NOTE_ON=60 TIME_DELTA=4 NOTE_OFF=60 BAR_START NOTE_ON=61 TIME_DELTA=2 NOTE_OFF=61 TRACK_END BAR_START NOTE_ON=1 TIME_DELTA=1 NOTE_OFF=1 BAR_END',
    );
    expect(r.piece.tracks).toEqual([
      { inst: '0', notes: [note(60, 0, 4), note(61, 16, 2)] },
      { inst: '0', notes: [note(1, 0, 1)] },
    ]);
    expect(r.piece.bars).toBe(2);
  });

  it('leaves a FILL_IN bar without its fill unfilled, and skips a fill without a FILL_IN', () => {
    const unfilled = decodeTokens('PIECE_START ' + track('BAR_START FILL_IN BAR_END'));
    expect(unfilled.fills).toEqual([{ track: 0, bar: 0, filled: false }]);
    const extra = decodeTokens(
      'PIECE_START ' + track('BAR_START BAR_END') + ' FILL_START NOTE_ON=60 TIME_DELTA=1 NOTE_OFF=60 FILL_END',
    );
    expect(extra.piece.tracks[0].notes).toEqual([]);
    expect(extra.skippedTokens).toBe(4);
  });

  it('never throws on random token soup', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let k = 0; k < 200; k++) {
      const tokens = Array.from({ length: 200 }, () => tok.tokens[next() % tok.tokens.length]);
      const r = decodeTokens(tokens);
      for (const t of r.piece.tracks)
        for (const n of t.notes) {
          expect(n.duration).toBeGreaterThanOrEqual(1);
          expect(Math.floor(n.start / 16)).toBe(Math.floor((n.start + n.duration - 1) / 16));
        }
    }
  });
});

describe('decodeTokens, strict', () => {
  const ok = (body: string) => `PIECE_START TRACK_START INST=0 BAR_START ${body} BAR_END TRACK_END`;
  const cases: [string, string, RegExp][] = [
    ['an unmatched NOTE_OFF', ok('NOTE_OFF=60'), /token 4 \(NOTE_OFF=60\): pitch 60 is not sounding/],
    ['a note open at BAR_END', ok('NOTE_ON=60 TIME_DELTA=2'), /token 6 \(BAR_END\): 1 note\(s\) still sounding/],
    ['an unknown token', ok('NOTE_ON=60 FOO TIME_DELTA=2 NOTE_OFF=60'), /token 5 \(FOO\): not an mmmtrack token/],
    ['a missing PIECE_START', 'TRACK_START INST=0 BAR_START BAR_END TRACK_END', /token 0 .*PIECE_START/],
    ['a zero-length note', ok('NOTE_ON=60 NOTE_OFF=60'), /zero length/],
    ['time past 16', ok('NOTE_ON=60 TIME_DELTA=16 NOTE_OFF=60 TIME_DELTA=1'), /pass 16/],
    ['trailing silence', ok('NOTE_ON=60 TIME_DELTA=2 NOTE_OFF=60 TIME_DELTA=14'), /trailing silence/],
    ['two deltas in a row', ok('TIME_DELTA=2 TIME_DELTA=2 NOTE_ON=1 TIME_DELTA=1 NOTE_OFF=1'), /two TIME_DELTAs/],
    ['a truncated piece', 'PIECE_START TRACK_START INST=0 BAR_START', /token 4 \(end of tokens\)/],
    [
      'tracks of different lengths',
      'PIECE_START ' + track('BAR_START BAR_END') + ' ' + track('BAR_START BAR_END BAR_START BAR_END'),
      /different numbers of bars/,
    ],
    [
      'a FILL_IN without its fill',
      'PIECE_START ' + track('BAR_START FILL_IN BAR_END'),
      /1 FILL_IN bar\(s\) but 0 fill/,
    ],
    [
      'a fill without a FILL_IN',
      'PIECE_START ' + track('BAR_START BAR_END') + ' FILL_START FILL_END',
      /no FILL_IN bar left/,
    ],
    ['a track with no bars', 'PIECE_START TRACK_START INST=0 TRACK_END', /no bars/],
    ['no tracks', 'PIECE_START', /at least one track/],
    ['a second INST', 'PIECE_START TRACK_START INST=0 INST=1 BAR_START BAR_END TRACK_END', /token 3 .*INST only/],
  ];
  it.each(cases)('rejects %s', (_name, text, message) => {
    expect(strictError(text)).toMatch(message);
  });
});

describe('grammar and decoder agree', () => {
  it('every random walk under the grammar mask decodes strictly, and re-encodes to the same grid', () => {
    for (let seed = 0; seed < 60; seed++) {
      const options = { bars: 1 + (seed % 3), tracks: 1 + (seed % 4), density: seed % 2 === 0, fill: seed % 3 === 0 };
      const { tokens } = randomWalk(tok, options, seed);
      const r = decodeTokens(tokens, { strict: true });
      expect(r.piece.tracks).toHaveLength(options.tracks);
      expect(r.piece.bars).toBe(options.bars);
      const again = encodePiece(r.piece, { densityEdges: options.density ? [] : undefined, fill: r.fills });
      expect(decodeTokens(again, { strict: true }).piece).toEqual(r.piece);
    }
  });
});
