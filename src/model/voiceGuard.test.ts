// The voice-leading guard: its pieces on hand-made bars, then in the decode loop on the shipped
// chorale model (the guard is about what a trained model writes, so a random model cannot show it).
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeTokens } from '../music/decode';
import type { GridPiece } from '../music/grid';
import { makeTokenizer } from '../music/tokenizer';
import { defaultVocabulary } from '../music/vocab';
import { SATB } from '../music/parts';
import { soundingAt, type VoiceNote } from '../music/voiceLeading';
import { generate, type Engine } from './generate';
import { readMeta, readModelFile } from './modelConfig';
import type { GenerateRequest, Sampling } from './protocol';
import { createNodeSession } from './sessionNode';
import { folderSource } from './sourceNode';
import { tokenTable } from '../music/tokenTable';
import { barSoFar, barVoices, penalizeVoiceLeading } from './voiceGuard';

const tok = makeTokenizer(defaultVocabulary());
const note = (pitch: number, start: number, duration = 4) => ({ pitch, start, duration, velocity: 80 });

/** Soprano written for two bars, alto for one, bass for two; the alto is writing bar 1. */
const history: GridPiece = {
  bars: 2,
  tracks: [
    { inst: 'SOPRANO', notes: [note(72, 0, 8), note(71, 8, 8), note(72, 16), note(74, 20)] },
    { inst: 'ALTO', notes: [note(67, 0, 16), note(65, 16), note(64, 20)] },
    { inst: 'PIANO', notes: [note(40, 12, 8)] },
    { inst: 'BASS', notes: [note(48, 0, 12), note(43, 12, 4), note(48, 16), note(50, 20)] },
  ],
};

describe('barVoices', () => {
  it('keeps the other SATB tracks, cut to the notes the bar can meet, and the own notes before the bar', () => {
    const v = barVoices(history, 1, 1)!;
    expect(v.part).toBe('ALTO');
    expect(v.barStart).toBe(16);
    // The latest onset before bar 1 is 12 (the bass G2): notes that ended by then are dropped.
    expect(v.others.map((o) => o.part)).toEqual(['SOPRANO', 'BASS']);
    expect(v.others[0].notes).toEqual([
      { pitch: 71, start: 8, end: 16 },
      { pitch: 72, start: 16, end: 20 },
      { pitch: 74, start: 20, end: 24 },
    ]);
    expect(v.others[1].notes.map((n) => n.pitch)).toEqual([43, 48, 50]);
    expect(v.before).toEqual([{ pitch: 67, start: 0, end: 16 }]);
  });

  it('is null for a track that is not an SATB part', () => {
    expect(barVoices(history, 2, 1)).toBeNull();
  });
});

describe('barSoFar', () => {
  it('reads the notes of an unfinished bar: open ones end at Infinity', () => {
    const events = ['NOTE_ON=65', 'TIME_DELTA=4', 'NOTE_OFF=65', 'NOTE_ON=64', 'TIME_DELTA=2'];
    expect(barSoFar(events, 16)).toEqual({
      notes: [
        { pitch: 65, start: 16, end: 20 },
        { pitch: 64, start: 20, end: Infinity },
      ],
      time: 22,
    });
  });
});

describe('penalizeVoiceLeading', () => {
  const onIds = tokenTable(tok).noteOn;
  const voices = barVoices(history, 1, 1)!;
  const allowOns = () => {
    const mask = new Uint8Array(tok.tokens.length);
    for (const id of onIds) mask[id] = 1;
    return mask;
  };

  it('lowers exactly the flagged NOTE_ONs the mask allows, by the penalty', () => {
    // At the previous onset (12) the alto's G4 is two octaves over the bass G2, and the bass rises to C3
    // at 16: a rising C (72) is a parallel octave. Above the soprano's C5 or below the bass's C3 is a crossing.
    const mask = allowOns();
    mask[onIds[84]] = 0; // flagged, but the grammar forbids it here
    const logits = new Float32Array(tok.tokens.length).fill(1);
    penalizeVoiceLeading(logits, mask, onIds, voices, [], 3);
    const lowered = [...onIds.keys()].filter((p) => logits[onIds[p]] !== 1);
    const range = (lo: number, hi: number) => Array.from({ length: hi - lo }, (_, i) => lo + i);
    expect(lowered).toEqual([...range(0, 48), ...range(72, 128).filter((p) => p !== 84)]);
    for (const p of lowered) expect(logits[onIds[p]]).toBe(-2);
    expect(logits[onIds[84]]).toBe(1);
  });

  it('does nothing where the grammar allows no NOTE_ON', () => {
    const mask = new Uint8Array(tok.tokens.length);
    mask[tok.ids.get('BAR_END')!] = 1;
    const logits = new Float32Array(tok.tokens.length).fill(1);
    penalizeVoiceLeading(logits, mask, onIds, voices, [], 3);
    expect(logits.every((x) => x === 1)).toBe(true);
  });
});

/** Parallels and crossing sixteenths, counted the way training/music_stats.py counts them. */
function voiceLeadingFaults(tokens: string[]): number {
  const { piece } = decodeTokens(tokens, { strict: true });
  const steps = piece.bars * 16;
  const rolls = SATB.map((part) => {
    const notes: VoiceNote[] = piece.tracks
      .filter((t) => t.inst === part)
      .flatMap((t) => t.notes.map((n) => ({ pitch: n.pitch, start: n.start, end: n.start + n.duration })));
    return Array.from({ length: steps }, (_, s) => soundingAt(notes, s));
  });
  const onsets = [...new Set(piece.tracks.flatMap((t) => t.notes.map((n) => n.start)))].sort((a, b) => a - b);
  let faults = 0;
  for (let i = 0; i < 4; i++)
    for (let j = i + 1; j < 4; j++)
      for (let k = 1; k < onsets.length; k++) {
        const [p1, p2, q1, q2] = [
          rolls[i][onsets[k - 1]],
          rolls[i][onsets[k]],
          rolls[j][onsets[k - 1]],
          rolls[j][onsets[k]],
        ];
        if (Math.min(p1, p2, q1, q2) < 0 || p1 === p2 || q1 === q2 || (p2 - p1) * (q2 - q1) <= 0) continue;
        const a = (((p1 - q1) % 12) + 12) % 12;
        if (a === (((p2 - q2) % 12) + 12) % 12 && (a === 0 || a === 7)) faults++;
      }
  for (let s = 0; s < steps; s++)
    if (rolls.some((u, i) => i < 3 && u[s] >= 0 && rolls[i + 1][s] >= 0 && u[s] < rolls[i + 1][s])) faults++;
  return faults;
}

describe('the guard in the decode loop (models/chorales, onnxruntime-node)', () => {
  let engine: Engine;
  beforeAll(async () => {
    const src = folderSource(resolve(import.meta.dirname, '../../models/chorales'));
    const { config, tokenizer } = await readMeta(src);
    const session = await createNodeSession(await readModelFile(src, config, 'model.onnx'), 'model.onnx', 1);
    engine = { session, config, tokenizer };
  }, 60_000);

  const chorale = (seed: number, voiceLeading?: number): GenerateRequest => {
    const sampling: Sampling = {
      temperature: 1,
      topP: 0.95,
      seed,
      ...(voiceLeading === undefined ? {} : { voiceLeading }),
    };
    return {
      mode: 'variations',
      count: 8,
      base: { mode: 'compose', tracks: SATB.map((inst) => ({ inst })), bars: 4, sampling },
    };
  };
  const faults = async (req: GenerateRequest) =>
    (await generate(engine, req)).candidateTokens!.reduce((n, t) => n + voiceLeadingFaults(t), 0);

  it('writes chorales with far fewer parallels and crossings than the same seeds without it', async () => {
    const off = await faults(chorale(1, 0));
    const on = await faults(chorale(1, 8));
    expect(off).toBeGreaterThan(10);
    expect(on).toBeLessThan(off / 3);
  }, 60_000);

  it('is deterministic per seed, and 0 is the same as leaving it out', async () => {
    const a = await generate(engine, chorale(3, 8));
    const b = await generate(engine, chorale(3, 8));
    expect(b.candidateTokens).toEqual(a.candidateTokens);
    const off = await generate(engine, chorale(3, 0));
    const unset = await generate(engine, chorale(3));
    expect(unset.candidateTokens).toEqual(off.candidateTokens);
    expect(off.candidateTokens).not.toEqual(a.candidateTokens);
  }, 60_000);

  it('regenerating one bar (the fill path) stays strictly decodable with the guard on', async () => {
    const base = await generate(engine, {
      mode: 'compose',
      tracks: SATB.map((inst) => ({ inst })),
      bars: 4,
      sampling: { temperature: 1, topP: 0.95, seed: 5 },
    });
    const res = await generate(engine, {
      mode: 'regenerate-bar',
      score: base.score,
      trackIndex: 2,
      bar: 1,
      sampling: { temperature: 1, topP: 0.95, seed: 6, voiceLeading: 8 },
    });
    // The target track goes last in the prompt, so the guard sees all three other voices.
    expect(decodeTokens(res.tokens, { strict: true }).fills).toEqual([{ track: 3, bar: 1, filled: true }]);
    for (const j of [0, 1, 3]) expect(res.score.tracks[j]).toEqual(base.score.tracks[j]);
  }, 60_000);

  it('rejects a penalty that is not a finite number >= 0', async () => {
    for (const voiceLeading of [-1, Infinity, NaN])
      await expect(generate(engine, chorale(1, voiceLeading))).rejects.toMatchObject({ code: 'generate' });
  });
});
