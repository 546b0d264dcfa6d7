// The engine in headless Chromium, through its worker: WASM, WebGPU for real
// (SwiftShader under --enable-unsafe-webgpu), same tokens on both, and clear
// errors for a corrupt model file and a model whose vocabulary does not match.
import { test, expect, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHarness, serve, type Served } from './engine-harness/serve';
import { tinyModelDir } from '../src/model/testing/tinyModel';
import type { GenerateRequest } from '../src/model/protocol';

let served: Served;

/** The tiny model with some weights flipped: sha256 no longer matches config.json. */
function corruptCopy(dir: string): string {
  const out = mkdtempSync(join(tmpdir(), 'cantor-corrupt-'));
  cpSync(dir, out, { recursive: true });
  const bytes = readFileSync(join(out, 'model_int8.onnx'));
  for (let i = 1000; i < 1100; i++) bytes[i] ^= 0xff;
  writeFileSync(join(out, 'model_int8.onnx'), bytes);
  return out;
}

/** The tiny model with two tokens swapped in tokenizer.json: the vocab hash no longer matches. */
function wrongVocabCopy(dir: string): string {
  const out = mkdtempSync(join(tmpdir(), 'cantor-vocab-'));
  cpSync(dir, out, { recursive: true });
  const doc = JSON.parse(readFileSync(join(out, 'tokenizer.json'), 'utf8'));
  const v = doc.model.vocab;
  [v['NOTE_ON=60'], v['NOTE_ON=61']] = [v['NOTE_ON=61'], v['NOTE_ON=60']];
  writeFileSync(join(out, 'tokenizer.json'), JSON.stringify(doc));
  return out;
}

/** The tiny model listing only model.onnx, so WASM runs the file WebGPU runs. */
function fp32Copy(dir: string): string {
  const out = mkdtempSync(join(tmpdir(), 'cantor-fp32-'));
  cpSync(dir, out, { recursive: true });
  const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  config.files = { 'model.onnx': config.files['model.onnx'] };
  writeFileSync(join(out, 'config.json'), JSON.stringify(config));
  return out;
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const tiny = tinyModelDir();
  served = await serve(await buildHarness(), {
    tiny,
    'tiny-fp32': fp32Copy(tiny),
    corrupt: corruptCopy(tiny),
    vocab: wrongVocabCopy(tiny),
  });
});

test.afterAll(async () => served?.close());

async function open(page: Page): Promise<string[]> {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(served.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      foreign.push(r.url());
  });
  await page.goto(served.url);
  await expect(page.locator('#status')).toHaveText('ready');
  return foreign;
}

type H = {
  harness: {
    load(
      url: string,
      b: string,
    ): Promise<{ ok: boolean; value?: { backend: string; variant: string }; code?: string; message?: string }>;
    generate(
      r: GenerateRequest,
    ): Promise<{ ok: boolean; value?: { tokens: string[]; aborted: boolean }; code?: string; message?: string }>;
    generateThenAbort(
      r: GenerateRequest,
      n: number,
    ): Promise<{ ok: boolean; value?: { tokens: string[]; aborted: boolean } }>;
    events(): string[];
    crossOriginIsolated(): boolean;
  };
};

const greedy = (bars: number): GenerateRequest => ({
  mode: 'compose',
  tracks: [{ inst: 'SOPRANO' }],
  bars,
  sampling: { temperature: 0, topP: 1, seed: 3 },
});

test('WASM backend in the worker: loads, streams notes, finishes, aborts', async ({ page }) => {
  const foreign = await open(page);
  expect(await page.evaluate(() => (window as unknown as H).harness.crossOriginIsolated())).toBe(true);
  const loaded = await page.evaluate(() => (window as unknown as H).harness.load('/models/tiny/', 'wasm'));
  expect(loaded).toMatchObject({ ok: true, value: { backend: 'wasm', variant: 'model_int8.onnx' } });
  const res = await page.evaluate((r) => (window as unknown as H).harness.generate(r), greedy(2));
  expect(res.ok).toBe(true);
  expect(res.value!.tokens.slice(0, 4)).toEqual(['PIECE_START', 'TRACK_START', 'INST=SOPRANO', 'BAR_START']);
  const events = await page.evaluate(() => (window as unknown as H).harness.events());
  for (const e of ['progress:download', 'progress:init', 'token', 'notes', 'done']) expect(events).toContain(e);
  const stopped = await page.evaluate((r) => (window as unknown as H).harness.generateThenAbort(r, 5), greedy(4));
  expect(stopped).toMatchObject({ ok: true, value: { aborted: true } });
  expect(foreign).toEqual([]);
});

test('WebGPU backend for real gives the same tokens as WASM on the same model file', async ({ page }) => {
  test.setTimeout(300_000);
  await open(page);
  const request = greedy(1);
  const run = async (backend: string, model: string) => {
    const loaded = await page.evaluate(
      ([b, m]) => (window as unknown as H).harness.load(`/models/${m}/`, b),
      [backend, model],
    );
    expect(loaded, JSON.stringify(loaded)).toMatchObject({ ok: true, value: { backend, variant: 'model.onnx' } });
    const res = await page.evaluate((r) => (window as unknown as H).harness.generate(r), request);
    expect(res.ok, JSON.stringify(res)).toBe(true);
    return res.value!.tokens;
  };
  const gpu = await run('webgpu', 'tiny');
  expect(gpu.length).toBeGreaterThan(4);
  // WASM on the same fp32 file (a folder listing only model.onnx), so only the backend differs.
  expect(await run('wasm', 'tiny-fp32')).toEqual(gpu);
});

test("'auto' runs WASM when the only WebGPU adapter is a software one (SwiftShader)", async ({ page }) => {
  await open(page);
  const loaded = await page.evaluate(() => (window as unknown as H).harness.load('/models/tiny/', 'auto'));
  expect(loaded).toMatchObject({ ok: true, value: { backend: 'wasm' } });
});

test('a corrupt model file and a wrong vocabulary each give a clear error', async ({ page }) => {
  await open(page);
  const corrupt = await page.evaluate(() => (window as unknown as H).harness.load('/models/corrupt/', 'wasm'));
  expect(corrupt).toMatchObject({ ok: false, code: 'model-corrupt' });
  expect(corrupt.message).toMatch(/model_int8\.onnx is corrupt/);
  const vocab = await page.evaluate(() => (window as unknown as H).harness.load('/models/vocab/', 'wasm'));
  expect(vocab).toMatchObject({ ok: false, code: 'vocab-mismatch' });
  expect(vocab.message).toMatch(/tokenizer\.json/);
  const missing = await page.evaluate(() => (window as unknown as H).harness.load('/models/nothing-here/', 'wasm'));
  expect(missing).toMatchObject({ ok: false, code: 'model-missing' });
  expect(missing.message).toMatch(/config\.json/);
});

test('a second visit loads the model offline from the Cache API', async ({ page, context }) => {
  await open(page);
  const first = await page.evaluate(() => (window as unknown as H).harness.load('/models/tiny/', 'wasm'));
  expect(first.ok).toBe(true);
  let blocked = 0;
  await context.route('**/models/tiny/**', (route) => {
    blocked++;
    return route.abort('internetdisconnected');
  });
  await page.reload();
  await expect(page.locator('#status')).toHaveText('ready');
  const offline = await page.evaluate(() => (window as unknown as H).harness.load('/models/tiny/', 'wasm'));
  expect(offline, JSON.stringify(offline)).toMatchObject({ ok: true, value: { backend: 'wasm' } });
  expect(blocked).toBeGreaterThan(0); // the network really was tried and refused
});
