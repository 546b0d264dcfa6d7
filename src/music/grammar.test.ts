import { describe, expect, it } from 'vitest';
import { GrammarState, type GrammarOptions } from './grammar';
import { MusicError } from './errors';
import { makeTokenizer } from './tokenizer';
import { defaultVocabulary, vocabulary } from './vocab';
import { randomWalk } from './testing/randomWalk';

const tok = makeTokenizer(defaultVocabulary());
const words = (text: string) => text.split(/\s+/).filter(Boolean);

const SEED_BAR =
  'BAR_START NOTE_ON=61 TIME_DELTA=4 NOTE_OFF=61 NOTE_ON=59 TIME_DELTA=2 NOTE_OFF=59 NOTE_ON=58 TIME_DELTA=2 NOTE_OFF=58 NOTE_ON=56 TIME_DELTA=4 NOTE_OFF=56 NOTE_ON=54 TIME_DELTA=4 NOTE_OFF=54 BAR_END';
const SEED = `PIECE_START TRACK_START INST=BASS ${SEED_BAR} TRACK_END`;

/** The reason `advance` gives for the last token of `text`, after accepting the rest. */
function rejection(text: string, options: GrammarOptions = {}): string {
  const tokens = words(text);
  const g = new GrammarState(options).advanceAll(tokens.slice(0, -1));
  expect(g.allows(tokens[tokens.length - 1])).toBe(false);
  try {
    g.advance(tokens[tokens.length - 1]);
  } catch (e) {
    expect(e).toBeInstanceOf(MusicError);
    expect((e as MusicError).code).toBe('bad-tokens');
    return (e as MusicError).message;
  }
  throw new Error(`accepted: ${text}`);
}

describe('GrammarState accepts', () => {
  it('the seed example, and is complete after its track', () => {
    const g = new GrammarState({ bars: 1, tracks: 1 });
    for (const t of words(SEED)) {
      expect(g.isComplete()).toBe(false);
      g.advance(t);
    }
    expect(g.isComplete()).toBe(true);
    expect(g.allowedTokens(tok)).toEqual([]);
  });

  it('a DENSITY token after INST when density is on, and requires it', () => {
    const g = new GrammarState({ density: true });
    g.advanceAll(words('PIECE_START TRACK_START INST=BASS'));
    expect(g.allowedTokens(tok)).toEqual(Array.from({ length: 10 }, (_, d) => `DENSITY=${d}`));
    g.advanceAll(words(`DENSITY=3 ${SEED_BAR} TRACK_END`));
    expect(g.isComplete()).toBe(true);
    expect(rejection('PIECE_START TRACK_START INST=BASS BAR_START', { density: true })).toMatch(/DENSITY/);
    expect(rejection('PIECE_START TRACK_START INST=BASS DENSITY=3')).toMatch(/DENSITY tokens are off/);
    expect(rejection('PIECE_START TRACK_START INST=0 DENSITY=1 POLYPHONY=1', { density: true })).toMatch(
      /POLYPHONY tokens are off/,
    );
    expect(
      rejection('PIECE_START TRACK_START INST=0 POLYPHONY=1 BAR_START BAR_END POLYPHONY=1', { polyphony: true }),
    ).toMatch(/POLYPHONY only in the track header/);
  });

  it('POLYPHONY then DURATION after DENSITY when the controls are on, offering only their bins', () => {
    const ctl = makeTokenizer(vocabulary([], ['POLYPHONY', 'DURATION']));
    const g = new GrammarState({ density: true, polyphony: true, duration: true });
    g.advanceAll(words('PIECE_START TRACK_START INST=0 DENSITY=3'));
    expect(g.allowedTokens(ctl)).toEqual([0, 1, 2, 3, 4].map((b) => `POLYPHONY=${b}`));
    g.advance('POLYPHONY=4');
    expect(g.allowedTokens(ctl)).toEqual([0, 1, 2, 3, 4].map((b) => `DURATION=${b}`));
    g.advanceAll(words(`DURATION=0 ${SEED_BAR} TRACK_END`));
    expect(g.isComplete()).toBe(true);
    // Each control alone, and without DENSITY.
    new GrammarState({ polyphony: true }).advanceAll(
      words(`PIECE_START TRACK_START INST=0 POLYPHONY=1 ${SEED_BAR} TRACK_END`),
    );
    new GrammarState({ duration: true }).advanceAll(
      words(`PIECE_START TRACK_START INST=0 DURATION=2 ${SEED_BAR} TRACK_END`),
    );
  });

  it('a re-struck pitch (off then on at the same time) and any order of events at a time point', () => {
    const bar =
      'BAR_START NOTE_ON=64 NOTE_ON=60 TIME_DELTA=2 NOTE_ON=67 NOTE_OFF=60 NOTE_ON=60 NOTE_OFF=64 TIME_DELTA=14 NOTE_OFF=67 NOTE_OFF=60 BAR_END';
    expect(() =>
      new GrammarState({ bars: 1 }).advanceAll(words(`PIECE_START TRACK_START INST=0 ${bar} TRACK_END`)),
    ).not.toThrow();
  });

  it('empty bars, a whole-bar note, and fills after the last track in order', () => {
    const text =
      'PIECE_START TRACK_START INST=0 BAR_START BAR_END BAR_START FILL_IN BAR_END TRACK_END ' +
      'TRACK_START INST=DRUMS BAR_START FILL_IN BAR_END BAR_START NOTE_ON=36 TIME_DELTA=16 NOTE_OFF=36 BAR_END TRACK_END ' +
      'FILL_START NOTE_ON=60 TIME_DELTA=1 NOTE_OFF=60 FILL_END FILL_START FILL_END';
    const g = new GrammarState({ bars: 2, tracks: 2, fill: true });
    const tokens = words(text);
    tokens.forEach((t, i) => {
      g.advance(t);
      expect(g.isComplete()).toBe(i === tokens.length - 1);
    });
  });
});

describe('GrammarState rejects', () => {
  const start = 'PIECE_START TRACK_START INST=0 BAR_START';
  const cases: [string, string, GrammarOptions?][] = [
    ['a token before PIECE_START', 'TRACK_START'],
    ['a NOTE_OFF for a pitch not sounding', `${start} NOTE_ON=60 TIME_DELTA=2 NOTE_OFF=61`],
    ['a zero-length note', `${start} NOTE_ON=60 NOTE_OFF=60`],
    ['a NOTE_ON for a sounding pitch', `${start} NOTE_ON=60 TIME_DELTA=2 NOTE_ON=60`],
    ['time past 16', `${start} NOTE_ON=60 TIME_DELTA=10 TIME_DELTA=7`],
    ['time past 16 in one delta', `${start} TIME_DELTA=4 NOTE_ON=60 TIME_DELTA=13`],
    ['two deltas in a row', `${start} NOTE_ON=60 TIME_DELTA=2 TIME_DELTA=2`],
    ['BAR_END while a note sounds', `${start} NOTE_ON=60 TIME_DELTA=2 BAR_END`],
    ['a NOTE_ON at time 16', `${start} NOTE_ON=60 TIME_DELTA=16 NOTE_ON=61`],
    ['trailing silence', `${start} NOTE_ON=60 TIME_DELTA=2 NOTE_OFF=60 TIME_DELTA=14`],
    ['BAR_END after a silent delta', `${start} TIME_DELTA=4 BAR_END`],
    ['FILL_IN with fill off', `${start} FILL_IN`],
    ['FILL_IN after an event', `${start} NOTE_ON=60 FILL_IN`, { fill: true }],
    ['anything but BAR_END after FILL_IN', `${start} FILL_IN NOTE_ON=60`, { fill: true }],
    ['an INST outside the list', 'PIECE_START TRACK_START INST=DRUMS', { instruments: ['INST=0', 'BASS'] }],
    ['a per-track INST outside its list', 'PIECE_START TRACK_START INST=BASS', { trackInstruments: [['SOPRANO']] }],
    ['a bar too many', `${start} BAR_END BAR_START`, { bars: 1 }],
    ['a track with too few bars', `${start} BAR_END TRACK_END`, { bars: 2 }],
    ['a track with no bars', 'PIECE_START TRACK_START INST=0 TRACK_END'],
    ['a track too many', `${start} BAR_END TRACK_END TRACK_START`, { tracks: 1 }],
    ['FILL_START with no FILL_IN', `${start} BAR_END TRACK_END FILL_START`],
    ['FILL_START before the last track', `${start} FILL_IN BAR_END TRACK_END FILL_START`, { fill: true, tracks: 2 }],
    [
      'TRACK_START after fills began',
      `${start} FILL_IN BAR_END TRACK_END FILL_START FILL_END TRACK_START`,
      { fill: true },
    ],
    [
      'FILL_END while a note sounds',
      `${start} FILL_IN BAR_END TRACK_END FILL_START NOTE_ON=60 TIME_DELTA=1 FILL_END`,
      { fill: true },
    ],
    ['more notes than maxPolyphony', `${start} NOTE_ON=60 NOTE_ON=64`, { maxPolyphony: 1 }],
    ['an unknown token', `${start} NOTE_ON=200`],
    ['[PAD]', `${start} [PAD]`],
    ['an event outside a bar', 'PIECE_START TRACK_START INST=0 NOTE_ON=60'],
    [
      'a bar before POLYPHONY',
      'PIECE_START TRACK_START INST=0 DENSITY=1 BAR_START',
      { density: true, polyphony: true, duration: true },
    ],
    [
      'DURATION before POLYPHONY',
      'PIECE_START TRACK_START INST=0 DENSITY=1 DURATION=1',
      { density: true, polyphony: true, duration: true },
    ],
    ['POLYPHONY before DENSITY', 'PIECE_START TRACK_START INST=0 POLYPHONY=1', { density: true, polyphony: true }],
    [
      'a second POLYPHONY',
      'PIECE_START TRACK_START INST=0 POLYPHONY=1 POLYPHONY=1',
      { polyphony: true, duration: true },
    ],
    ['POLYPHONY when the controls are off', 'PIECE_START TRACK_START INST=0 DENSITY=1 POLYPHONY=1', { density: true }],
    [
      'DURATION after a bar',
      'PIECE_START TRACK_START INST=0 DURATION=1 BAR_START BAR_END DURATION=1',
      { duration: true },
    ],
  ];
  it.each(cases)('%s', (_name, text, options) => {
    expect(rejection(text, options)).toMatch(/^token \d+ \(.+\): .+/);
  });

  it('bad options', () => {
    expect(() => new GrammarState({ bars: 0 })).toThrow(MusicError);
    expect(() => new GrammarState({ tracks: 1.5 })).toThrow(/tracks/);
  });
});

describe('allowedMask', () => {
  it('agrees with allows() for every token at every step of random walks', () => {
    const options: GrammarOptions[] = [
      { bars: 2, tracks: 2, density: true },
      { bars: 1, tracks: 3, fill: true, instruments: ['INST=SOPRANO', 'INST=ALTO'] },
      { fill: true, maxPolyphony: 2 },
    ];
    options.forEach((opt, k) => {
      for (let seed = 0; seed < 5; seed++) {
        const prefix = opt.fill ? words('PIECE_START TRACK_START INST=ALTO BAR_START FILL_IN BAR_END') : [];
        const { states } = randomWalk(tok, opt, seed * 31 + k, prefix);
        for (const g of states.filter((_, i) => i % 7 === 0)) {
          const mask = g.allowedMask(tok);
          tok.tokens.forEach((t, id) => expect(mask[id], `${t}`).toBe(g.allows(t) ? 1 : 0));
        }
      }
    });
  });

  it('offers only the allowed instruments, track by track', () => {
    const g = new GrammarState({ trackInstruments: [['SOPRANO'], ['INST=ALTO', 'TENOR']] }).advanceAll(
      words('PIECE_START TRACK_START'),
    );
    expect(g.allowedTokens(tok)).toEqual(['INST=SOPRANO']);
    g.advanceAll(words(`INST=SOPRANO ${SEED_BAR} TRACK_END TRACK_START`));
    expect(g.allowedTokens(tok)).toEqual(['INST=ALTO', 'INST=TENOR']);
  });

  it('reuses the buffer it is given, and works by id', () => {
    const g = new GrammarState();
    const buf = new Uint8Array(tok.tokens.length).fill(1);
    expect(g.allowedMask(tok, buf)).toBe(buf);
    expect([...buf.keys()].filter((id) => buf[id])).toEqual([tok.ids.get('PIECE_START')]);
    g.advanceId(tok.ids.get('PIECE_START')!, tok);
    expect(() => g.advanceId(tok.ids.get('NOTE_ON=60')!, tok)).toThrow(/NOTE_ON=60/);
  });

  it('offers deltas only up to the bar end, and none that would leave trailing silence', () => {
    const g = new GrammarState().advanceAll(
      words('PIECE_START TRACK_START INST=0 BAR_START NOTE_ON=60 TIME_DELTA=4 NOTE_OFF=60'),
    );
    const deltas = g.allowedTokens(tok).filter((t) => t.startsWith('TIME_DELTA'));
    expect(deltas).toEqual(Array.from({ length: 11 }, (_, i) => `TIME_DELTA=${i + 1}`));
    g.advance('NOTE_ON=62');
    expect(g.allowedTokens(tok).filter((t) => t.startsWith('TIME_DELTA'))).toHaveLength(12);
  });
});

describe('clone', () => {
  it('is independent of the original', () => {
    const g = new GrammarState().advanceAll(words('PIECE_START TRACK_START INST=0 BAR_START NOTE_ON=60'));
    const c = g.clone();
    c.advance('TIME_DELTA=2').advance('NOTE_OFF=60');
    expect(g.allows('NOTE_OFF=60')).toBe(false);
    expect(c.allows('NOTE_OFF=60')).toBe(false);
    expect(c.allows('BAR_END')).toBe(true);
    expect(g.allows('BAR_END')).toBe(false);
  });
});

describe('random walks under the mask', () => {
  it('always finish (no dead ends) with the requested shape', () => {
    for (let seed = 0; seed < 40; seed++) {
      const { tokens } = randomWalk(tok, { bars: 4, tracks: 3, density: seed % 2 === 0 }, seed);
      expect(tokens.filter((t) => t === 'TRACK_START')).toHaveLength(3);
      expect(tokens.filter((t) => t === 'BAR_START')).toHaveLength(12);
    }
  });

  it('with the controls on, every track gets DENSITY, POLYPHONY, DURATION in that order', () => {
    const ctl = makeTokenizer(vocabulary([], ['POLYPHONY', 'DURATION']));
    for (let seed = 0; seed < 10; seed++) {
      const { tokens } = randomWalk(ctl, { bars: 2, tracks: 3, density: true, polyphony: true, duration: true }, seed);
      const insts = tokens.flatMap((t, i) => (t.startsWith('INST=') ? [i] : []));
      expect(insts).toHaveLength(3);
      for (const i of insts)
        expect(tokens.slice(i + 1, i + 4).map((t) => t.split('=')[0])).toEqual(['DENSITY', 'POLYPHONY', 'DURATION']);
    }
  });
});
