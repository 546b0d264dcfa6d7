import { describe, expect, it } from 'vitest';
import { applyConventions, conventionsProblem, DRUM_MAPS } from './corpus';
import type { Score, Track } from './score';

const track = (name: string, extra: Partial<Track> = {}, pitches = [60, 62]): Track => ({
  name,
  program: 0,
  isDrum: false,
  notes: pitches.map((pitch, i) => ({ pitch, start: i * 120, duration: 120, velocity: 90 })),
  ...extra,
});
const score = (...tracks: Track[]): Score => ({ ppq: 480, tempos: [], timeSignatures: [], tracks });

describe('applyConventions', () => {
  it('never takes a part from a track name: a part a reader set is cleared unless the corpus names it', () => {
    const s = applyConventions(score(track('Piano', { part: 'PIANO' }), track('Bass', { part: 'BASS', program: 33 })));
    expect(s.tracks.map((t) => [t.part, t.program])).toEqual([
      [undefined, 0],
      [undefined, 33],
    ]);
  });

  it('names parts in file order and leaves out tracks beyond them', () => {
    const s = applyConventions(score(track('a'), track('b'), track('c')), { parts: ['SOPRANO', 'ALTO'] });
    expect(s.tracks.map((t) => [t.name, t.part])).toEqual([
      ['a', 'SOPRANO'],
      ['b', 'ALTO'],
    ]);
  });

  it('names parts by track name when the corpus says its names are parts (POP909), in any case', () => {
    const s = applyConventions(score(track('piano'), track('MELODY'), track('Drums'), track('melody')), {
      parts: ['MELODY', 'BRIDGE', 'PIANO'],
      partsBy: 'name',
    });
    expect(s.tracks.map((t) => [t.name, t.part])).toEqual([
      ['piano', 'PIANO'],
      ['MELODY', 'MELODY'],
    ]);
  });

  it('gives the pitched tracks programs in order and leaves drums alone', () => {
    const s = applyConventions(
      score(track('melody'), track('kit', { isDrum: true }), track('chords'), track('extra', { program: 5 })),
      { programs: [40, 25] },
    );
    expect(s.tracks.map((t) => t.program)).toEqual([40, 0, 25, 5]);
  });

  it('maps TD-11 drum notes to General MIDI on drum tracks only, keeping notes sorted', () => {
    const kit = track('kit', { isDrum: true }, [22, 26, 36, 58]);
    const s = applyConventions(score(kit, track('bass', {}, [22, 26])), { drumMap: DRUM_MAPS.td11 });
    expect(s.tracks[0].notes.map((n) => n.pitch)).toEqual([42, 46, 36, 43]);
    expect(s.tracks[1].notes.map((n) => n.pitch)).toEqual([22, 26]);
    expect(kit.notes.map((n) => n.pitch)).toEqual([22, 26, 36, 58]); // the input is not touched
  });

  it('merges a kit spread over several drum tracks into one, where the first was', () => {
    const s = applyConventions(
      score(track('kick', { isDrum: true }, [36, 36]), track('bass'), track('hats', { isDrum: true }, [42, 42])),
      { mergeDrums: true },
    );
    expect(s.tracks.map((t) => t.name)).toEqual(['kick', 'bass']);
    expect(s.tracks[0].notes.map((n) => [n.start, n.pitch])).toEqual([
      [0, 36],
      [0, 42],
      [120, 36],
      [120, 42],
    ]);
  });

  it('says what is wrong with bad conventions', () => {
    expect(conventionsProblem({ parts: ['SOPRANO', 'drums'] })).toMatch(/"drums" is not a part name/);
    expect(conventionsProblem({ parts: ['DRUMS'] })).toMatch(/not a part name/);
    expect(conventionsProblem({ parts: ['A', 'A'] })).toMatch(/named twice/);
    expect(conventionsProblem({ programs: [128] })).toMatch(/program 128/);
    expect(conventionsProblem({ drumMap: { 22: 200 } })).toMatch(/22 -> 200/);
    expect(conventionsProblem({ parts: ['MELODY'], programs: [0], drumMap: DRUM_MAPS.td11 })).toBeNull();
  });
});
