// Thousands of mutated MIDI files: every one is read into a sane Score, or refused with a typed,
// specific reason. No other exception, no hang, no "undefined" in a message.
import { describe, expect, it } from 'vitest';
import { MusicError, type MusicErrorCode } from './errors';
import { MAX_NOTES, MAX_TRACKS, maxTicks } from './limits';
import { readMidi } from './midi';
import type { Score } from './score';
import { fuzzCases, MUTATIONS, seedFiles } from './testing/fuzz';

const CASES = 6000;
const READER_CODES: MusicErrorCode[] = [
  'empty-file',
  'not-midi',
  'corrupt-midi',
  'unsupported-midi',
  'too-large',
  'no-tracks',
  'no-notes',
];

/** What a Score from the reader always is, whatever the bytes were. */
function saneScoreProblem(s: Score): string | null {
  if (!(Number.isInteger(s.ppq) && s.ppq >= 1 && s.ppq <= 0x7fff)) return `ppq ${s.ppq}`;
  if (s.tracks.length < 1 || s.tracks.length > MAX_TRACKS) return `${s.tracks.length} tracks`;
  if (new Set(s.tracks.map((t) => t.name)).size !== s.tracks.length || s.tracks.some((t) => !t.name))
    return 'names not distinct';
  let notes = 0;
  for (const t of s.tracks) {
    if (t.part !== undefined) return `a part (${t.part}) from a name`;
    if (t.isDrum !== (t.channel === 9)) return 'drums off channel 10';
    if (t.notes.length === 0) return 'an empty track';
    for (let i = 0; i < t.notes.length; i++) {
      const n = t.notes[i];
      const prev = t.notes[i - 1];
      if (prev && (prev.start > n.start || (prev.start === n.start && prev.pitch > n.pitch))) return 'notes not sorted';
      if (n.pitch < 0 || n.pitch > 127 || n.velocity < 1 || n.velocity > 127 || n.duration < 1)
        return `note ${JSON.stringify(n)}`;
      if (n.start + n.duration > maxTicks(s.ppq)) return 'a note past the horizon';
    }
    notes += t.notes.length;
  }
  if (notes > MAX_NOTES) return `${notes} notes`;
  for (const e of [...s.tempos, ...s.timeSignatures])
    if (!(e.tick >= 0 && e.tick < maxTicks(s.ppq))) return `an event at tick ${e.tick}`;
  if (s.tempos.some((t) => !(Number.isFinite(t.bpm) && t.bpm > 0))) return 'a tempo that is not a speed';
  return null;
}

/** A message that says what and where: never generic, never a stringified nothing. */
function vagueMessageProblem(e: MusicError): string | null {
  if (/undefined|NaN|null|\[object/.test(e.message)) return 'a nothing in the message';
  if (e.message.length < 20) return 'too short to say anything';
  if ((e.code === 'corrupt-midi' || e.code === 'too-large') && !/track \d+|byte|header|MB/.test(e.message))
    return 'no place named';
  return null;
}

describe('readMidi on fuzzed files', () => {
  it(`reads or refuses each of ${CASES} mutated files with a typed, specific reason`, () => {
    const outcomes = new Map<string, number>();
    const problems: string[] = [];
    const started = performance.now();
    for (const [i, c] of fuzzCases(CASES, 9).entries()) {
      let outcome = 'read';
      try {
        const problem = saneScoreProblem(readMidi(c.bytes));
        if (problem) problems.push(`case ${i} (${c.how}): read, but ${problem}`);
      } catch (e) {
        if (!(e instanceof MusicError)) {
          problems.push(`case ${i} (${c.how}): threw ${String(e)}`);
          continue;
        }
        if (!READER_CODES.includes(e.code)) problems.push(`case ${i} (${c.how}): code ${e.code}`);
        const vague = vagueMessageProblem(e);
        if (vague) problems.push(`case ${i} (${c.how}): ${vague}: "${e.message}"`);
        outcome = e.code;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`[fuzz] ${CASES} files in ${seconds.toFixed(2)} s:`, Object.fromEntries([...outcomes].sort()));
    expect(problems.slice(0, 10)).toEqual([]);
    // The fuzzer reaches both sides and most kinds of refusal, or this test proves little.
    expect(outcomes.get('read')).toBeGreaterThan(CASES / 10);
    expect(outcomes.get('corrupt-midi')).toBeGreaterThan(CASES / 10);
    for (const code of ['not-midi', 'unsupported-midi', 'too-large', 'no-tracks', 'no-notes', 'empty-file'])
      expect(outcomes.get(code), code).toBeGreaterThan(0);
  });

  it('is exact: the same seed gives the same files, every mutation is used, and the seeds themselves read', () => {
    const digest = (seed: number) =>
      fuzzCases(200, seed).map((c) => `${c.how}:${c.bytes.length}:${c.bytes.reduce((h, x) => (h * 31 + x) >>> 0, 7)}`);
    expect(digest(3)).toEqual(digest(3));
    expect(digest(3)).not.toEqual(digest(4));
    const used = new Set(fuzzCases(500, 3).flatMap((c) => c.how.split('+')));
    expect([...used].sort()).toEqual([...MUTATIONS].sort());
    for (const seed of seedFiles()) expect(saneScoreProblem(readMidi(seed))).toBeNull();
  });
});
