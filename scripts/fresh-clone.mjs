// Proves the README's first command on a fresh checkout: clones this repository's committed HEAD into a
// temporary folder, runs `npm install` and `npm run dev` there with none of this shell's npm or project
// variables, checks that the dev server serves the page, its entry module and every bundled model file
// (bytes and sha256 as models/<name>/config.json lists them) and that no CUDA binary was fetched, then stops
// the server and deletes the folder. Usage: npm run test:fresh [-- --keep] [-- --cold-cache]
//   --keep        leave the clone in place (its path is printed)
//   --cold-cache  give npm an empty cache, as on a machine that never installed these packages
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const INSTALL_TIMEOUT_MS = 15 * 60_000; // a cold cache on a slow line
const SERVER_TIMEOUT_MS = 2 * 60_000;
const REQUEST_TIMEOUT_MS = 60_000;
const args = new Set(process.argv.slice(2));

const started = Date.now();
const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (line) => console.log(`fresh-clone: ${line}`);

class StepError extends Error {}

/** The environment of a new shell: what `npm run` adds (npm_*, node_modules/.bin on PATH) and the install flags removed. */
function cleanEnv() {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !/^npm_/i.test(k) && !/^ONNXRUNTIME_NODE_INSTALL/.test(k) && !['INIT_CWD', 'NODE', 'CHROMIUM_PATH'].includes(k),
    ),
  );
  env.PATH = (env.PATH ?? '')
    .split(delimiter)
    .filter((p) => !p.includes('node_modules/.bin') && !p.includes('node-gyp-bin'))
    .join(delimiter);
  return env;
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Runs `cmd` in its own process group, keeping the last lines of its output for the error message. */
function launch(cmd, cmdArgs, opts) {
  const child = spawn(cmd, cmdArgs, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const keep = (chunk) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 30));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
  return { child, tail, exited };
}

/** Ends the whole process group (npm, sh and vite) and waits until none of it is left. */
async function stop(proc) {
  const alive = () => {
    try {
      process.kill(-proc.child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const [signal, waitMs] of [
    ['SIGTERM', 10_000],
    ['SIGKILL', 5_000],
  ]) {
    if (!alive()) return;
    process.kill(-proc.child.pid, signal);
    for (const t0 = Date.now(); alive() && Date.now() - t0 < waitMs;) await new Promise((r) => setTimeout(r, 100));
  }
}

async function run(label, cmd, cmdArgs, opts, timeoutMs) {
  const t0 = Date.now();
  const proc = launch(cmd, cmdArgs, opts);
  const timer = setTimeout(() => void stop(proc), timeoutMs);
  const { code, signal } = await proc.exited;
  clearTimeout(timer);
  if (code !== 0) {
    const why = signal ? `timed out after ${timeoutMs / 1000} s` : `exit code ${code}`;
    throw new StepError(`${label} failed (${why}); its last lines:\n${proc.tail.join('\n')}`);
  }
  log(`${label}: ok (${seconds(t0)})`);
  return proc.tail;
}

async function get(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!res.ok) throw new StepError(`GET ${url} answered ${res.status}`);
  return res;
}

async function waitForServer(url, server) {
  const t0 = Date.now();
  let exit;
  server.exited.then((e) => (exit = e));
  while (Date.now() - t0 < SERVER_TIMEOUT_MS) {
    if (exit)
      throw new StepError(
        `npm run dev exited (code ${exit.code}) before serving; its last lines:\n${server.tail.join('\n')}`,
      );
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      log(`npm run dev: serving ${url} (${seconds(t0)})`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new StepError(
    `npm run dev did not serve ${url} within ${SERVER_TIMEOUT_MS / 1000} s; its last lines:\n${server.tail.join('\n')}`,
  );
}

async function checkPage(base) {
  const t0 = Date.now();
  const html = await (await get(base)).text();
  if (!html.includes('<div id="root">'))
    throw new StepError(`GET ${base} is not the app's page:\n${html.slice(0, 300)}`);
  // The app's own entry, not the /@vite/client script the dev server adds.
  const entry = [...html.matchAll(/<script type="module" src="([^"]+)"/g)]
    .map((m) => m[1])
    .find((src) => !src.startsWith('/@'));
  if (!entry) throw new StepError(`the page names no module script:\n${html.slice(0, 300)}`);
  const res = await get(base + entry.replace(/^\//, ''));
  if (!/javascript/.test(res.headers.get('content-type') ?? '')) throw new StepError(`GET ${entry} is not JavaScript`);
  const isolated = res.headers.get('cross-origin-embedder-policy') === 'require-corp';
  if (!isolated) throw new StepError('the dev server does not send COOP/COEP (WASM threads need them)');
  // Its imports too: React and the store come from Vite's pre-bundled dependencies, which need esbuild/rolldown.
  const imports = [...(await res.text()).matchAll(/\bimport\s+(?:[\w*{}\s,$]+\s+from\s+)?["']([^"']+)["']/g)].map(
    (m) => m[1],
  );
  if (!imports.length) throw new StepError(`${entry} as served imports nothing: not the app's entry?`);
  for (const url of imports) await get(new URL(url, base + entry.replace(/^\//, '')).href);
  log(`page, ${entry} and its ${imports.length} imports, COOP/COEP: ok (${seconds(t0)})`);
}

async function checkModels(base) {
  const t0 = Date.now();
  const { models } = await (await get(`${base}models/index.json`)).json();
  if (!models.length) throw new StepError('models/index.json lists no model');
  let bytes = 0;
  for (const { name } of models) {
    const config = await (await get(`${base}models/${name}/config.json`)).json();
    for (const [file, want] of Object.entries(config.files ?? {})) {
      const body = Buffer.from(await (await get(`${base}models/${name}/${file}`)).arrayBuffer());
      const sha = createHash('sha256').update(body).digest('hex');
      if (body.length !== want.bytes || sha !== want.sha256)
        throw new StepError(
          `models/${name}/${file}: served ${body.length} bytes, sha256 ${sha}; config.json says ${want.bytes}, ${want.sha256}`,
        );
      if (body[0] !== 0x08)
        throw new StepError(`models/${name}/${file} does not start as an ONNX model (ir_version field)`);
      bytes += body.length;
    }
  }
  const names = models.map((m) => m.name).join(', ');
  log(
    `models ${names}: every file served whole, sha256 as config.json says (${(bytes / 1e6).toFixed(1)} MB, ${seconds(t0)})`,
  );
}

function checkNoCuda(dir) {
  const bin = join(dir, 'node_modules/onnxruntime-node/bin/napi-v6', `${process.platform}/${process.arch}`);
  const cuda = join(bin, 'libonnxruntime_providers_cuda.so');
  if (existsSync(cuda)) throw new StepError(`npm install fetched CUDA binaries (${cuda})`);
  log('no CUDA binary in node_modules/onnxruntime-node: ok');
}

async function main() {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  if (dirty) log('note: uncommitted changes are not part of the test (it clones the committed HEAD)');
  const tmp = (state.tmp = mkdtempSync(join(tmpdir(), 'cantor-fresh-')));
  const dir = join(tmp, 'cantor');
  const env = cleanEnv();
  try {
    let t0 = Date.now();
    execFileSync('git', ['clone', '--quiet', '--no-checkout', ROOT, dir]);
    execFileSync('git', ['-C', dir, 'checkout', '--quiet', '--detach', head]);
    log(`cloned ${head.slice(0, 10)} into ${dir} (${seconds(t0)})`);
    const cache = args.has('--cold-cache') ? ['--cache', join(tmp, 'npm-cache')] : [];
    const lines = await run('npm install', 'npm', ['install', ...cache], { cwd: dir, env }, INSTALL_TIMEOUT_MS);
    const added = lines.find((l) => /added \d+ packages/.test(l));
    if (added) log(`  ${added.trim()}`);
    checkNoCuda(dir);
    const port = await freePort();
    t0 = Date.now();
    // The README's `npm run dev`, on a free port so that a dev server already running on 5173 does not answer.
    const server = (state.server = launch('npm', ['run', 'dev', '--', '--port', String(port), '--strictPort'], {
      cwd: dir,
      env,
    }));
    const base = `http://localhost:${port}/`;
    await waitForServer(base, server);
    await checkPage(base);
    await checkModels(base);
    log(`passed in ${seconds(started)}`);
  } finally {
    await cleanUp();
  }
}

/** What to undo on success, failure or Ctrl-C: the dev server (its whole process group) and the temporary folder. */
const state = { server: undefined, tmp: undefined };

async function cleanUp() {
  const { server, tmp } = state;
  state.server = state.tmp = undefined;
  if (server) await stop(server);
  if (tmp && args.has('--keep')) log(`kept ${tmp}`);
  else if (tmp) rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
}

process.on('SIGINT', () => cleanUp().then(() => process.exit(130)));
main().catch((e) => {
  console.error(`fresh-clone: FAILED: ${e instanceof StepError ? e.message : e.stack}`);
  process.exit(1);
});
