import { describe, it, expect } from 'vitest';
import {
  addedNotes,
  labelTracks,
  mapInstruments,
  mapMessage,
  mergeIntoFull,
  modelView,
  sameFamilyFallback,
} from './instrumentMap';
import { MusicError } from './errors';
import type { Score, Track } from './score';

const SATB = ['SOPRANO', 'ALTO', 'TENOR', 'BASS'];

function track(name: string, pitches: number[], extra: Partial<Track> = {}): Track {
  return {
    name,
    program: 0,
    isDrum: false,
    notes: pitches.map((pitch, i) => ({ pitch, start: i * 480, duration: 480, velocity: 70 + i })),
    ...extra,
  };
}
function score(...tracks: Track[]): Score {
  return { ppq: 480, tempos: [{ tick: 0, bpm: 96 }], timeSignatures: [], tracks };
}

describe('mapInstruments for the chorale model', () => {
  it('maps four tracks to S/A/T/B by mean pitch, whatever their order', () => {
    const s = score(
      track('low', [48, 50]),
      track('high', [70, 72]),
      track('mid-low', [55, 57]),
      track('mid-high', [62, 64]),
    );
    const m = mapInstruments(s, SATB);
    expect(m.mapping).toEqual([
      { source: 0, inst: 'BASS' },
      { source: 1, inst: 'SOPRANO' },
      { source: 2, inst: 'TENOR' },
      { source: 3, inst: 'ALTO' },
    ]);
    expect(m.dropped).toEqual([]);
    expect(m.notice).toContain('high → Soprano');
  });

  it('keeps the voices of tracks that already name distinct parts', () => {
    const s = score(track('s', [50], { part: 'SOPRANO' }), track('b', [70], { part: 'BASS' }));
    expect(mapInstruments(s, SATB).mapping.map((x) => x.inst)).toEqual(['SOPRANO', 'BASS']);
    const clash = score(track('s', [50], { part: 'SOPRANO' }), track('s2', [70], { part: 'SOPRANO' }));
    expect(mapInstruments(clash, SATB).mapping.map((x) => x.inst)).toEqual(['BASS', 'SOPRANO']);
  });

  it('maps two tracks to the nearest voices in order and keeps the busiest four of six', () => {
    const two = mapInstruments(score(track('melody', [72, 71]), track('bass', [45, 43])), SATB);
    expect(two.mapping.map((x) => x.inst)).toEqual(['SOPRANO', 'BASS']);
    const six = score(
      track('a', [70, 71, 72]),
      track('b', [60]),
      track('c', [64, 65, 66]),
      track('d', [57, 58, 59]),
      track('e', [48, 49, 50]),
      track('f', [], {}),
    );
    const m = mapInstruments(six, SATB);
    expect(m.mapping.map((x) => x.source)).toEqual([0, 2, 3, 4]);
    expect(m.dropped.map((d) => d.source)).toEqual([1, 5]);
    expect(m.notice).toMatch(/Not used by the model: b \(the model has only 4 parts\), f \(no notes\)/);
  });

  it('throws a typed no-tracks error when nothing is playable', () => {
    const drumsOnly = score(track('kit', [36, 38], { isDrum: true }));
    expect(() => mapInstruments(drumsOnly, SATB)).toThrow(MusicError);
    try {
      mapInstruments(drumsOnly, SATB);
    } catch (e) {
      expect((e as MusicError).code).toBe('no-tracks');
      expect((e as MusicError).message).toContain('kit (drums)');
    }
  });
});

describe('mapInstruments for a General MIDI model', () => {
  it('maps by program, then by GM family, drums to DRUMS, and drops the rest', () => {
    const s = score(
      track('piano', [60], { program: 0 }),
      track('e-piano', [60], { program: 4 }),
      track('kit', [36], { isDrum: true }),
      track('sax', [70], { program: 65 }),
    );
    const m = mapInstruments(s, ['0', '1', 'DRUMS']);
    expect(m.mapping).toEqual([
      { source: 0, inst: '0' },
      { source: 1, inst: '1', fallbackFrom: 4 },
      { source: 2, inst: 'DRUMS' },
    ]);
    expect(m.dropped).toEqual([{ source: 3, reason: 'Alto Sax: the model knows no reed instrument' }]);
  });

  it('plays an unknown program as the nearest one of its GM family the model knows, and says so', () => {
    const s = score(
      track('dist', [52], { program: 30 }),
      track('clean', [60], { program: 27 }),
      track('bass', [40], { program: 39 }),
    );
    const m = mapInstruments(s, ['24', '29', '27', '33', 'DRUMS']);
    expect(m.mapping).toEqual([
      { source: 0, inst: '29', fallbackFrom: 30 },
      { source: 1, inst: '27' },
      { source: 2, inst: '33', fallbackFrom: 39 },
    ]);
    expect(m.notice).toContain(
      'dist → Overdriven Guitar (the model does not know Distortion Guitar; nearest guitar it knows)',
    );
    expect(m.notice).toContain('clean → Electric Guitar (clean),');
    expect(m.notice).toContain(
      'bass → Electric Bass (finger) (the model does not know Synth Bass 2; nearest bass it knows)',
    );
  });

  it('keeps at most the track budget, by role: drums, bass, melody, then the busiest, and says why', () => {
    const pads = [0, 1, 2].map((k) =>
      track(
        `pad ${k}`,
        Array.from({ length: 3 + k }, () => 60),
        { program: 89 },
      ),
    );
    const s = score(
      ...pads,
      track('lead', [76, 77], { program: 80 }),
      track('bass', [36, 38], { program: 33 }),
      track('kit', [36], { isDrum: true }),
    );
    const m = mapInstruments(s, ['DRUMS', '33', '80', '89'], 4);
    expect(m.mapping.map((x) => x.source)).toEqual([2, 3, 4, 5]);
    expect(m.dropped.map((d) => d.source)).toEqual([0, 1]);
    expect(m.dropped[0].reason).toContain("harmony, over the model's budget of 4 tracks");
    // The notice says the shared reason once, after the tracks it applies to.
    expect(m.notice).toContain(
      "Not used by the model: pad 0 (harmony), pad 1 (harmony): over the model's budget of 4 tracks (kept first: drums, bass, melody, then the busiest).",
    );
    expect(mapInstruments(s, ['DRUMS', '33', '80', '89'], null).mapping).toHaveLength(6);
  });

  it('sameFamilyFallback picks the nearest known program of the family, the lower one on a tie', () => {
    const known = new Set(['25', '27', '0']);
    expect(sameFamilyFallback(26, known)).toBe(25);
    expect(sameFamilyFallback(31, known)).toBe(27);
    expect(sameFamilyFallback(7, known)).toBe(0);
    expect(sameFamilyFallback(40, known)).toBeNull();
  });
});

describe('views and merging never change uploaded notes', () => {
  it('labels parts without touching notes and merges only the added notes back', () => {
    const full = score(track('hi', [72, 74]), track('drums', [36], { isDrum: true }), track('lo', [48, 50]));
    const m = mapInstruments(full, SATB);
    const labelled = labelTracks(full, m);
    expect(labelled.tracks.map((t) => t.part)).toEqual(['SOPRANO', undefined, 'BASS']);
    expect(labelled.tracks.map((t) => t.notes)).toEqual(full.tracks.map((t) => t.notes));

    const view = modelView(full, m);
    expect(view.tracks.map((t) => t.name)).toEqual(['hi', 'lo']);
    const result: Score = {
      ...view,
      tracks: view.tracks.map((t, j) => ({
        ...t,
        notes: [...t.notes, { pitch: 60 + j, start: 7680, duration: 240, velocity: 80 }],
      })),
    };
    const merged = mergeIntoFull(full, m, view, result);
    expect(merged.tempos).toEqual(full.tempos);
    expect(merged.tracks[0].notes).toEqual([
      ...full.tracks[0].notes,
      { pitch: 60, start: 7680, duration: 240, velocity: 80 },
    ]);
    expect(merged.tracks[1].notes).toEqual(full.tracks[1].notes);
    expect(merged.tracks[2].notes.slice(0, 2)).toEqual(full.tracks[2].notes);
    expect(merged.tracks[2].notes).toHaveLength(3);
  });

  it('addedNotes is a multiset difference (a repeated note counts twice)', () => {
    const n = { pitch: 60, start: 0, duration: 10, velocity: 1 };
    expect(addedNotes([n], [n, n])).toEqual([n]);
    expect(addedNotes([n, n], [n])).toEqual([]);
  });
});

describe('mapMessage: the notice line of a mapping', () => {
  const GM = ['DRUMS', '33', '80', '89', '0'];

  it('says a small mapping with nothing left out in full, with no list', () => {
    const s = score(track('Piano', [60]), track('Bass', [36], { program: 33 }), track('Kit', [36], { isDrum: true }));
    const map = mapInstruments(s, GM, 8);
    expect(mapMessage(s, map)).toEqual({ text: map.notice, details: [] });
    expect(map.notice).toBe('Mapped Piano → Acoustic Grand Piano, Bass → Electric Bass (finger), Kit → Drums.');
  });

  it('sums up a song over the budget in one short sentence that keeps the reason, and lists every track in file order', () => {
    // 12 tracks: 11 pads and a bass, for a budget of 8.
    const pads = Array.from({ length: 11 }, (_, k) =>
      track(
        `pad ${k}`,
        Array.from({ length: 2 + k }, () => 60),
        { program: 89 },
      ),
    );
    const s = score(...pads, track('bass', [36, 38], { program: 33 }));
    const map = mapInstruments(s, GM, 8);
    const { text, details } = mapMessage(s, map);
    expect(text).toBe(
      "Mapped 8 tracks; 4 not used by the model: over the model's budget of 8 tracks (kept first: drums, bass, melody, then the busiest).",
    );
    expect(text.length).toBeLessThan(map.notice.length / 2);
    expect(details).toHaveLength(12);
    // pad 0 is kept as the melody (the highest single line), then the busiest pads: 10 down to 5.
    expect(details.slice(0, 6)).toEqual([
      'pad 0 → Pad 2 (warm)',
      'pad 1: not used (harmony)',
      'pad 2: not used (harmony)',
      'pad 3: not used (harmony)',
      'pad 4: not used (harmony)',
      'pad 5 → Pad 2 (warm)',
    ]);
    expect(details[11]).toBe('bass → Electric Bass (finger)');
  });

  it('gives each left-out track its own reason when the reasons differ', () => {
    const s = score(
      ...['a', 'b', 'c', 'd'].map((n) => track(n, [60])),
      track('silent', []),
      track('organ', [60], { program: 19 }),
    );
    const map = mapInstruments(s, GM, 8);
    const { text, details } = mapMessage(s, map);
    expect(text).toBe('Mapped 4 tracks; 2 not used by the model (see the list).');
    expect(details).toContain('silent: not used (no notes)');
    expect(details).toContain('organ: not used (Church Organ: the model knows no organ instrument)');
  });
});
