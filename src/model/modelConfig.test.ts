import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, readMeta, readModelFile, variantsFor, type ModelConfig } from './modelConfig';
import { folderSource } from './sourceNode';
import { tinyModelDir } from './testing/tinyModel';

function copyOfTiny(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cantor-config-test-'));
  cpSync(tinyModelDir(), dir, { recursive: true });
  return dir;
}

const files = (entries: [string, string, string[]][]): ModelConfig =>
  ({
    files: Object.fromEntries(
      entries.map(([name, dtype, backends]) => [name, { sha256: '', bytes: 0, dtype, backends }]),
    ),
  }) as unknown as ModelConfig;

describe('model variants per backend', () => {
  const c = files([
    ['model.onnx', 'fp32', ['wasm', 'webgpu']],
    ['model_int8.onnx', 'int8', ['wasm']],
    ['model_q4.onnx', 'q4', ['webgpu']],
    ['model_fp16.onnx', 'fp16', ['webgpu']],
  ]);
  it('never offers int8 (MatMulInteger) to WebGPU, and fp16 only with shader-f16', () => {
    expect(variantsFor(c, 'webgpu', false)).toEqual(['model.onnx', 'model_q4.onnx']);
    expect(variantsFor(c, 'webgpu', true)).toEqual(['model_fp16.onnx', 'model.onnx', 'model_q4.onnx']);
  });
  it('offers WASM int8 first, then fp32', () => {
    expect(variantsFor(c, 'wasm')).toEqual(['model_int8.onnx', 'model.onnx']);
  });
});

describe('loading a model folder', () => {
  it('reads a good folder and checks every file', async () => {
    const src = folderSource(tinyModelDir());
    const { config, tokenizer } = await readMeta(src);
    expect(tokenizer.tokens).toHaveLength(config.vocab_size);
    for (const name of Object.keys(config.files))
      expect((await readModelFile(src, config, name)).length).toBe(config.files[name].bytes);
  });

  it('names a missing file', async () => {
    const dir = copyOfTiny();
    rmSync(join(dir, 'tokenizer.json'));
    await expect(readMeta(folderSource(dir))).rejects.toMatchObject({
      code: 'model-missing',
      message: expect.stringMatching(/tokenizer\.json/),
    });
  });

  it('names a corrupt ONNX file', async () => {
    const dir = copyOfTiny();
    const bytes = readFileSync(join(dir, 'model.onnx'));
    bytes[500] ^= 1;
    writeFileSync(join(dir, 'model.onnx'), bytes);
    const src = folderSource(dir);
    const { config } = await readMeta(src);
    await expect(readModelFile(src, config, 'model.onnx')).rejects.toMatchObject({
      code: 'model-corrupt',
      message: expect.stringMatching(/model\.onnx is corrupt/),
    });
  });

  it("rejects a tokenizer.json whose vocabulary is not the model's", async () => {
    const dir = copyOfTiny();
    const doc = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8'));
    [doc.model.vocab['NOTE_ON=60'], doc.model.vocab['NOTE_ON=61']] = [
      doc.model.vocab['NOTE_ON=61'],
      doc.model.vocab['NOTE_ON=60'],
    ];
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(doc));
    await expect(readMeta(folderSource(dir))).rejects.toMatchObject({ code: 'vocab-mismatch' });
  });

  it('normalises config.json once: INST values without the prefix, the encoding with its defaults and controls', () => {
    const base = {
      n_layer: 1,
      n_head: 1,
      n_embd: 8,
      n_ctx: 64,
      vocab_size: 10,
      vocab_hash: 'h',
      files: { 'model.onnx': {} },
    };
    const bare = parseConfig(JSON.stringify({ ...base, instruments: ['INST=DRUMS', 'INST=33'] }));
    expect(bare.instruments).toEqual(['DRUMS', '33']);
    expect(bare.encoding).toEqual({ bars: 4, hop: 4, maxTracks: null, parts: [], edges: {}, controls: [] });
    const encoding = {
      bars: 2,
      hop: 1,
      maxTracks: 8,
      density: { enabled: true, edges: [1, 2] },
      polyphony: { enabled: true, edges: [1.5] },
      duration: { enabled: false, edges: [2] },
    };
    const full = parseConfig(JSON.stringify({ ...base, encoding }));
    expect(full.encoding).toEqual({
      bars: 2,
      hop: 1,
      maxTracks: 8,
      parts: [],
      edges: { densityEdges: [1, 2], polyphonyEdges: [1.5] },
      controls: ['POLYPHONY'],
    });
    expect(parseConfig(JSON.stringify({ ...base, encoding: { maxTracks: 'eight', bars: 0 } })).encoding).toMatchObject({
      bars: 4,
      maxTracks: null,
    });
  });

  it('rejects a config.json that is not one', () => {
    expect(() => parseConfig('{')).toThrow(/not valid JSON/);
    expect(() => parseConfig('{"n_layer": 2}')).toThrow(/n_head/);
  });
});
