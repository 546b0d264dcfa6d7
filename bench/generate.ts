// npm run bench:generate [-- --quick] [--app-only] [--model DIR|seed-shape] [--song file.mid] [--json out.json]
// Generation speed in headless Chromium (WASM with threads and on one thread, WebGPU, per model file
// and batch size) against onnxruntime-node, transformers.js generate() and a no-cache loop on the same
// file, at 512, 1024 and 2048 tokens of context. Past the model's own n_ctx the figures come from a
// random model of its width and depth with a 2048-token context, exported by the training pipeline
// (speed depends on the shape, not the weights). Then the app itself (production build): Compose and,
// for a GM model, Continue of a real song, with main-thread long tasks. --app-only runs just that.
// With --model seed-shape, or without models/chorales, it benchmarks a random model of the seed's shape.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../playwright.config';
import { chromiumPath } from '../scripts/chromium.mjs';
import { buildHarness, serve } from '../e2e/engine-harness/serve';
import { KvDecoder, type CacheMode } from '../src/model/kvDecoder';
import { modelShape, parseConfig, type ModelConfig } from '../src/model/modelConfig';
import { createNodeSession } from '../src/model/sessionNode';
import { longContextModelDir, seedShapeModelDir } from '../src/model/testing/tinyModel';
import { atContext, type ContextTiming } from './generate-harness/timing';
import { benchApp, reportApp, type AppResult } from './generate-harness/app';
import { report, mergeBest, NODE_THREADS, nodeKey, type EngineFigures, type Target } from './generate-harness/report';
import type { BackendResult } from './generate-harness/benchWorker';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const appOnly = args.includes('--app-only');
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const STEPS = quick ? 8 : 32;
const ROUNDS = quick ? 1 : 3;
const CONTEXTS = [512, 1024, 2048];
/** WASM threads of the "threads" rows: the machine's cores (the app's default is half of them, at most 4). */
const THREADS = Math.max(2, Math.min(4, availableParallelism()));
const DEFAULT_SONG = join(ROOT, '../shared/datasets/freedoom/midi/d_e1m1.mid');

function modelDir(): string {
  const wanted = flag('--model');
  const given =
    wanted === 'seed-shape'
      ? undefined
      : (wanted ?? (existsSync(join(ROOT, 'models/chorales/config.json')) ? join(ROOT, 'models/chorales') : undefined));
  if (given) return resolve(given);
  console.error('random 6-layer 512-wide model (exported once per exporter version: a few minutes the first time)');
  return seedShapeModelDir();
}

const readConfig = (dir: string) => parseConfig(readFileSync(join(dir, 'config.json'), 'utf8'));
const isGm = (c: ModelConfig) => c.instruments.includes('DRUMS');

/** The model at the contexts it has, and a random stand-in of its shape for the longer ones. */
function targets(dir: string, config: ModelConfig): Target[] {
  const own = CONTEXTS.filter((c) => c <= config.n_ctx);
  const out: Target[] = [{ mount: 'bench', dir, config, contexts: own, standIn: false }];
  const longer = CONTEXTS.filter((c) => c > config.n_ctx);
  if (longer.length === 0) return out;
  try {
    console.error(
      `random ${config.n_layer}x${config.n_embd} model with a ${Math.max(...longer)}-token context for @${longer.join('/')} (exported once: a minute or two)`,
    );
    const long = longContextModelDir(config, Math.max(...longer), isGm(config));
    out.push({ mount: 'long', dir: long, config: readConfig(long), contexts: longer, standIn: true });
  } catch (e) {
    console.error(
      `  no stand-in for @${longer.join('/')}: training/export.py failed (${(e as Error).message.split('\n')[0]}); those columns stay empty`,
    );
  }
  return out;
}

/** The same model.onnx in the folder layout transformers.js expects (HF config, onnx/model.onnx). */
function transformersJsFolder(dir: string, c: ModelConfig): string {
  const out = mkdtempSync(join(tmpdir(), 'cantor-tjs-'));
  mkdirSync(join(out, 'onnx'));
  symlinkSync(join(dir, 'model.onnx'), join(out, 'onnx/model.onnx'));
  const hf = {
    model_type: 'gpt2',
    architectures: ['GPT2LMHeadModel'],
    n_layer: c.n_layer,
    n_head: c.n_head,
    n_embd: c.n_embd,
    n_positions: c.n_ctx,
    n_ctx: c.n_ctx,
    vocab_size: c.vocab_size,
    bos_token_id: 2,
    eos_token_id: 2,
    pad_token_id: 0,
  };
  writeFileSync(join(out, 'config.json'), JSON.stringify(hf));
  writeFileSync(
    join(out, 'generation_config.json'),
    JSON.stringify({ bos_token_id: 2, eos_token_id: 2, pad_token_id: 0 }),
  );
  return out;
}

async function nodeReference(
  t: Target,
  variant: string,
  threads: number,
  fig: EngineFigures,
): Promise<ContextTiming[]> {
  const session = await createNodeSession(new Uint8Array(readFileSync(join(t.dir, variant))), variant, threads);
  const dec = new KvDecoder(session, modelShape(t.config), 1);
  fig.nodeCache = dec.mode;
  const out = [];
  for (const ctx of t.contexts) out.push(await atContext(dec, ctx, STEPS));
  dec.dispose();
  await session.release();
  return out;
}

/** backend, variant, batch, WASM threads (undefined: the app's default), steps, time a 4-bar compose, cache mode. */
type Run = ['wasm' | 'webgpu', string, number, number | undefined, number, boolean, CacheMode?];
type B = { bench: { callWith: typeof import('./generate-harness/main').callWith } };

function runList(): Run[] {
  // WebGPU here is SwiftShader (a CPU emulation, far slower than WASM): a few steps, first round only.
  // The 'present' row is the same file with present.* fed back (the transformers.js way), to show what the own cache saves.
  return [
    ['wasm', 'model.onnx', 1, THREADS, STEPS, true],
    ['wasm', 'model.onnx', 1, 1, STEPS, true],
    ['wasm', 'model_int8.onnx', 1, THREADS, STEPS, true],
    ['wasm', 'model_int8.onnx', 1, 1, STEPS, true],
    ['wasm', 'model.onnx', 1, 1, STEPS, false, 'present'],
    ['wasm', 'model_q4.onnx', 1, 1, STEPS, false],
    ['wasm', 'model.onnx', 4, 1, STEPS, false],
    ['webgpu', 'model.onnx', 1, undefined, quick ? 2 : 4, false],
    ['webgpu', 'model_q4.onnx', 1, undefined, quick ? 2 : 4, false],
  ];
}

async function browserRuns(page: Page, t: Target, round: number, fig: EngineFigures): Promise<void> {
  const files = Object.keys(t.config.files);
  for (const [backend, variant, batch, threads, steps, bars, cache] of runList()) {
    if (!files.includes(variant) || (backend === 'webgpu' && round > 0)) continue;
    // SwiftShader takes seconds a token and minutes to prefill 2048: --quick keeps to the first context,
    // a full run gives the q4 file only that one.
    const gpuShort = backend === 'webgpu' && (quick || variant !== 'model.onnx');
    if (gpuShort && t.standIn) continue;
    const ctxs = gpuShort ? t.contexts.slice(0, 1) : t.contexts;
    const key = `${backend} ${variant} ${batch} ${threads ?? ''} ${cache ?? ''}`;
    try {
      const r = await page.evaluate(
        ([n, b, v, k, s, c, f, m, url]) =>
          (window as unknown as B).bench.callWith(n, 'benchBackend', url, b, v, k, s, c, f, m),
        [threads, backend, variant, batch, steps, ctxs, bars && !t.standIn, cache, `/models/${t.mount}/`] as const,
      );
      const old = fig.results.get(key);
      if (old?.fourBars && (!r.fourBars || old.fourBars.ms < r.fourBars.ms)) r.fourBars = old.fourBars;
      const loadMs = t.standIn ? (old?.loadMs ?? r.loadMs) : Math.min(r.loadMs, old?.loadMs ?? Infinity);
      fig.results.set(key, { ...r, loadMs, contexts: mergeBest(old?.contexts, r.contexts, (x) => x.p50) });
    } catch (e) {
      console.error(`  ${key} @${ctxs.join('/')} failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  const noCache = await page.evaluate(
    ([c, s, url]) => (window as unknown as B).bench.callWith(1, 'benchNoCache', url, 'model.onnx', c, s),
    [t.contexts, 2, `/models/${t.mount}/`] as const,
  );
  fig.noCache = mergeBest(fig.noCache, noCache, (x) => x.msPerToken);
  for (const threads of [THREADS, 1]) {
    try {
      const tjs = await page.evaluate(
        ([id, c, n, k]) => (window as unknown as B).bench.callWith(k, 'benchTransformersJs', id, '/ort-tjs/', c, n, k),
        [`tjs-${t.mount}`, t.contexts, quick ? 8 : 16, threads] as const,
      );
      fig.tjs[threads] = mergeBest(fig.tjs[threads], tjs, (x) => x.msPerToken);
    } catch (e) {
      console.error(
        `  transformers.js (${threads} threads) @${t.contexts.join('/')} failed: ${(e as Error).message.split('\n')[0]}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const dir = modelDir();
  const config = readConfig(dir);
  console.log(
    `model ${config.name}: ${config.n_layer} layers, ${config.n_embd} wide, ${config.n_head} heads, context ${config.n_ctx} (${dir})`,
  );
  const song = resolve(flag('--song') ?? DEFAULT_SONG);
  const appOpts = { runs: ROUNDS, song: isGm(config) && existsSync(song) ? song : undefined };
  if (appOnly) return appBench(dir, appOpts);
  console.log(
    `${ROUNDS} interleaved rounds, best p50 per context kept; ${STEPS} decode steps per measurement; threads rows: ${THREADS} WASM threads`,
  );

  const all = targets(dir, config);
  const outDir = await buildHarness();
  const tjsOrt = join(ROOT, 'node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist/');
  const models = Object.fromEntries(
    all.flatMap((t) => [
      [t.mount, t.dir],
      [`tjs-${t.mount}`, transformersJsFolder(t.dir, t.config)],
    ]),
  );
  const served = await serve(outDir, models, undefined, {
    'ort-tjs': existsSync(tjsOrt) ? tjsOrt : join(ROOT, 'node_modules/onnxruntime-web/dist/'),
  });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const fig: EngineFigures = { results: new Map<string, BackendResult>(), node: {}, tjs: {}, nodeCache: '—' };
  let app: AppResult | undefined;
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(served.url);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    await page.evaluate(() => (window as unknown as { harness: { bench(): Promise<boolean> } }).harness.bench());
    for (let round = 0; round < ROUNDS; round++) {
      console.error(`round ${round + 1}/${ROUNDS}`);
      for (const t of all) {
        for (const v of ['model.onnx', 'model_int8.onnx'].filter((v) => v in t.config.files))
          for (const n of NODE_THREADS)
            fig.node[nodeKey(v, n)] = mergeBest(
              fig.node[nodeKey(v, n)],
              await nodeReference(t, v, n, fig),
              (x) => x.p50,
            );
        await browserRuns(page, t, round, fig);
      }
    }
    await page.close();
    try {
      app = await benchApp(browser, dir, appOpts);
    } catch (e) {
      console.error(`app benchmark failed: ${(e as Error).message.split('\n')[0]}`); // the engine figures still print
    }
  } finally {
    await browser.close();
    await served.close();
  }
  report(fig, all, CONTEXTS);
  if (app) reportApp(app);
  const json = flag('--json');
  if (json)
    writeFileSync(
      json,
      JSON.stringify(
        {
          model: config.name,
          results: [...fig.results.values()],
          node: fig.node,
          noCache: fig.noCache,
          tjs: fig.tjs,
          app,
        },
        null,
        2,
      ),
    );
}

async function appBench(dir: string, opts: { runs: number; song?: string }): Promise<void> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    reportApp(await benchApp(browser, dir, opts));
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`bench:generate: ${(e as Error).message}`);
  process.exit(1);
});
