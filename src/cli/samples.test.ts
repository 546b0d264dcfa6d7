import { describe, expect, it } from 'vitest';
import { encodePiece } from '../music/encode';
import type { GridNote, GridPiece } from '../music/grid';
import { makeTokenizer } from '../music/tokenizer';
import { vocabulary } from '../music/vocab';
import { windows } from '../music/windows';
import { emptyStats, encodeSamples, IdSink, resolveSlots, SLOT, type SampleOptions } from './samples';

const note = (pitch: number, start: number, duration: number): GridNote => ({ pitch, start, duration, velocity: 80 });

// Three tracks of 8 bars with different textures: held chords, a melody, short drum hits.
const piece: GridPiece = {
  bars: 8,
  tracks: [
    {
      inst: '0',
      notes: Array.from({ length: 8 }, (_, b) =>
        [60, 64, 67].map((p) => note(p + (b % 3), b * 16, 8 + (b % 2) * 8)),
      ).flat(),
    },
    {
      inst: '33',
      notes: Array.from({ length: 40 }, (_, i) => note(40 + (i % 5), i * 3, 1 + (i % 3))).filter(
        (n) => n.start + n.duration <= (Math.floor(n.start / 16) + 1) * 16,
      ),
    },
    { inst: 'DRUMS', notes: Array.from({ length: 64 }, (_, i) => note(i % 2 ? 42 : 36, i * 2, 1)) },
  ],
};

const tok = makeTokenizer(vocabulary([], ['POLYPHONY', 'DURATION']));
const plain: SampleOptions = {
  bars: 4,
  hop: 2,
  transpose: [0, 0],
  copies: 1,
  weight: 1,
  shuffleTracks: false,
  fill: 0,
  density: true,
  polyphony: true,
  duration: true,
};
const edges = { densityEdges: [10, 20, 40], polyphonyEdges: [1.25, 2, 2.75, 3.5], durationEdges: [1.5, 2.5, 6, 12] };
const slotEdges = [
  { kind: 'DENSITY' as const, edges: edges.densityEdges },
  { kind: 'POLYPHONY' as const, edges: edges.polyphonyEdges },
  { kind: 'DURATION' as const, edges: edges.durationEdges },
];

describe('header slots', () => {
  it('resolve to exactly the tokens encodePiece writes with the same edges', () => {
    const sink = new IdSink();
    const stats = emptyStats();
    encodeSamples(piece, 'a.mid', tok, plain, sink, stats);
    const ids = sink.ids();
    expect(ids.some((id) => id >= SLOT)).toBe(true);
    resolveSlots(ids, slotEdges, tok);
    const expected = windows(piece, 4, 2).flatMap((w) => encodePiece(w, edges));
    expect(Array.from(ids, (id) => tok.tokens[id])).toEqual(expected);
    expect(expected.filter((t) => t.startsWith('POLYPHONY=')).length).toBe(stats.polyphony.length);
  });

  it('leave a sample without them unchanged, and the old vocabulary’s ids as they were', () => {
    const old = makeTokenizer(vocabulary([]));
    const sink = new IdSink();
    encodeSamples(piece, 'a.mid', old, { ...plain, polyphony: false, duration: false }, sink);
    const ids = sink.ids();
    resolveSlots(ids, slotEdges.slice(0, 1), old);
    expect(Array.from(ids, (id) => old.tokens[id])).toEqual(
      windows(piece, 4, 2).flatMap((w) => encodePiece(w, { densityEdges: edges.densityEdges })),
    );
  });

  it('count the stats in 1/256 units per track-window, the bins they fall in matching the tokens', () => {
    const stats = emptyStats();
    encodeSamples(piece, 'a.mid', tok, plain, new IdSink(), stats);
    const ws = windows(piece, 4, 2);
    expect(stats.counts).toEqual(ws.flatMap((w) => w.tracks.map((t) => t.notes.length)));
    // Held chords: 3 notes sounding at once; drums: kick and hat alternate, one at a time.
    expect(stats.polyphony[0]).toBe(3 * 256);
    expect(stats.polyphony[2]).toBe(256);
    expect(stats.duration[2]).toBe(256);
  });

  it('refuse a vocabulary without the control tokens', () => {
    const sink = new IdSink();
    encodeSamples(piece, 'a.mid', tok, plain, sink);
    expect(() => resolveSlots(sink.ids(), slotEdges, makeTokenizer(vocabulary([])))).toThrow(/no POLYPHONY=0..4/);
  });
});
