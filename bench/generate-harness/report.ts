// bench:generate's engine tables: ms/token per backend, file, threads and context, the
// reference runtimes beside them, and where a WASM step's time goes (inside session.run:
// the heap copy of the fed cache vs. the kernels; outside it: readback, sampling, the rest).
import type { ModelConfig } from '../../src/model/modelConfig';
import type { BackendResult } from './benchWorker';
import type { ContextTiming } from './timing';

/** A model folder and the contexts measured on it (a stand-in: a random model for contexts past the real one's n_ctx). */
export interface Target {
  mount: string;
  dir: string;
  config: ModelConfig;
  contexts: number[];
  standIn: boolean;
}

export type PerToken = { context: number; msPerToken: number; loadMs?: number };

export interface EngineFigures {
  results: Map<string, BackendResult>;
  node: Record<string, ContextTiming[]>;
  noCache?: PerToken[];
  /** transformers.js per WASM thread count. */
  tjs: Record<number, PerToken[]>;
  nodeCache: string;
}

/** onnxruntime-node runs: 2 threads (the machine's cores) and 1. */
export const NODE_THREADS = [2, 1];
export const nodeKey = (variant: string, threads: number) => `${variant}|${threads}`;

/** Union per context, keeping the lower figure: the machine is shared, and noise only ever adds time. */
export function mergeBest<T extends { context: number }>(a: T[] | undefined, b: T[], by: (x: T) => number): T[] {
  const out = new Map((a ?? []).map((x) => [x.context, x]));
  for (const x of b) {
    const old = out.get(x.context);
    if (!old || by(x) < by(old)) out.set(x.context, x);
  }
  return [...out.values()].sort((x, y) => x.context - y.context);
}

const f = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));
/** ms per token: two decimals below 10 ms, where one would hide differences that matter. */
const ms = (x: number | undefined) => f(x, x !== undefined && x < 10 ? 2 : 1);
const at = <T extends { context: number }>(xs: T[] | undefined, c: number) => xs?.find((x) => x.context === c);

function backendName(r: BackendResult): string {
  if (r.backend !== 'webgpu') return r.backend === 'wasm' ? 'WASM' : r.backend;
  return /swiftshader/i.test(r.adapter ?? '')
    ? 'WebGPU (SwiftShader: CPU emulation)'
    : `WebGPU (${r.adapter ?? 'adapter unknown'})`;
}

export function report(fig: EngineFigures, targets: Target[], contexts: number[]): void {
  const standIn = targets.find((t) => t.standIn);
  const mark = (c: number) => (standIn?.contexts.includes(c) ? '†' : '');
  const cols = contexts.map((c) => `@${c}${mark(c)}`);
  console.log(
    `\n| backend | variant | batch | threads | cache | load ms | prefill ms ${cols.join('/')} | ${cols.map((c) => `ms/step p50 (p90) ${c}`).join(' | ')} | 4 bars in the engine |`,
  );
  console.log(`|---|---|---|---|---|---|---|${contexts.map(() => '---|').join('')}---|`);
  for (const r of fig.results.values()) {
    const bars = r.fourBars ? `${f(r.fourBars.ms, 0)} ms (${r.fourBars.tracks} tracks, ${r.fourBars.tokens} tok)` : '—';
    const threads = r.backend === 'wasm' ? `${r.threads}${r.isolated ? '' : ' (not isolated)'}` : '—';
    const steps = contexts.map((c) => `${ms(at(r.contexts, c)?.p50)} (${ms(at(r.contexts, c)?.p90)})`);
    console.log(
      `| ${backendName(r)} | ${r.variant} | ${r.batch} | ${threads} | ${r.cache} | ${f(r.loadMs, 0)} | ${contexts.map((c) => f(at(r.contexts, c)?.prefillMs, 0)).join(' / ')} | ${steps.join(' | ')} | ${bars} |`,
    );
  }
  for (const [key, t] of Object.entries(fig.node)) {
    const [v, threads] = key.split('|');
    const steps = contexts.map((c) => `${ms(at(t, c)?.p50)} (${ms(at(t, c)?.p90)})`);
    console.log(
      `| onnxruntime-node | ${v} | 1 | ${threads} | ${fig.nodeCache} | — | ${contexts.map((c) => f(at(t, c)?.prefillMs, 0)).join(' / ')} | ${steps.join(' | ')} | — |`,
    );
  }
  for (const [threads, t] of Object.entries(fig.tjs))
    console.log(
      `| transformers.js generate() | model.onnx | 1 | ${threads} | present | ${f(t[0]?.loadMs, 0)} | — | ${contexts.map((c) => ms(at(t, c)?.msPerToken)).join(' | ')} | — |`,
    );
  if (fig.noCache)
    console.log(
      `| no-cache loop (WASM) | model.onnx | 1 | 1 | none | — | — | ${contexts.map((c) => ms(at(fig.noCache, c)?.msPerToken)).join(' | ')} | — |`,
    );
  if (standIn)
    console.log(
      `† a random model of the same shape (${standIn.config.n_layer}x${standIn.config.n_head}x${standIn.config.n_embd}, vocab ${standIn.config.vocab_size}) with context ${standIn.config.n_ctx}: the real one's n_ctx is ${targets[0].config.n_ctx}`,
    );
  breakdown(fig, contexts);
  ratios(fig, contexts);
}

/** Where a WASM step goes, per context, for the batch-1 own-cache rows. */
function breakdown(fig: EngineFigures, contexts: number[]): void {
  const rows = [...fig.results.values()].filter(
    (r) => r.backend === 'wasm' && r.batch === 1 && r.cache === 'own' && r.variant !== 'model_q4.onnx',
  );
  if (rows.length === 0) return;
  console.log(
    '\nwhere a WASM decode step goes (mean ms per step; "heap copy" = copying the fed KV cache once, what ORT-web does on every run):',
  );
  console.log(
    '| variant | threads | context | step | session.run | of it heap copy | of it kernels + graph | logits read | sampling | outside run | onnxruntime-node run (1 thread, no copy) |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    for (const c of contexts) {
      const t = at(r.contexts, c);
      if (!t) continue;
      const copy = t.copyMs ?? 0;
      const outside = t.meanMs - t.runMs - t.readMs - t.sampleMs;
      const node = at(fig.node[nodeKey(r.variant, 1)], c)?.runMs;
      console.log(
        `| ${r.variant} | ${r.threads} | ${c} | ${ms(t.meanMs)} | ${ms(t.runMs)} | ${ms(copy)} | ${ms(t.runMs - copy)} | ${f(t.readMs, 2)} | ${f(t.sampleMs, 2)} | ${f(outside, 2)} | ${ms(node)} |`,
      );
    }
}

function ratios(fig: EngineFigures, contexts: number[]): void {
  const ours = (variant: string, threads: number) =>
    [...fig.results.values()].find(
      (r) =>
        r.backend === 'wasm' && r.variant === variant && r.batch === 1 && r.cache === 'own' && r.threads === threads,
    );
  const threadCounts = [
    ...new Set([...fig.results.values()].filter((r) => r.backend === 'wasm').map((r) => r.threads)),
  ].sort((a, b) => b - a);
  console.log('\nratios (WASM, batch 1, p50 ms/token):');
  for (const c of contexts) {
    for (const v of ['model.onnx', 'model_int8.onnx']) {
      const one = at(ours(v, 1)?.contexts, c)?.p50;
      const many = threadCounts.filter((n) => n > 1).map((n) => [n, at(ours(v, n)?.contexts, c)?.p50] as const);
      for (const [n, m] of many) if (one && m) console.log(`  @${c} ${v}: ${n} threads / 1 thread = ${f(m / one, 2)}×`);
      const [n2, n1] = NODE_THREADS.map((n) => at(fig.node[nodeKey(v, n)], c)?.p50);
      if (one && n2 && n1)
        console.log(
          `  @${c} ${v}: WASM (1 thread) / onnxruntime-node = ${f(one / n2, 2)}× vs 2 threads, ${f(one / n1, 2)}× vs 1 thread`,
        );
    }
    const fp32 = at(ours('model.onnx', 1)?.contexts, c)?.p50;
    const int8 = at(ours('model_int8.onnx', 1)?.contexts, c)?.p50;
    if (fp32 && int8) console.log(`  @${c} int8 / fp32 (1 thread): ${f(int8 / fp32, 2)}×`);
    const fedBack = at(
      [...fig.results.values()].find((r) => r.backend === 'wasm' && r.cache === 'present' && r.batch === 1)?.contexts,
      c,
    )?.p50;
    if (fp32 && fedBack) console.log(`  @${c} model.onnx: present fed back / own cache = ${f(fedBack / fp32, 2)}×`);
    const tjs = at(fig.tjs[1], c)?.msPerToken;
    if (fp32 && tjs) console.log(`  @${c} transformers.js / ours (fp32, 1 thread): ${f(tjs / fp32, 2)}×`);
    const nc = at(fig.noCache, c)?.msPerToken;
    if (fp32 && nc) console.log(`  @${c} no-cache loop / ours (fp32): ${f(nc / fp32, 1)}×`);
  }
  const bars = [...fig.results.values()]
    .filter((r) => r.fourBars)
    .map(
      (r) =>
        `${r.variant} ${r.threads}t ${f(r.fourBars!.ms, 0)} ms (${f(r.fourBars!.ms / r.fourBars!.tokens, 2)} ms/token)`,
    );
  if (bars.length) console.log(`  4 bars in the engine (no UI), WASM: ${bars.join(', ')}`);
  const app =
    [...fig.results.values()].find((r) => r.fourBars && r.threads === 1 && r.variant === 'model_int8.onnx') ??
    [...fig.results.values()].find((r) => r.fourBars);
  if (app?.fourBars) {
    const { tokens, tracks, ms: took } = app.fourBars;
    console.log(
      `  budget: ${tracks} tracks × 4 bars took ${tokens} tokens here, so < 5 s needs ≤ ${f(5000 / tokens, 2)} ms a token on average (measured ${f(took / tokens, 2)} with ${app.variant}, ${app.threads} thread${app.threads > 1 ? 's' : ''})`,
    );
  }
}
