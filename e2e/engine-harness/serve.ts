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

export async function buildHarness(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'cantor-engine-harness-'));
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: join(ROOT, 'e2e/engine-harness/index.html') } },
  });
  return outDir;
}

export interface Served {
  url: string;
  /** Files under /models/<name>/ come from models[name]. */
  close(): Promise<void>;
}

export async function serve(outDir: string, models: Record<string, string>): Promise<Served> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const m = /^\/models\/([^/]+)\/(.+)$/.exec(path);
    const base = m ? models[m[1]] : outDir;
    const rel = m ? m[2] : path === '/' ? 'e2e/engine-harness/index.html' : path.slice(1);
    const file = base ? normalize(join(base, rel)) : '';
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!base || !file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, ok)); // all interfaces: localhost may be ::1 or 127.0.0.1
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
