// Model folder over HTTP, with the Cache API so a second visit loads offline.
// config.json and tokenizer.json: network first (a new model replaces them), cache
// when offline. ONNX files: cache first, keyed by their sha256 from config.json, so a
// changed model never reads stale bytes; stored only once their checksum passed.
import { EngineError } from './protocol';
import type { ModelSource } from './modelConfig';

const CACHE = 'cantor-models-v1';

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(CACHE);
  } catch {
    return null; // opaque origins and some private modes have no Cache API
  }
}

async function fetchOk(url: string, name: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-cache' });
  } catch {
    throw new EngineError('model-missing', `${name} could not be downloaded from ${url} (offline, and not cached yet)`);
  }
  if (!res.ok) throw new EngineError('model-missing', `${name} is missing: HTTP ${res.status} from ${url}`);
  return res;
}

/** Reads a body to the end, reporting bytes as they arrive. */
async function readAll(
  res: Response,
  total: number,
  onProgress?: (loaded: number, total: number) => void,
): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress?.(loaded, Math.max(total, loaded));
  }
  const out = new Uint8Array(loaded);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/**
 * `expected` maps file names to their sha256 and size (from config.json), once known;
 * those files are served from the cache when present.
 */
export function httpSource(
  baseUrl: string,
  expected: () => Record<string, { sha256: string; bytes: number }>,
): ModelSource {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, globalThis.location?.href).href;
  const url = (name: string) => new URL(name, base).href;
  return {
    async text(name) {
      const cache = await openCache();
      try {
        const res = await fetchOk(url(name), name);
        const text = await res.text();
        await cache?.put(url(name), new Response(text));
        return text;
      } catch (e) {
        const hit = await cache?.match(url(name));
        if (hit) return hit.text();
        throw e;
      }
    },
    async bytes(name, onProgress) {
      const info = expected()[name];
      const key = info ? `${url(name)}?sha256=${info.sha256}` : url(name);
      const cache = await openCache();
      const hit = await cache?.match(key);
      if (hit) {
        const b = new Uint8Array(await hit.arrayBuffer());
        onProgress?.(b.length, b.length);
        return b;
      }
      const res = await fetchOk(url(name), name);
      const total = Number(res.headers.get('content-length')) || info?.bytes || 0;
      return readAll(res, total, onProgress);
    },
    async keep(name, bytes) {
      const info = expected()[name];
      if (!info) return;
      await (
        await openCache()
      )
        ?.put(`${url(name)}?sha256=${info.sha256}`, new Response(bytes.slice().buffer))
        .catch(() => undefined);
    },
    async forget(name) {
      const info = expected()[name];
      return info ? ((await (await openCache())?.delete(`${url(name)}?sha256=${info.sha256}`)) ?? false) : false;
    },
  };
}
