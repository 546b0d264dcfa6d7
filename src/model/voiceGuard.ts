// The voice-leading guard in the decode loop: before a NOTE_ON is drawn in an SATB track,
// lower the logits of the pitches that would make parallel fifths/octaves or a crossing
// against the voices already written (src/music/voiceLeading.ts says which). mmmtrack writes
// whole tracks one after another, so the model must align each voice with the earlier ones
// from memory; a small model knows the harmony but not the exact vertical alignment.
import type { GridPiece } from '../music/grid';
import { parseToken } from '../music/tokenKind';
import { STEPS_PER_BAR } from '../music/vocab';
import { satbRank, voiceLeadingFlags, type Voice, type VoiceNote } from '../music/voiceLeading';

/** What one bar of one SATB track is checked against; built once per sampled bar. */
export interface BarVoices {
  part: string;
  barStart: number;
  /** The other SATB tracks, cut to the notes this bar can meet. */
  others: Voice[];
  /** The track's own notes before the bar that may still matter. */
  before: VoiceNote[];
}

const toVoiceNote = (n: { pitch: number; start: number; duration: number }): VoiceNote => ({
  pitch: n.pitch,
  start: n.start,
  end: n.start + n.duration,
});

/** The voices `track` meets while writing `bar` of `history`; null when the track is not an SATB part. */
export function barVoices(history: GridPiece, track: number, bar: number): BarVoices | null {
  const part = history.tracks[track].inst;
  if (satbRank(part) < 0) return null;
  const barStart = bar * STEPS_PER_BAR;
  const barEnd = barStart + STEPS_PER_BAR;
  const others = history.tracks.filter((t, i) => i !== track && satbRank(t.inst) >= 0 && t.inst !== part);
  // The track's own notes in and after the bar are being rewritten (fill) or not written yet.
  const own = history.tracks[track].notes.filter((n) => n.start < barStart);
  // The previous onset time of any onset in the bar is at least the latest onset before the bar,
  // so notes that ended by then can never be compared: dropping them keeps each step cheap.
  let latest = -1;
  for (const t of [...others, { notes: own }])
    for (const n of t.notes) if (n.start < barStart && n.start > latest) latest = n.start;
  const reach = (n: { start: number; duration: number }) => n.start < barEnd && n.start + n.duration > latest;
  return {
    part,
    barStart,
    others: others.map((t) => ({ part: t.inst, notes: t.notes.filter(reach).map(toVoiceNote) })),
    before: own.filter(reach).map(toVoiceNote),
  };
}

/** The notes of a bar's events so far (open ones end at Infinity) and the time reached, from the piece start. */
export function barSoFar(events: readonly string[], barStart: number): { notes: VoiceNote[]; time: number } {
  const notes: VoiceNote[] = [];
  const open = new Map<number, VoiceNote>();
  let time = barStart;
  for (const token of events) {
    const p = parseToken(token);
    if (p.kind === 'TIME_DELTA') time += p.value;
    else if (p.kind === 'NOTE_ON') {
      const note = { pitch: p.value, start: time, end: Infinity };
      open.set(p.value, note);
      notes.push(note);
    } else if (p.kind === 'NOTE_OFF') {
      const note = open.get(p.value);
      if (note) note.end = time;
      open.delete(p.value);
    }
  }
  return { notes, time };
}

/**
 * Subtracts `penalty` from the logit of every NOTE_ON the mask allows and the guard flags.
 * A finite penalty never empties the distribution: a flagged note stays possible, only rarer.
 */
export function penalizeVoiceLeading(
  logits: Float32Array,
  mask: Uint8Array,
  onIds: Int32Array,
  voices: BarVoices,
  events: readonly string[],
  penalty: number,
  flags?: Uint8Array,
): void {
  let any = false;
  for (let p = 0; p < 128 && !any; p++) any = onIds[p] >= 0 && mask[onIds[p]] === 1;
  if (!any) return; // the grammar allows no NOTE_ON here: nothing to guard
  const bar = barSoFar(events, voices.barStart);
  const current = { part: voices.part, notes: [...voices.before, ...bar.notes.filter((n) => n.start < bar.time)] };
  const out = voiceLeadingFlags(voices.others, current, bar.time, flags);
  for (let p = 0; p < 128; p++) {
    const id = onIds[p];
    if (out[p] && id >= 0 && mask[id]) logits[id] -= penalty;
  }
}
