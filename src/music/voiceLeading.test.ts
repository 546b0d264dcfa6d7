import { describe, expect, it } from 'vitest';
import {
  CROSSING,
  PARALLEL_FIFTH,
  PARALLEL_OCTAVE,
  satbRank,
  soundingAt,
  voiceLeadingFaults,
  voiceLeadingFlags,
  type Voice,
  type VoiceNote,
} from './voiceLeading';

/** Quarter notes (4 sixteenths each) from time 0; null is a quarter rest. */
function quarters(part: string, pitches: (number | null)[]): Voice {
  const notes: VoiceNote[] = [];
  pitches.forEach((pitch, i) => {
    if (pitch !== null) notes.push({ pitch, start: 4 * i, end: 4 * i + 4 });
  });
  return { part, notes };
}

const PARALLEL = PARALLEL_FIFTH | PARALLEL_OCTAVE;
const flagged = (flags: Uint8Array, mask: number) => [...flags.keys()].filter((p) => flags[p] & mask);

describe('voiceLeadingFlags: parallels (as music_stats.parallel_count counts them)', () => {
  // Bass C3 -> D3 under a soprano on G4 (a twelfth = interval class 7) at the first beat.
  const bass = quarters('BASS', [48, 50]);
  const soprano = quarters('SOPRANO', [67]);

  it('flags the parallel fifth G4 -> A4 (and its octaves above), both voices rising', () => {
    const flags = voiceLeadingFlags([bass], soprano, 4);
    expect(flagged(flags, PARALLEL_FIFTH)).toEqual([69, 81, 93, 105, 117]);
    expect(flagged(flags, PARALLEL_OCTAVE)).toEqual([]);
  });

  it('does not flag contrary motion into the same interval class (G4 -> A3 against C3 -> D3)', () => {
    const flags = voiceLeadingFlags([bass], soprano, 4);
    expect(flags[57] & PARALLEL).toBe(0);
    expect(flags[45] & PARALLEL).toBe(0);
  });

  it('does not flag oblique motion: a held bass makes no parallel', () => {
    const held: Voice = { part: 'BASS', notes: [{ pitch: 48, start: 0, end: 8 }] };
    expect(flagged(voiceLeadingFlags([held], soprano, 4), PARALLEL)).toEqual([]);
  });

  it('flags parallel octaves and unisons, measured from the lower part up', () => {
    const tenor = quarters('TENOR', [60, 62]);
    // Alto on C4 over the tenor's C4 (a unison) moving up with it to D4 is a parallel unison.
    expect(flagged(voiceLeadingFlags([tenor], quarters('ALTO', [60]), 4), PARALLEL_OCTAVE)).toEqual([
      62, 74, 86, 98, 110, 122,
    ]);
    // The bass under the tenor C4 -> D4: C3 -> D3 (or any D above) is a parallel octave; D2 falls, so it is not.
    expect(flagged(voiceLeadingFlags([tenor], quarters('BASS', [48]), 4), PARALLEL_OCTAVE)).toEqual([
      50, 62, 74, 86, 98, 110, 122,
    ]);
  });

  it('a fourth below is not a fifth: the class is taken from the lower part up, as the statistics do', () => {
    // Tenor G3 under an alto C4: alto - tenor = 5, not 7, so nothing is flagged.
    const alto = quarters('ALTO', [60, 62]);
    expect(flagged(voiceLeadingFlags([alto], quarters('TENOR', [55]), 4), PARALLEL)).toEqual([]);
  });

  it('compares consecutive onsets of all voices: a note in between breaks the pair', () => {
    // The bass moves C3 -> E3 on the off-beat, then D3: from the off-beat, G4/E3 is a sixth.
    const busy: Voice = {
      part: 'BASS',
      notes: [
        { pitch: 48, start: 0, end: 2 },
        { pitch: 52, start: 2, end: 4 },
        { pitch: 50, start: 4, end: 8 },
      ],
    };
    expect(flagged(voiceLeadingFlags([busy], soprano, 4), PARALLEL)).toEqual([]);
  });

  it('takes no parallel from a rest or from a voice with no note yet', () => {
    const rested: Voice = { part: 'SOPRANO', notes: [{ pitch: 67, start: 0, end: 2 }] };
    // The alto's onset at 2 makes 2 the previous onset time, where the soprano rests.
    const alto: Voice = {
      part: 'ALTO',
      notes: [
        { pitch: 60, start: 0, end: 2 },
        { pitch: 62, start: 2, end: 8 },
      ],
    };
    expect(flagged(voiceLeadingFlags([bass, alto], rested, 4), PARALLEL)).toEqual([]);
    expect(flagged(voiceLeadingFlags([bass], { part: 'SOPRANO', notes: [] }, 4), PARALLEL)).toEqual([]);
  });

  it('counts a note whose NOTE_OFF is not written yet as sounding', () => {
    const open: Voice = { part: 'SOPRANO', notes: [{ pitch: 67, start: 0, end: Infinity }] };
    expect(flagged(voiceLeadingFlags([bass], open, 4), PARALLEL_FIFTH)).toContain(69);
  });
});

describe('voiceLeadingFlags: crossing (as music_stats.crossing_steps defines it)', () => {
  it('flags a tenor above the alto sounding at t, not the unison', () => {
    const flags = voiceLeadingFlags([quarters('ALTO', [64, 69])], quarters('TENOR', [60]), 4);
    expect(flagged(flags, CROSSING)).toEqual(Array.from({ length: 127 - 69 }, (_, i) => 70 + i));
  });

  it('flags a soprano below the alto, and checks the nearest sounding part on each side', () => {
    const alto = quarters('ALTO', [null, 64]);
    const tenor = quarters('TENOR', [null, 60]);
    const bass = quarters('BASS', [null, 48]);
    expect(flagged(voiceLeadingFlags([alto, bass], quarters('SOPRANO', [72]), 4), CROSSING)).toEqual(
      Array.from({ length: 64 }, (_, i) => i),
    );
    // A tenor between a resting alto and the bass: the soprano above is the nearest sounding part.
    const resting = quarters('ALTO', [64, null]);
    const flags = voiceLeadingFlags([quarters('SOPRANO', [72, 72]), resting, bass], quarters('TENOR', [60]), 4);
    expect(flagged(flags, CROSSING)).toEqual([
      ...Array.from({ length: 48 }, (_, i) => i),
      ...Array.from({ length: 127 - 72 }, (_, i) => 73 + i),
    ]);
    expect(flagged(voiceLeadingFlags([tenor], quarters('BASS', [48]), 4), CROSSING)).toEqual(
      Array.from({ length: 127 - 60 }, (_, i) => 61 + i),
    );
  });
});

describe('voiceLeadingFlags: who takes part', () => {
  const bass = quarters('BASS', [48, 50]);

  it('ignores voices that are not SATB parts, and a current track that is not one', () => {
    expect(
      flagged(
        voiceLeadingFlags([quarters('PIANO', [48, 50]), quarters('52', [48, 50])], quarters('SOPRANO', [67]), 4),
        0xff,
      ),
    ).toEqual([]);
    expect(flagged(voiceLeadingFlags([bass], quarters('MELODY', [67]), 4), 0xff)).toEqual([]);
    expect(flagged(voiceLeadingFlags([bass], quarters('0', [67]), 4), 0xff)).toEqual([]);
  });

  it('does not compare two tracks of the same part', () => {
    expect(flagged(voiceLeadingFlags([quarters('SOPRANO', [48, 50])], quarters('SOPRANO', [67]), 4), 0xff)).toEqual([]);
  });

  it('reuses the buffer it is given, cleared', () => {
    const out = new Uint8Array(128).fill(0xff);
    expect(voiceLeadingFlags([], quarters('SOPRANO', [67]), 4, out)).toBe(out);
    expect(out.every((f) => f === 0)).toBe(true);
  });
});

describe('helpers', () => {
  it('satbRank orders the parts top down', () => {
    expect(['SOPRANO', 'ALTO', 'TENOR', 'BASS', 'PIANO', '52'].map(satbRank)).toEqual([0, 1, 2, 3, -1, -1]);
  });

  it('soundingAt gives the highest sounding pitch, -1 in a rest', () => {
    const notes = [
      { pitch: 60, start: 0, end: 4 },
      { pitch: 64, start: 2, end: 4 },
    ];
    expect([0, 2, 3, 4].map((t) => soundingAt(notes, t))).toEqual([60, 64, 64, -1]);
  });
});

describe('voiceLeadingFaults (music_stats.parallel_count and crossing_steps on a whole piece)', () => {
  /** A one-bar piece of quarter notes per part (null: a quarter rest). */
  const piece = (parts: Record<string, (number | null)[]>) => ({
    bars: 1,
    tracks: Object.entries(parts).map(([inst, pitches]) => ({
      inst,
      notes: pitches.flatMap((pitch, i) =>
        pitch === null ? [] : [{ pitch, start: 4 * i, duration: 4, velocity: 80 }],
      ),
    })),
  });

  it('counts a parallel fifth and a parallel octave, each once per pair of consecutive onsets', () => {
    // Soprano and bass a twelfth apart rising by step (fifths), then an octave apart rising (octaves).
    expect(voiceLeadingFaults(piece({ SOPRANO: [67, 69, 72, 74], BASS: [48, 50, 60, 62] }))).toEqual({
      fifths: 1,
      octaves: 1,
      crossedSteps: 0,
    });
  });

  it('does not count contrary or oblique motion, nor a part that is silent at either onset', () => {
    expect(voiceLeadingFaults(piece({ SOPRANO: [67, 57], BASS: [48, 50] })).fifths).toBe(0); // contrary
    expect(voiceLeadingFaults(piece({ SOPRANO: [67, 67], BASS: [48, 50] })).fifths).toBe(0); // oblique
    expect(voiceLeadingFaults(piece({ SOPRANO: [67, 69], BASS: [48, null] })).fifths).toBe(0);
  });

  it('counts crossed sixteenths between adjacent parts only, and ignores tracks that are not SATB', () => {
    // The alto above the soprano for the second quarter: 4 sixteenths; the bass is never adjacent to the soprano.
    expect(voiceLeadingFaults(piece({ SOPRANO: [72, 67], ALTO: [64, 69], BASS: [40, 40] })).crossedSteps).toBe(4);
    expect(voiceLeadingFaults(piece({ SOPRANO: [60, 62], '33': [67, 69] }))).toEqual({
      fifths: 0,
      octaves: 0,
      crossedSteps: 0,
    });
  });
});
