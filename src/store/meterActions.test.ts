// The app's bar actions on a file whose meter changes (a 2/4 bar after bar 16), through the store
// and the real decode loop on a scripted model: Continue, Regenerate bar and Clear bar work on the
// file's own bar lines, users' bar numbers count from 1, and the uploaded notes stay where they were.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../model/client';
import { scriptedEngine, ScriptedWorker } from '../model/testing/scriptedSession';
import { readMidi } from '../music/midi';
import type { Note, Score } from '../music/score';
import { songWithThreeFourSections, songWithTwoFourBar } from '../music/testing/meterSongs';
import { setEngine } from './engine';
import { continuePiece, regenerateBar } from './generationActions';
import { selectModel } from './modelActions';
import { clearBar, loadPiece, selectBar, selectTrack, undo } from './pieceActions';
import { barCount, pieceBar, pieceBars, selectBars } from './selectors';
import { resetStore, useCantor } from './state';

const song = () => readMidi(songWithTwoFourBar());
const ppq = 480;
/** Start of file bar b (from 0): sixteen 4/4 bars, the 2/4 bar, then 4/4 again. */
const barStart = (b: number) => (b <= 16 ? b * 4 * ppq : 16 * 4 * ppq + 2 * ppq + (b - 17) * 4 * ppq);
const piece = () => useCantor.getState().piece;

beforeEach(async () => {
  resetStore();
  setEngine(new EngineClient(() => new ScriptedWorker(scriptedEngine(['0', '33', 'DRUMS']))));
  await selectModel('scripted');
  useCantor.setState((s) => ({ settings: { ...s.settings, bars: 2, seed: 5 } }));
});
afterEach(() => setEngine(null));

describe('bars of the piece', () => {
  it('come from its meter map, the same array until the piece changes', () => {
    loadPiece(song(), 'song.mid');
    const bars = pieceBars(piece().score);
    expect(barCount(piece().score)).toBe(33);
    expect(bars.map((b) => b.start)).toEqual(Array.from({ length: 33 }, (_, b) => barStart(b)));
    expect(bars[16]).toMatchObject({ numerator: 2, denominator: 4 });
    expect(selectBars(useCantor.getState())).toBe(selectBars(useCantor.getState()));
    expect(pieceBar(piece().score, 40)).toEqual({
      start: barStart(40),
      end: barStart(41),
      numerator: 4,
      denominator: 4,
    });
  });
});

describe('Continue, Regenerate bar and Clear bar on real bar lines', () => {
  it('Continue writes 4/4 bars from the file bar line at beat 130 and keeps every uploaded note', async () => {
    const original = song();
    loadPiece(original, 'song.mid');
    await continuePiece();
    const { score, generated } = piece();
    expect(useCantor.getState().messages.alert).toBeNull();
    original.tracks.forEach((t, i) => expect(score.tracks[i].notes.slice(0, t.notes.length)).toEqual(t.notes));
    const fresh = score.tracks.flatMap((t, i) => t.notes.slice(original.tracks[i].notes.length));
    expect(fresh.length).toBeGreaterThan(0);
    for (const n of fresh) expect(n.start >= 130 * ppq && n.start + n.duration <= 130 * ppq + 2 * 4 * ppq).toBe(true);
    expect(generated.length).toBeGreaterThan(0);
    for (const r of generated) expect([r.start, r.end]).toEqual([barStart(33), barStart(35)]);
    expect(score.timeSignatures).toEqual(original.timeSignatures);
  });

  it('Continue starts after the whole piece, when the model plays only some of its tracks', async () => {
    setEngine(new EngineClient(() => new ScriptedWorker(scriptedEngine(['SOPRANO', 'ALTO', 'TENOR', 'BASS']))));
    await selectModel('scripted');
    const original = song();
    original.tracks[2].notes.push({ pitch: 49, start: barStart(33) + 10, duration: 60, velocity: 90 }); // a cymbal after the last bar
    loadPiece(original, 'song.mid');
    await continuePiece();
    const { score } = piece();
    expect(score.tracks[2].notes).toEqual(original.tracks[2].notes); // drums: not the model's, untouched
    const fresh = score.tracks.flatMap((t, i) => t.notes.slice(original.tracks[i].notes.length));
    expect(fresh.length).toBeGreaterThan(0);
    for (const n of fresh) expect(n.start).toBeGreaterThanOrEqual(barStart(34));
  });

  it('Continue after a 3/4 ending writes 4/4 bars and the meter change, as one undo step', async () => {
    const original = readMidi(songWithThreeFourSections());
    loadPiece(original, 'waltz-end.mid');
    await continuePiece();
    const { score } = piece();
    expect(score.timeSignatures).toEqual([...original.timeSignatures, { tick: 50 * 96, numerator: 4, denominator: 4 }]);
    expect(
      pieceBars(score)
        .slice(14)
        .every((b) => b.numerator === 4 && b.end - b.start === 4 * 96),
    ).toBe(true);
    undo();
    expect(piece().score).toEqual(original);
  });

  it('Regenerate bar rewrites the selected file bar of the selected track only', async () => {
    loadPiece(song(), 'song.mid');
    selectTrack(0);
    selectBar(20);
    await regenerateBar();
    expect(useCantor.getState().messages.alert).toBeNull();
    const outside = (n: Note) => n.start < barStart(20) || n.start >= barStart(21);
    const before = song();
    expect(piece().score.tracks[0].notes.filter(outside)).toEqual(before.tracks[0].notes.filter(outside));
    expect(piece().score.tracks.slice(1)).toEqual(before.tracks.slice(1));
    expect(piece().generated).toEqual([{ track: 0, start: barStart(20), end: barStart(21) }]);
  });

  it('Regenerate bar on the 2/4 bar says which bar, counting from 1, and changes nothing', async () => {
    loadPiece(song(), 'song.mid');
    const before: Score = piece().score;
    selectTrack(0);
    selectBar(16);
    await regenerateBar();
    expect(useCantor.getState().messages.alert).toMatch(/bar 17 is in 2\/4/);
    expect(piece().score).toEqual(before);
  });

  it('a regeneration that fails leaves the piece as it was', async () => {
    setEngine(new EngineClient(() => new ScriptedWorker(scriptedEngine(['0', '33', 'DRUMS'], 24))));
    await selectModel('scripted');
    loadPiece(song(), 'song.mid');
    const before: Score = piece().score;
    selectTrack(0);
    selectBar(20);
    await regenerateBar();
    expect(useCantor.getState().messages.alert).toMatch(/Generation failed: .*context/);
    expect(piece().score).toEqual(before);
  });

  it('Clear bar clears the file bar after the 2/4 bar, not a 4/4 count of ticks', () => {
    loadPiece(song(), 'song.mid');
    clearBar(17, null);
    const inBar = (n: Note) => n.start >= barStart(17) && n.start < barStart(18);
    const before = song();
    piece().score.tracks.forEach((t, i) => {
      expect(t.notes.some(inBar)).toBe(false);
      expect(t.notes).toEqual(before.tracks[i].notes.filter((n) => !inBar(n)));
    });
    expect(before.tracks[0].notes.filter(inBar)).toHaveLength(4);
  });
});
