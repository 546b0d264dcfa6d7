// Builds the engine harness page with the app's Vite config and serves it, plus model
// folders, from http://localhost with the app's cross-origin isolation headers.
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../..');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
};

/** Builds a harness page (a path relative to the repo) into a temporary folder; returns the folder. */
export async function buildHarness(page = 'e2e/engine-harness/index.html'): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'cantor-harness-'));
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: join(ROOT, page) } },
  });
  return outDir;
}

export interface Served {
  /** The harness page. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built harness: `page` at /, files under /models/<name>/ from models[name], and any
 * other /<prefix>/ from extra[prefix].
 */
export async function serve(
  outDir: string,
  models: Record<string, string>,
  page = 'e2e/engine-harness/index.html',
  extra: Record<string, string> = {},
): Promise<Served> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const m = /^\/([^/]+)\/(?:([^/]+)\/)?(.+)$/.exec(path);
    const model = m?.[1] === 'models' && m[2] ? models[m[2]] : undefined;
    const mount = m && !model ? extra[m[1]] : undefined;
    const base = model ?? mount ?? outDir;
    const rel = model ? m![3] : mount ? path.slice(m![1].length + 2) : path === '/' ? page : path.slice(1);
    const file = base ? normalize(join(base, rel)) : '';
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!base || !file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, ok)); // all interfaces: localhost may be ::1 or 127.0.0.1
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
