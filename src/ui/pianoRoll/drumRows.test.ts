import { describe, expect, it } from 'vitest';
import { GM_KIT_KEYS } from '../../music/gmDrums';
import type { Note } from '../../music/score';
import { BASIC_KIT, drumHitCount, drumKeysInUse, drumRows, drumSummary, drumTrackIndices } from './drumRows';

const hit = (pitch: number, start = 0): Note => ({ pitch, start, duration: 60, velocity: 90 });
const drums = (...keys: number[]) => ({ isDrum: true, notes: keys.map((k, i) => hit(k, i * 120)) });
const bass = (...pitches: number[]) => ({ isDrum: false, notes: pitches.map((p, i) => hit(p, i * 120)) });

describe('drum lane rows', () => {
  it('shows the sounds the drum tracks play, highest key on top, and ignores pitched tracks', () => {
    const tracks = [bass(28, 40, 41), drums(36, 42, 36, 38), bass(60), drums(49, 42)];
    expect(drumRows(tracks, 'used')).toEqual([49, 42, 38, 36]);
    expect(drumTrackIndices(tracks)).toEqual([1, 3]);
    expect(drumHitCount(tracks)).toBe(6);
  });

  it('offers the basic kit to a drum track with no hits yet', () => {
    expect(drumRows([drums()], 'used')).toEqual([...BASIC_KIT].sort((a, b) => b - a));
    expect(drumRows([], 'used')).toHaveLength(BASIC_KIT.length);
  });

  it('shows the whole GM kit when chosen, and keys in use outside it too', () => {
    const rows = drumRows([drums(36, 27)], 'gm');
    expect(rows).toHaveLength(GM_KIT_KEYS.length + 1);
    expect(rows[0]).toBe(81);
    expect(rows.at(-1)).toBe(27);
  });

  it('keeps the keys in use per tracks array, so every frame does not rescan the hits', () => {
    const tracks = [drums(38, 36)];
    expect(drumKeysInUse(tracks)).toBe(drumKeysInUse(tracks));
    expect(drumKeysInUse([...tracks, drums(42)])).toEqual([36, 38, 42]);
  });

  it('names what the lane shows: sounds in use, hits, bars and the rows from the top', () => {
    const tracks = [drums(36, 38, 36, 42)];
    expect(drumSummary(tracks, drumRows(tracks, 'used'), 8)).toBe(
      'Drums: 3 sounds, 4 hits in 8 bars; rows: Closed hat, Snare, Kick',
    );
    expect(drumSummary([drums(36)], [36], 1)).toBe('Drums: 1 sound, 1 hit in 1 bar; rows: Kick');
  });
});
