// Runs before the tests: stops at once, one line per missing thing, saying what it is and how to get it,
// instead of a failure deep inside pytest or Playwright. Usage: node scripts/check-prereqs.mjs [python] [chromium]
// (no argument: everything). Node and node_modules are always checked.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveChromium } from './chromium.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const MIN_PYTHON = [3, 11]; // numpy 2.4 and torch 2.11 in training/requirements.txt
const PIP_HINT =
  'python3 -m pip install -r training/requirements.txt, best in a virtual environment (README, Prerequisites)';

/** True when version `v` ("20.19.2") satisfies a range made of `^a.b.c` and `>=a.b.c` alternatives. */
export function satisfies(v, range) {
  const parse = (s) =>
    s
      .replace(/^[^\d]*/, '')
      .split('.')
      .map(Number);
  const cmp = (a, b) => a.reduce((d, x, i) => d || x - (b[i] ?? 0), 0);
  const have = parse(v);
  return range.split('||').some((alt) => {
    const want = parse(alt.trim());
    if (alt.trim().startsWith('^')) return have[0] === want[0] && cmp(have, want) >= 0;
    return cmp(have, want) >= 0;
  });
}

function checkNode() {
  const range = PKG.engines.node;
  if (!satisfies(process.versions.node, range))
    return `Node ${process.versions.node} is too old: Cantor needs Node ${range} (https://nodejs.org, or \`nvm install 22\`).`;
  const deps = Object.keys({ ...PKG.dependencies, ...PKG.devDependencies });
  const missing = deps.filter((d) => !existsSync(join(ROOT, 'node_modules', d, 'package.json')));
  if (missing.length) return `node_modules lacks ${list(missing)}: run \`npm install\`.`;
}

// One Python run reports its version and which pinned distributions are not installed (no import: fast).
const PY_PROBE = `
import importlib.metadata as md, json, re, sys
names = [re.split(r'[<>=!~;\\[ ]', l.split('#')[0].strip())[0] for l in open(sys.argv[1])]
missing = []
for n in filter(None, names):
    try: md.version(n)
    except md.PackageNotFoundError: missing.append(n)
print(json.dumps({"version": list(sys.version_info[:3]), "exe": sys.executable, "missing": missing}))
`;

function checkPython() {
  const run = spawnSync('python3', ['-c', PY_PROBE, join(ROOT, 'training/requirements.txt')], { encoding: 'utf8' });
  if (run.error)
    return `python3 not found: install Python ${MIN_PYTHON.join('.')} or newer (https://www.python.org/downloads/), then ${PIP_HINT}.`;
  if (run.status !== 0) return `python3 failed to start: ${run.stderr.trim().split('\n').pop()}`;
  const probe = JSON.parse(run.stdout);
  if (!satisfies(probe.version.join('.'), `>=${MIN_PYTHON.join('.')}`))
    return `Python ${probe.version.join('.')} (${probe.exe}) is too old: training needs ${MIN_PYTHON.join('.')} or newer.`;
  if (probe.missing.length) return `Python packages missing for ${probe.exe}: ${list(probe.missing)}: run ${PIP_HINT}.`;
}

function checkChromium() {
  const chromium = resolveChromium();
  if (chromium.found) return;
  if (chromium.source === 'CHROMIUM_PATH')
    return `CHROMIUM_PATH=${chromium.path} does not exist: point it at a Chromium executable, or unset it.`;
  return 'No Chromium for the browser tests: run `npx playwright install chromium` (or `apt-get install chromium`), or set CHROMIUM_PATH.';
}

function list(names) {
  return names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ');
}

const CHECKS = { python: checkPython, chromium: checkChromium };

function main(asked) {
  const unknown = asked.filter((a) => !(a in CHECKS));
  if (unknown.length) {
    console.error(`check-prereqs: unknown check ${unknown.join(', ')} (known: ${Object.keys(CHECKS).join(', ')})`);
    return 2;
  }
  const problems = [checkNode(), ...(asked.length ? asked : Object.keys(CHECKS)).map((c) => CHECKS[c]())].filter(
    Boolean,
  );
  for (const p of problems) console.error(`Missing prerequisite: ${p}`);
  return problems.length ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
