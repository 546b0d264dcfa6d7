// The ONE module that imports onnxruntime-web, in two builds: the WebGPU build for the
// native WebGPU EP, and the plain WASM build for the CPU (SIMD, threads when the page is
// cross-origin isolated). The WebGPU build could run the WASM EP too, but its asyncify'd
// binary decodes about 2x slower on the CPU (bench:generate). Each build fetches its .wasm
// only when its first session is made; Vite bundles both from the app's own origin: no CDN.
import * as ortGpu from 'onnxruntime-web/webgpu';
import * as ortWasm from 'onnxruntime-web/wasm';
import { wrapSession, type EngineSession } from './engineSession';

export interface WebCaps {
  /** A WebGPU adapter exists. */
  webgpu: boolean;
  /** The adapter is a software fallback (SwiftShader): WebGPU emulated on the CPU. */
  fallbackAdapter: boolean;
  /** The adapter can run fp16 shaders (needed for fp16 model files). */
  shaderF16: boolean;
  /** WASM threads ORT will use (1 unless cross-origin isolated). */
  threads: number;
}

interface GpuLike {
  requestAdapter(): Promise<{ features: { has(f: string): boolean }; info?: { isFallbackAdapter?: boolean } } | null>;
}

let configured = false;
let threadsWanted: number | undefined;

/**
 * WASM threads for this worker's sessions instead of the default (benchmarks); ORT reads the
 * count once, when its first session starts, so this must come before it.
 */
export function setWasmThreads(n: number): void {
  if (configured) throw new Error('setWasmThreads: ORT is already configured in this worker');
  threadsWanted = n;
}

/** Global ORT settings of both builds; must run before the first session. */
function configure(): void {
  if (configured) return;
  configured = true;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  // Half the cores (at most 4), like ORT's own default: the page, audio and the OS keep the rest,
  // and on a busy 2-core machine a second spinning thread costs more than it gives.
  const threads = isolated
    ? (threadsWanted ?? Math.max(1, Math.min(4, Math.floor((navigator.hardwareConcurrency || 1) / 2))))
    : 1;
  for (const ort of [ortGpu, ortWasm]) {
    ort.env.wasm.numThreads = threads;
    ort.env.logLevel = 'error';
  }
}

export async function probeCaps(): Promise<WebCaps> {
  configure();
  const gpu = (navigator as { gpu?: GpuLike }).gpu;
  let adapter = null;
  try {
    adapter = gpu ? await gpu.requestAdapter() : null;
  } catch {
    adapter = null;
  }
  return {
    webgpu: adapter !== null,
    fallbackAdapter: adapter?.info?.isFallbackAdapter === true,
    shaderF16: adapter?.features.has('shader-f16') ?? false,
    threads: ortWasm.env.wasm.numThreads ?? 1,
  };
}

/** The WASM threads ORT really runs with: after the first session it has lowered the count to 1 where it cannot thread. */
export function wasmThreads(): number {
  return ortWasm.env.wasm.numThreads ?? 1;
}

/**
 * A session on one backend. On WebGPU, present.* stay GPU buffers between steps (fed back as
 * past_key_values); only logits come back to the CPU.
 */
export async function createWebSession(
  bytes: Uint8Array,
  backend: 'webgpu' | 'wasm',
  variant: string,
  nLayer: number,
): Promise<EngineSession> {
  configure();
  const ort = backend === 'webgpu' ? ortGpu : ortWasm;
  const options: ortGpu.InferenceSession.SessionOptions = {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
  };
  if (backend === 'webgpu') {
    const location: Record<string, ortGpu.Tensor.DataLocation> = { logits: 'cpu' };
    for (let i = 0; i < nLayer; i++) location[`present.${i}.key`] = location[`present.${i}.value`] = 'gpu-buffer';
    options.preferredOutputLocation = location;
  }
  // Tensors must come from the build that runs the session.
  const session = await ort.InferenceSession.create(bytes, options);
  return wrapSession(session, ort.Tensor, backend, variant);
}
