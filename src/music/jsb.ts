// The JSB chorales JSON (Jsb16thSeparated.json): per 16th step, four pitches (S, A, T, B), -1 for
// silence. The grid cannot tell a held note from a repeated one, so equal consecutive pitches merge.
// The columns are the SATB voices, but the tracks carry no part: naming them is the corpus options' job.
import { MusicError } from './errors';
import { partLabel, partProgram, SATB } from './parts';
import type { Note, Score } from './score';

const PPQ = 480;
const TICKS_PER_STEP = PPQ / 4;

export type JsbSplit = 'train' | 'valid' | 'test';

export function jsbToScore(steps: readonly (readonly number[])[]): Score {
  const tracks = SATB.map((part, v) => {
    const notes: Note[] = [];
    let current: Note | undefined;
    steps.forEach((step, i) => {
      const pitch = step[v];
      const sounding = Number.isInteger(pitch) && pitch >= 0 && pitch <= 127;
      if (current && (!sounding || pitch !== current.pitch)) current = undefined;
      if (!sounding) return;
      if (current) current.duration += TICKS_PER_STEP;
      else notes.push((current = { pitch, start: i * TICKS_PER_STEP, duration: TICKS_PER_STEP, velocity: 80 }));
    });
    return { name: partLabel(part), program: partProgram(part), isDrum: false, notes };
  });
  return {
    ppq: PPQ,
    tempos: [{ tick: 0, bpm: 100 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks,
  };
}

/** All chorales of one split, parsed from the JSON text. */
export function readJsbSplit(jsonText: string, split: JsbSplit): Score[] {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(jsonText);
  } catch {
    throw new MusicError('bad-argument', 'the JSB file is not valid JSON');
  }
  const pieces = doc[split];
  if (!Array.isArray(pieces)) throw new MusicError('bad-argument', `the JSB file has no "${split}" split`);
  return pieces.map((p) => jsbToScore(p as number[][]));
}
