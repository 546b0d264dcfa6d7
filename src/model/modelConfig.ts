// config.json of a model folder (docs/FORMATS.md), its checks against
// tokenizer.json and the ONNX files, and which file each backend runs.
import { CONTROL_KINDS, headerEdges, type ControlKind, type HeaderConfig, type HeaderEdges } from '../music/controls';
import { parseTokenizerJson, vocabHash, type Tokenizer } from '../music/tokenizer';
import { sha256Hex } from '../music/sha256';
import { EngineError, type Backend } from './protocol';
import type { ModelShape } from './kvDecoder';

export interface ModelFileInfo {
  sha256: string;
  bytes: number;
  dtype: string;
  backends: string[];
}

/** Bars per training window when config.json does not say (every shipped encoding has 4). */
export const DEFAULT_WINDOW_BARS = 4;

/** config.json's `encoding` (the encoding.json the model was trained on), normalised: defaults applied here once. */
export interface ModelEncoding {
  /** Bars per training window: DENSITY bins note counts over that many bars, and the engine's window. */
  bars: number;
  /** Bars between training windows (`cantor encode --model` cuts a file the same way). */
  hop: number;
  /** The most tracks a training window held (the track budget), or null when there is none. */
  maxTracks: number | null;
  /** The named parts of the vocabulary, in order (the chorales' SATB); empty for a GM model. */
  parts: string[];
  /** The header tokens the tracks have (DENSITY, POLYPHONY, DURATION) and their edges; absent when off. */
  edges: HeaderEdges;
  /** The control tokens after DENSITY in every track header, in header order. */
  controls: ControlKind[];
}

export interface ModelConfig {
  name: string;
  n_layer: number;
  n_head: number;
  n_embd: number;
  n_ctx: number;
  vocab_size: number;
  vocab_hash: string;
  files: Record<string, ModelFileInfo>;
  /** INST values the model was trained on ('0'..'127', 'DRUMS', part names), without the 'INST=' prefix. */
  instruments: string[];
  fill: boolean;
  encoding: ModelEncoding;
}

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/** The INST value of an INST token or value: 'INST=33' and '33' are both '33'. */
export const instValue = (v: string): string => (v.startsWith('INST=') ? v.slice(5) : v);

/** config.json's `encoding` as a ModelEncoding; a missing or malformed field takes its default. */
export function modelEncoding(raw: unknown): ModelEncoding {
  const e = (raw && typeof raw === 'object' ? raw : {}) as HeaderConfig & Record<string, unknown>;
  const bars = positiveInt(e.bars) ? e.bars : DEFAULT_WINDOW_BARS;
  const edges = headerEdges(e);
  return {
    bars,
    hop: positiveInt(e.hop) ? e.hop : bars,
    maxTracks: positiveInt(e.maxTracks) ? e.maxTracks : null,
    parts: Array.isArray(e.parts) ? e.parts.filter((p): p is string => typeof p === 'string') : [],
    edges,
    controls: CONTROL_KINDS.filter(
      (k) => (k === 'POLYPHONY' ? edges.polyphonyEdges : edges.durationEdges) !== undefined,
    ),
  };
}

/** Reads the model folder's files: a missing one rejects with model-missing naming it. */
export interface ModelSource {
  text(name: string): Promise<string>;
  bytes(name: string, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array>;
  /** Keep a file that passed its checksum (for offline use). */
  keep?(name: string, bytes: Uint8Array): Promise<void>;
  /** Drop a kept copy; true when there was one (it failed its checksum: fetch again). */
  forget?(name: string): Promise<boolean>;
}

/** config.json, checked and normalised (modelEncoding; INST values without the prefix). */
export function parseConfig(text: string): ModelConfig {
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(text);
  } catch {
    throw new EngineError('model-corrupt', 'config.json is not valid JSON');
  }
  for (const k of ['n_layer', 'n_head', 'n_embd', 'n_ctx', 'vocab_size'] as const)
    if (!positiveInt(c?.[k]))
      throw new EngineError('model-corrupt', `config.json: ${k} is missing or not a positive integer`);
  if (typeof c.vocab_hash !== 'string') throw new EngineError('model-corrupt', 'config.json: vocab_hash is missing');
  if (!c.files || typeof c.files !== 'object' || Object.keys(c.files).length === 0)
    throw new EngineError('model-corrupt', 'config.json: files lists no model file');
  const instruments = Array.isArray(c.instruments)
    ? c.instruments.filter((i): i is string => typeof i === 'string')
    : [];
  return {
    name: typeof c.name === 'string' ? c.name : 'model',
    n_layer: c.n_layer as number,
    n_head: c.n_head as number,
    n_embd: c.n_embd as number,
    n_ctx: c.n_ctx as number,
    vocab_size: c.vocab_size as number,
    vocab_hash: c.vocab_hash,
    files: c.files as Record<string, ModelFileInfo>,
    instruments: instruments.map(instValue),
    fill: !!c.fill,
    encoding: modelEncoding(c.encoding),
  };
}

export function modelShape(c: ModelConfig): ModelShape {
  return { nLayer: c.n_layer, nHead: c.n_head, headDim: c.n_embd / c.n_head, nCtx: c.n_ctx };
}

/** Reads config.json and tokenizer.json and checks that they describe the same vocabulary. */
export async function readMeta(src: ModelSource): Promise<{ config: ModelConfig; tokenizer: Tokenizer }> {
  const config = parseConfig(await src.text('config.json'));
  let tokenizer: Tokenizer;
  try {
    tokenizer = parseTokenizerJson(await src.text('tokenizer.json'));
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw new EngineError('model-corrupt', `tokenizer.json: ${(e as Error).message}`);
  }
  const hash = vocabHash(tokenizer.tokens);
  if (hash !== config.vocab_hash)
    throw new EngineError(
      'vocab-mismatch',
      `tokenizer.json does not match config.json: vocab hash ${hash.slice(0, 12)}… vs ${config.vocab_hash.slice(0, 12)}…`,
    );
  if (tokenizer.tokens.length !== config.vocab_size)
    throw new EngineError(
      'vocab-mismatch',
      `tokenizer.json has ${tokenizer.tokens.length} tokens, config.json says ${config.vocab_size}`,
    );
  return { config, tokenizer };
}

/**
 * Model files a backend can run, best first: no int8 (MatMulInteger) on WebGPU, fp16 only with
 * shader-f16. On WASM int8 comes first: on the plain WASM build it decodes as fast as fp32
 * (bench:generate, 6x512: 7.6 vs 6.9 ms/token at context 256, 20.3 vs 20.9 at 1024) and
 * downloads 4x smaller.
 */
export function variantsFor(c: ModelConfig, backend: Backend, shaderF16 = false): string[] {
  const rank: Record<Backend, string[]> = {
    webgpu: shaderF16 ? ['fp16', 'q4f16', 'fp32', 'q4'] : ['fp32', 'q4'],
    wasm: ['int8', 'fp32'],
    cpu: ['fp32', 'int8'],
  };
  const out: string[] = [];
  for (const dtype of rank[backend])
    for (const [name, f] of Object.entries(c.files))
      if (f.dtype === dtype && (backend === 'cpu' || !f.backends || f.backends.includes(backend))) out.push(name);
  return out;
}

/** Reads one ONNX file and checks its size and sha256 against config.json. */
export async function readModelFile(
  src: ModelSource,
  c: ModelConfig,
  name: string,
  onProgress?: (loaded: number, total: number) => void,
): Promise<Uint8Array> {
  const info = c.files[name];
  if (!info) throw new EngineError('model-missing', `${name} is not listed in config.json`);
  const bytes = await src.bytes(name, onProgress);
  const problem =
    bytes.length !== info.bytes
      ? `${name} is corrupt: ${bytes.length} bytes, config.json says ${info.bytes}`
      : (await sha256Of(bytes)) !== info.sha256
        ? `${name} is corrupt: its sha256 does not match config.json`
        : null;
  if (problem) {
    if (await src.forget?.(name)) return readModelFile({ ...src, forget: undefined }, c, name, onProgress);
    throw new EngineError('model-corrupt', problem);
  }
  await src.keep?.(name, bytes);
  return bytes;
}

/** WebCrypto where there is one (fast, native), the pure-TS hash otherwise. */
async function sha256Of(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return sha256Hex(bytes);
  const d = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}
