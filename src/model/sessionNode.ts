// The ONE module that imports onnxruntime-node (the CLI and Node tests).
import * as ort from 'onnxruntime-node';
import { wrapSession, type EngineSession } from './engineSession';

export async function createNodeSession(bytes: Uint8Array, variant: string, threads = 0): Promise<EngineSession> {
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
  });
  return wrapSession(session, ort.Tensor, 'cpu', variant);
}
