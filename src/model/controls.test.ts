// The decode loop on a model whose track headers have POLYPHONY and DURATION after DENSITY: the
// grammar makes it write them, so the pieces decode strictly and carry the controls.
import { beforeAll, describe, expect, it } from 'vitest';
import { binOf, meanDuration, polyphony } from '../music/controls';
import { decodeTokens } from '../music/decode';
import type { GridNote } from '../music/grid';
import { scoreToGrid } from '../music/quantize';
import type { Note, Score } from '../music/score';
import { GrammarState } from '../music/grammar';
import { generate, type Engine } from './generate';
import { readMeta, readModelFile } from './modelConfig';
import type { GenerateRequest } from './protocol';
import { createNodeSession } from './sessionNode';
import { folderSource } from './sourceNode';
import { controlsModelDir } from './testing/tinyModel';

let engine: Engine;

beforeAll(async () => {
  const src = folderSource(controlsModelDir());
  const { config, tokenizer } = await readMeta(src);
  engine = {
    session: await createNodeSession(await readModelFile(src, config, 'model.onnx'), 'model.onnx', 1),
    config,
    tokenizer,
  };
}, 300_000);

describe('generate with header controls', () => {
  it('reads the controls from config.json', () => {
    expect(engine.config.encoding.controls).toEqual(['POLYPHONY', 'DURATION']);
    expect(engine.tokenizer.tokens.slice(-10)).toEqual(
      [0, 1, 2, 3, 4].map((b) => `POLYPHONY=${b}`).concat([0, 1, 2, 3, 4].map((b) => `DURATION=${b}`)),
    );
  });

  it('compose writes DENSITY, POLYPHONY, DURATION in every track header, and the piece decodes strictly', async () => {
    for (const seed of [1, 2]) {
      const res = await generate(engine, {
        mode: 'compose',
        tracks: [{ inst: 'DRUMS' }, { inst: '33' }],
        bars: 2,
        sampling: { temperature: 1, topP: 0.95, seed },
      });
      new GrammarState({ bars: 2, tracks: 2, density: true, polyphony: true, duration: true }).advanceAll(res.tokens);
      const { piece } = decodeTokens(res.tokens, { strict: true });
      expect(piece.tracks.map((t) => t.inst)).toEqual(['DRUMS', '33']);
      for (const t of piece.tracks) {
        expect(t.density).toBeGreaterThanOrEqual(0);
        expect(t.polyphony).toBeGreaterThanOrEqual(0);
        expect(t.duration).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

/** Every header the model read or wrote for `inst` in a run: the tokens after each INST=<inst>, up to the first bar. */
function headersOf(tokens: readonly string[], inst: string): string[][] {
  const out: string[][] = [];
  tokens.forEach((t, i) => {
    if (t !== `INST=${inst}`) return;
    const end = tokens.indexOf('BAR_START', i);
    out.push(tokens.slice(i + 1, end));
  });
  return out;
}

/** Runs a request and returns every token of its first row, forced or sampled, over all passes. */
async function tokensOf(request: GenerateRequest): Promise<string[]> {
  const tokens: string[] = [];
  await generate(engine, request, { onToken: (t) => tokens.push(t) });
  return tokens;
}

const sampling = { temperature: 1, topP: 0.95, seed: 7 };
const SIXTEENTH = 120;
const BAR = 16 * SIXTEENTH;

/** `perBar` onsets a bar in bars [from, to), each a chord of `pitches` held `length` sixteenths. */
function part(pitches: number[], perBar: number, length: number, from: number, to: number): Note[] {
  const out: Note[] = [];
  for (let bar = from; bar < to; bar++)
    for (let k = 0; k < perBar; k++)
      for (const pitch of pitches)
        out.push({ pitch, start: bar * BAR + (k * BAR) / perBar, duration: length * SIXTEENTH, velocity: 90 });
  return out.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
}

/**
 * Eight bars: a bass that plays held three-note chords for 4 bars, then single eighth notes; a piano that plays single
 * sixteenths for 4 bars, then four-note chords held for half a bar.
 */
function song(): Score {
  return {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [
      {
        name: 'Bass',
        program: 33,
        isDrum: false,
        notes: [...part([36, 40, 43], 2, 8, 0, 4), ...part([40], 8, 2, 4, 8)],
      },
      {
        name: 'Piano',
        program: 0,
        isDrum: false,
        notes: [...part([72], 16, 1, 0, 4), ...part([60, 64, 67, 71], 2, 8, 4, 8)],
      },
    ],
  };
}

describe('the requested bins are in the prompt', () => {
  it('compose forces each track\u2019s requested DENSITY, POLYPHONY and DURATION in every pass', async () => {
    const tokens = await tokensOf({
      mode: 'compose',
      tracks: [
        { inst: 'DRUMS', density: 2, polyphony: 3, duration: 1 },
        { inst: '33', polyphony: 0, duration: 4 },
      ],
      bars: 6, // two passes of the model's 4-bar window
      sampling,
    });
    const drums = headersOf(tokens, 'DRUMS');
    expect(drums.length).toBeGreaterThan(1); // several passes: the requests hold in each
    for (const h of drums) expect(h).toEqual(['DENSITY=2', 'POLYPHONY=3', 'DURATION=1']);
    // The bass's density was left to the model: sampled once, then kept; its controls are the requested ones.
    const bass = headersOf(tokens, '33');
    for (const h of bass) expect(h.slice(1)).toEqual(['POLYPHONY=0', 'DURATION=4']);
    expect(new Set(bass.map((h) => h[0])).size).toBe(1);
  });

  it('regenerate track puts the requested bins in the target\u2019s header and keeps its own density', async () => {
    const score = song();
    const tokens = await tokensOf({
      mode: 'regenerate-track',
      score,
      trackIndex: 1,
      sampling,
      controls: { polyphony: 1, duration: 0 },
    });
    const piano = headersOf(tokens, '0');
    expect(piano.length).toBeGreaterThan(1);
    for (const h of piano) expect(h.slice(1)).toEqual(['POLYPHONY=1', 'DURATION=0']);
    expect(piano[0][0]).toMatch(/^DENSITY=\d$/);
  });

  it('regenerate bar puts the requested bins in the target\u2019s header', async () => {
    const tokens = await tokensOf({
      mode: 'regenerate-bar',
      score: song(),
      trackIndex: 0,
      bar: 5,
      sampling,
      controls: { polyphony: 2, duration: 3 },
    });
    expect(tokens).toContain('FILL_START');
    const bass = headersOf(tokens, '33');
    expect(bass).toHaveLength(1);
    expect(bass[0].slice(1)).toEqual(['POLYPHONY=2', 'DURATION=3']);
  });

  it('continue keeps each track\u2019s own POLYPHONY and DURATION of the song\u2019s last 4 bars, in every pass', async () => {
    const edges = engine.config.encoding.edges;
    const grid = scoreToGrid(song());
    const bins = (notes: GridNote[]) => [
      binOf(polyphony(notes), edges.polyphonyEdges!),
      binOf(meanDuration(notes), edges.durationEdges!),
    ];
    const last4 = grid.tracks.map((t) => bins(t.notes.filter((n) => n.start >= 4 * 16)));
    const whole = grid.tracks.map((t) => bins(t.notes));
    expect(last4).not.toEqual(whole); // the last bars differ in character from the song as a whole
    expect(last4[0][0]).toBeLessThan(last4[1][0]); // a single-note bass, a chordal piano at the end
    const tokens = await tokensOf({ mode: 'continue', score: song(), bars: 2, sampling });
    for (const [t, inst] of ['33', '0'].entries()) {
      const headers = headersOf(tokens, inst);
      expect(headers.length).toBeGreaterThan(1);
      for (const h of headers) expect(h.slice(1)).toEqual([`POLYPHONY=${last4[t][0]}`, `DURATION=${last4[t][1]}`]);
    }
  });
});
