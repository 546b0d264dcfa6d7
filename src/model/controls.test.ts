// The decode loop on a model whose track headers have POLYPHONY and DURATION after DENSITY: the
// grammar makes it write them, so the pieces decode strictly and carry the controls.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeTokens } from '../music/decode';
import { GrammarState } from '../music/grammar';
import { generate, type Engine } from './generate';
import { readMeta, readModelFile } from './modelConfig';
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
