// Loading a model in the browser: files (checked, cached), the backend (WebGPU
// first, WASM second, chosen by capability and a short timing probe, or by the
// user), and the model variant that suits that backend.
import type { EngineSession } from './engineSession';
import type { Engine } from './generate';
import { KvDecoder } from './kvDecoder';
import { modelShape, readMeta, readModelFile, variantsFor, type ModelConfig, type ModelFileInfo } from './modelConfig';
import { EngineError, type Backend, type BackendChoice, type ModelInfo, type ProgressEvent } from './protocol';
import { createWebSession, probeCaps, type WebCaps } from './session';
import { httpSource } from './sourceHttp';

export interface LoadedEngine {
  engine: Engine;
  info: ModelInfo;
}

/** Decode steps timed per backend when both can run; the faster one is kept. */
const PROBE_STEPS = 8;

export async function loadWebEngine(
  modelUrl: string,
  choice: BackendChoice,
  onProgress: (p: ProgressEvent) => void = () => undefined,
  /** A model file to run instead of the backend's best (benchmarks, experiments). */
  variant?: string,
): Promise<LoadedEngine> {
  let files: Record<string, ModelFileInfo> = {};
  const src = httpSource(modelUrl, () => files);
  onProgress({ type: 'progress', phase: 'init', loaded: 0, total: 3 });
  const { config, tokenizer } = await readMeta(src);
  files = config.files;
  const caps = await probeCaps();
  if (choice === 'webgpu' && !caps.webgpu)
    throw new EngineError('backend', 'WebGPU is not available in this browser (no GPU adapter); choose WASM');
  // 'auto' skips a software adapter (SwiftShader): WebGPU emulated on the CPU runs ~100x slower
  // than WASM (bench:generate), so probing it would only cost a download and seconds of load.
  const gpuWorthIt = caps.webgpu && !caps.fallbackAdapter;
  const wanted: ('webgpu' | 'wasm')[] = choice === 'auto' ? (gpuWorthIt ? ['webgpu', 'wasm'] : ['wasm']) : [choice];

  const sessions: EngineSession[] = [];
  const failures: string[] = [];
  for (const backend of wanted) {
    const file = variant ?? variantsFor(config, backend, caps.shaderF16)[0];
    if (!file) {
      failures.push(`the model has no file for ${backend}`);
      continue;
    }
    const bytes = await readModelFile(src, config, file, (loaded, total) =>
      onProgress({ type: 'progress', phase: 'download', loaded, total }),
    );
    onProgress({ type: 'progress', phase: 'init', loaded: 1, total: 3 });
    try {
      sessions.push(await createWebSession(bytes, backend, file, config.n_layer));
    } catch (e) {
      failures.push(`${backend}: ${(e as Error).message}`);
    }
  }
  if (sessions.length === 0)
    throw new EngineError('backend', `no backend could run ${config.name}: ${failures.join('; ')}`);
  onProgress({ type: 'progress', phase: 'init', loaded: 2, total: 3 });

  const probe: Partial<Record<Backend, number>> = {};
  let session = sessions[0];
  if (sessions.length > 1) {
    for (const s of sessions) probe[s.backend] = await probeMsPerToken(s, config);
    session = sessions.reduce((best, s) => (probe[s.backend]! < probe[best.backend]! ? s : best));
    await Promise.all(sessions.filter((s) => s !== session).map((s) => s.release()));
  }
  onProgress({ type: 'progress', phase: 'init', loaded: 3, total: 3 });
  return { engine: { session, config, tokenizer }, info: modelInfo(config, session, caps, probe) };
}

function modelInfo(
  config: ModelConfig,
  session: EngineSession,
  caps: WebCaps,
  probe: Partial<Record<Backend, number>>,
): ModelInfo {
  return {
    name: config.name,
    backend: session.backend,
    variant: session.variant,
    instruments: config.instruments,
    fill: config.fill,
    nCtx: config.n_ctx,
    config,
    runtime: {
      threads: caps.threads,
      shaderF16: caps.shaderF16,
      fallbackAdapter: caps.fallbackAdapter,
      probeMsPerToken: probe,
    },
  };
}

/** Median ms per decode step after a short prompt: the timing that decides 'auto'. */
async function probeMsPerToken(session: EngineSession, config: ModelConfig): Promise<number> {
  const dec = new KvDecoder(session, modelShape(config), 1);
  try {
    await dec.feed(Array.from({ length: 16 }, (_, i) => 2 + (i % 8)));
    const times: number[] = [];
    for (let i = 0; i < PROBE_STEPS; i++) {
      const t0 = performance.now();
      await dec.feedRows([[5]]);
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[times.length >> 1];
  } finally {
    dec.dispose();
  }
}
