// A scripted stand-in for the ONNX model, for engine and store tests that need no Python export:
// the real decode loop (grammar, sampler, passes, KV bookkeeping) runs, and the "model" answers
// every position with the same logits, which favour a few pitches on quarter notes. The grammar
// keeps every piece valid, so the notes land only where a job lets the model write.
import { defaultVocabulary } from '../../music/vocab';
import { makeTokenizer, vocabHash } from '../../music/tokenizer';
import type { EngineSession, Tensor } from '../engineSession';
import type { WorkerLike } from '../client';
import { generate, type Engine } from '../generate';
import { modelEncoding, type ModelConfig } from '../modelConfig';
import type { MainToWorker, ModelInfo, WorkerToMain } from '../protocol';

/** A CPU tensor with just what the decode loop reads (dims, data, location, dispose). */
function tensor(data: Float32Array | BigInt64Array | Uint16Array, dims: number[]): Tensor {
  return {
    data,
    dims,
    location: 'cpu',
    type: data instanceof BigInt64Array ? 'int64' : 'float32',
    dispose() {},
  } as unknown as Tensor;
}

/** Logits for every position: NOTE_ON of a C major triad, quarter-note deltas, NOTE_OFFs; the rest far below. */
function scriptedLogits(tokens: readonly string[]): Float32Array {
  const liked = new Map<string, number>([
    ['NOTE_ON=60', 3],
    ['NOTE_ON=64', 3],
    ['NOTE_ON=67', 3],
    ['TIME_DELTA=4', 4],
    ['BAR_END', 1],
    ['FILL_END', 1],
  ]);
  return Float32Array.from(tokens, (t) => liked.get(t) ?? (t.startsWith('NOTE_OFF=') ? 5 : -4));
}

/** One layer, one head, head size 1, fed its present back as past (no new_key_values outputs). */
export function scriptedSession(tokens: readonly string[]): EngineSession {
  const logits = scriptedLogits(tokens);
  const v = tokens.length;
  return {
    backend: 'cpu',
    variant: 'scripted',
    kvDtype: 'float32',
    inputNames: ['input_ids', 'attention_mask', 'position_ids', 'past_key_values.0.key', 'past_key_values.0.value'],
    outputNames: ['logits', 'present.0.key', 'present.0.value'],
    int64: (data, dims) => tensor(data, dims),
    kv: (data, dims) => tensor(data, dims),
    emptyKv: (batch, heads, headDim) => tensor(new Float32Array(0), [batch, heads, 0, headDim]),
    async run(feeds) {
      const [b, s] = feeds.input_ids.dims as number[];
      const past = (feeds['past_key_values.0.key'].dims as number[])[2];
      const out = new Float32Array(b * s * v);
      for (let i = 0; i < b * s; i++) out.set(logits, i * v);
      const present = () => tensor(new Float32Array(b * (past + s)), [b, 1, past + s, 1]);
      return { logits: tensor(out, [b, s, v]), 'present.0.key': present(), 'present.0.value': present() };
    },
    release: async () => {},
  };
}

/** An engine on the scripted session with the default vocabulary: SATB parts, bar infilling, 4-bar windows. */
export function scriptedEngine(instruments = ['SOPRANO', 'ALTO', 'TENOR', 'BASS'], nCtx = 1024): Engine {
  const tokens = defaultVocabulary();
  const tokenizer = makeTokenizer(tokens);
  const config: ModelConfig = {
    name: 'scripted',
    n_layer: 1,
    n_head: 1,
    n_embd: 1,
    n_ctx: nCtx,
    vocab_size: tokens.length,
    vocab_hash: vocabHash(tokens),
    files: {},
    instruments,
    fill: true,
    encoding: modelEncoding({ bars: 4 }),
  };
  return { session: scriptedSession(tokens), config, tokenizer };
}

/** A worker that runs the real engine in-process on a scripted engine: store tests get real generations. */
export class ScriptedWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent<WorkerToMain>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  private readonly aborted = new Set<number>();

  constructor(private readonly engine: Engine = scriptedEngine()) {}

  private send(msg: WorkerToMain): void {
    setTimeout(() => this.onmessage?.({ data: msg } as MessageEvent<WorkerToMain>), 0);
  }

  postMessage(m: MainToWorker): void {
    if (m.type === 'abort') this.aborted.add(m.id);
    else if (m.type === 'load') this.send({ type: 'loaded', info: this.info() });
    else
      generate(this.engine, m.request, {
        onNotes: (track, notes) => this.send({ type: 'notes', id: m.id, track, notes }),
        aborted: () => this.aborted.has(m.id),
      }).then(
        (res) => this.send({ type: 'done', id: m.id, ...res }),
        (e: Error) => this.send({ type: 'error', id: m.id, code: 'generate', message: e.message }),
      );
  }

  terminate(): void {}

  info(): ModelInfo {
    const c = this.engine.config;
    return {
      name: c.name,
      backend: 'cpu',
      variant: 'scripted',
      instruments: c.instruments,
      fill: c.fill,
      nCtx: c.n_ctx,
      config: c,
    };
  }
}
