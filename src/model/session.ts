// The ONE module that imports onnxruntime-web. The WebGPU build carries both
// execution providers: 'webgpu' (native WebGPU EP) and 'wasm' (CPU, SIMD, threads
// when the page is cross-origin isolated). Its .wasm file is bundled by Vite and
// served from the app's own origin: no CDN.
import * as ort from 'onnxruntime-web/webgpu';
import { wrapSession, type EngineSession } from './engineSession';

export interface WebCaps {
  /** A WebGPU adapter exists. */
  webgpu: boolean;
  /** The adapter can run fp16 shaders (needed for fp16 model files). */
  shaderF16: boolean;
  /** WASM threads ORT will use (1 unless cross-origin isolated). */
  threads: number;
}

interface GpuLike {
  requestAdapter(): Promise<{ features: { has(f: string): boolean } } | null>;
}

let configured = false;

/** Global ORT settings; must run before the first session. */
function configure(): void {
  if (configured) return;
  configured = true;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  // Half the cores (at most 4), like ORT's own default: the page, audio and the OS keep the rest,
  // and on a busy 2-core machine a second spinning thread costs more than it gives.
  ort.env.wasm.numThreads = isolated ? Math.max(1, Math.min(4, Math.floor((navigator.hardwareConcurrency || 1) / 2))) : 1;
  ort.env.logLevel = 'error';
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
  return { webgpu: adapter !== null, shaderF16: adapter?.features.has('shader-f16') ?? false, threads: ort.env.wasm.numThreads ?? 1 };
}

/**
 * A session on one backend. On WebGPU, present.* stay GPU buffers between steps (fed back as
 * past_key_values); only logits come back to the CPU.
 */
export async function createWebSession(bytes: Uint8Array, backend: 'webgpu' | 'wasm', variant: string, nLayer: number): Promise<EngineSession> {
  configure();
  const options: ort.InferenceSession.SessionOptions = { executionProviders: [backend], graphOptimizationLevel: 'all' };
  if (backend === 'webgpu') {
    const location: Record<string, ort.Tensor.DataLocation> = { logits: 'cpu' };
    for (let i = 0; i < nLayer; i++) location[`present.${i}.key`] = location[`present.${i}.value`] = 'gpu-buffer';
    options.preferredOutputLocation = location;
  }
  const session = await ort.InferenceSession.create(bytes, options);
  return wrapSession(session, ort.Tensor, backend, variant);
}
