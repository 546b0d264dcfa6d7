import { defineConfig, type Connect, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { cpSync, createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { salamanderPiano } from './src/audio/vite-plugin-salamander.ts';

// Cross-origin isolation lets onnxruntime-web use WASM threads (SharedArrayBuffer).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const MODELS_DIR = resolve('models');
const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.md': 'text/markdown',
};

/** What the Model picker lists: one entry per models/<name>/config.json. */
export function listModels(dir: string) {
  if (!existsSync(dir)) return { models: [] };
  const models = readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'config.json')))
    .sort()
    .flatMap((name) => {
      try {
        const c = JSON.parse(readFileSync(join(dir, name, 'config.json'), 'utf8'));
        const instruments: string[] = (c.instruments ?? c.encoding?.instruments ?? []).map((v: string) =>
          v.replace(/^INST=/, ''),
        );
        return [{ name, instruments, fill: Boolean(c.fill), files: Object.keys(c.files ?? {}) }];
      } catch {
        return []; // a broken config.json is reported when that model is loaded, not here
      }
    });
  return { models };
}

/** Serves `dir` under /models/ (index.json generated on each request, so models added later show up). */
function serveModels(dir: string): Connect.NextHandleFunction {
  return (req, res, next) => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    if (!path.startsWith('/models/')) return next();
    for (const [k, v] of Object.entries(isolationHeaders)) res.setHeader(k, v);
    if (path === '/models/index.json') {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Cache-Control', 'no-cache');
      return res.end(JSON.stringify(listModels(dir)));
    }
    const file = resolve(dir, '.' + path.slice('/models'.length));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      return res.end('not found');
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', statSync(file).size);
    createReadStream(file).pipe(res);
  };
}

/** models/ at /models/ in dev and preview, and copied (with index.json) into the build. */
function modelsPlugin(): Plugin {
  let outDir = 'dist';
  return {
    name: 'cantor-models',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(serveModels(MODELS_DIR));
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveModels(join(outDir, 'models')));
    },
    closeBundle() {
      const target = join(outDir, 'models');
      if (existsSync(MODELS_DIR)) cpSync(MODELS_DIR, target, { recursive: true });
      if (existsSync(target)) writeFileSync(join(target, 'index.json'), JSON.stringify(listModels(target)));
    },
  };
}

export default defineConfig({
  plugins: [react(), modelsPlugin(), salamanderPiano()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
});
