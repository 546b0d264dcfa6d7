import { describe, expect, it } from 'vitest';
import type { GridPiece } from '../music/grid';
import type { Score } from '../music/score';
import { makeTokenizer } from '../music/tokenizer';
import { defaultVocabulary } from '../music/vocab';
import { generate } from './generate';
import { typicalVelocity } from './jobParts';
import type { GenerateRequest } from './protocol';
import { limitRegister, pitchWindows } from './registerGuard';
import { scriptedEngine } from './testing/scriptedSession';
import { tokenTable } from '../music/tokenTable';

const g = (pitch: number, start: number) => ({ pitch, start, duration: 4, velocity: 80 });

describe('pitchWindows', () => {
  it('centres each pitched track on its mean over the last 4 bars, and leaves drums alone', () => {
    const history: GridPiece = {
      bars: 6,
      tracks: [
        // bar 0 is outside the last 4 bars (2..5) and does not count
        { inst: '33', notes: [g(70, 0), g(28, 32), g(30, 80)] },
        { inst: 'DRUMS', notes: [g(36, 32)] },
        { inst: '0', notes: [g(60, 0)] },
        { inst: '80', notes: [] },
      ],
    };
    expect(pitchWindows(history, 6, 7)).toEqual([{ lo: 22, hi: 36 }, null, { lo: 53, hi: 67 }, null]);
  });

  it('limitRegister masks only the NOTE_ONs outside the window', () => {
    const tok = makeTokenizer(defaultVocabulary());
    const mask = new Uint8Array(tok.tokens.length).fill(1);
    limitRegister(mask, tokenTable(tok).noteOn, { lo: 40, hi: 47 });
    const on = (p: number) => mask[tok.ids.get(`NOTE_ON=${p}`)!];
    expect([on(39), on(40), on(47), on(48)]).toEqual([0, 1, 1, 0]);
    expect(mask[tok.ids.get('NOTE_OFF=60')!]).toBe(1);
    expect(mask[tok.ids.get('BAR_END')!]).toBe(1);
  });
});

/** Two bars of a low bass and a high lead at 480 PPQ: the scripted model likes C4 E4 G4, far from both. */
function band(): Score {
  const q = (pitch: number, beat: number, velocity: number) => ({ pitch, start: beat * 480, duration: 400, velocity });
  return {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [
      {
        name: 'Bass',
        program: 33,
        isDrum: false,
        notes: [0, 1, 2, 3, 4, 5, 6, 7].map((b) => q(b % 2 ? 31 : 28, b, 100)),
      },
      { name: 'Lead', program: 80, isDrum: false, notes: [0, 2, 4, 6].map((b) => q(84, b, b === 0 ? 127 : 50)) },
    ],
  };
}

async function continued(register: number) {
  const score = band();
  const request: GenerateRequest = {
    mode: 'continue',
    score,
    bars: 2,
    after: 8 * 480,
    sampling: { temperature: 1, topP: 1, seed: 3, register },
  };
  const result = await generate(scriptedEngine(['33', '80', 'DRUMS']), request);
  return result.score.tracks.map((t, i) => t.notes.slice(score.tracks[i].notes.length));
}

describe('Continue with the register guard (scripted model)', () => {
  it("keeps every new note within 7 semitones of its track's recent mean; without it the model drifts", async () => {
    const [bass, lead] = await continued(7);
    expect(bass.length).toBeGreaterThan(0);
    expect(lead.length).toBeGreaterThan(0);
    for (const n of bass) expect(Math.abs(n.pitch - 29.5)).toBeLessThanOrEqual(7);
    for (const n of lead) expect(Math.abs(n.pitch - 84)).toBeLessThanOrEqual(7);
    const [freeBass] = await continued(0);
    expect(freeBass.some((n) => Math.abs(n.pitch - 29.5) > 7)).toBe(true);
  });

  it("gives new notes each track's median velocity of its last bars, not one constant", async () => {
    const [bass, lead] = await continued(7);
    expect(new Set(bass.map((n) => n.velocity))).toEqual(new Set([100]));
    expect(new Set(lead.map((n) => n.velocity))).toEqual(new Set([50])); // the mean would be 69
    expect(typicalVelocity([], 480)).toBe(80);
  });
});
