// Model configs and infos for tests, normalised as parseConfig normalises a config.json.
import { modelEncoding, type ModelConfig } from '../modelConfig';
import type { ModelInfo } from '../protocol';

export interface TestConfig {
  name?: string;
  instruments?: string[];
  nCtx?: number;
  fill?: boolean;
  /** config.json's raw `encoding` (defaults: 4-bar windows, no header tokens after INST). */
  encoding?: Record<string, unknown>;
}

/** A config of a model no test runs (the shape is 1x1x1): what jobs and the store read from it. */
export function testConfig(t: TestConfig = {}): ModelConfig {
  return {
    name: t.name ?? 'test',
    n_layer: 1,
    n_head: 1,
    n_embd: 1,
    n_ctx: t.nCtx ?? 1024,
    vocab_size: 1,
    vocab_hash: '',
    files: {},
    instruments: t.instruments ?? [],
    fill: t.fill ?? true,
    encoding: modelEncoding(t.encoding ?? { bars: 4 }),
  };
}

/** The ModelInfo a worker reports for such a model, on WASM. */
export function testInfo(t: TestConfig = {}): ModelInfo {
  const config = testConfig(t);
  const { name, instruments, fill, n_ctx: nCtx } = config;
  return { name, backend: 'wasm', variant: 'model.onnx', instruments, fill, nCtx, config };
}
