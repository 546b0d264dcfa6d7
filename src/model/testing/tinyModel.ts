// Test fixtures: random model folders made by the training pipeline's own exporter,
// cached per version of the exporters so a test run pays for each once.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../../..');
const EXPORT = join(REPO, 'training/export.py');
const SHAPED = join(REPO, 'src/model/testing/export_shaped.py');
const ONNX_IO = join(REPO, 'training/onnx_io.py');
const CONTROLS_ENCODING = join(REPO, 'src/model/testing/controls-encoding.json');

function cached(name: string, sources: string[], args: string[]): string {
  const hash = createHash('sha256');
  for (const s of sources) hash.update(readFileSync(s));
  hash.update(args.join(' '));
  const dir = join(tmpdir(), `cantor-${name}-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(join(dir, 'config.json'))) return dir;
  // Export beside the cache and rename, so parallel test files never see half a folder.
  const scratch = `${dir}.${process.pid}`;
  execFileSync('python3', [...args, '--out', scratch], { cwd: REPO, stdio: 'ignore' });
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another process won the race
  }
  return dir;
}

/** `training/export.py --random-tiny`: 2 layers, 32 wide, a 128-token context. */
export function tinyModelDir(): string {
  return cached('random-tiny', [EXPORT, ONNX_IO], [EXPORT, '--random-tiny']);
}

/** `--random-tiny` with a GM encoding whose tracks have DENSITY, POLYPHONY and DURATION (the controls vocabulary, 431 tokens). */
export function controlsModelDir(): string {
  return cached(
    'random-controls',
    [EXPORT, ONNX_IO, CONTROLS_ENCODING],
    [EXPORT, '--random-tiny', '--encoding', CONTROLS_ENCODING],
  );
}

/** `--random-tiny` with the controls encoding less POLYPHONY and DURATION: a GM model from before the controls (421 tokens, DENSITY only). */
export function densityOnlyModelDir(): string {
  const encoding = JSON.parse(readFileSync(CONTROLS_ENCODING, 'utf8')) as Record<string, unknown>;
  delete encoding.polyphony;
  delete encoding.duration;
  // One path for every test process (the cache key holds the arguments); written beside it and renamed, so no
  // process reads half a file.
  const file = join(tmpdir(), 'cantor-density-encoding.json');
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(encoding));
  renameSync(`${file}.${process.pid}`, file);
  return cached('random-density', [EXPORT, ONNX_IO, file], [EXPORT, '--random-tiny', '--encoding', file]);
}

/** A random 2-layer, 64-wide model with a 512-token context: room for 4-bar windows of a few tracks. */
export function smallModelDir(): string {
  const shape = ['--n_layer', '2', '--n_head', '2', '--n_embd', '64', '--n_ctx', '512'];
  return cached('random-ctx512', [EXPORT, ONNX_IO, SHAPED], [SHAPED, ...shape]);
}

/** A random model of the seed's shape (6 layers, 512 wide, 8 heads, context 1024), for bench:generate. */
export function seedShapeModelDir(): string {
  const shape = ['--n_layer', '6', '--n_head', '8', '--n_embd', '512', '--n_ctx', '1024'];
  return cached('random-6x512', [EXPORT, ONNX_IO, SHAPED], [SHAPED, ...shape]);
}

/**
 * A random model of a real model's width and depth at a longer context, for bench:generate's
 * ms/token past the real model's n_ctx (speed depends on the shape, not on the weights).
 * `gm`: the band encoding's vocabulary (GM programs + DRUMS), else the chorale one.
 */
export function longContextModelDir(
  shape: { n_layer: number; n_head: number; n_embd: number },
  nCtx: number,
  gm: boolean,
): string {
  const args = [
    '--n_layer',
    String(shape.n_layer),
    '--n_head',
    String(shape.n_head),
    '--n_embd',
    String(shape.n_embd),
    '--n_ctx',
    String(nCtx),
  ];
  if (gm) args.push('--encoding', 'band');
  return cached(
    `random-${shape.n_layer}x${shape.n_embd}-ctx${nCtx}${gm ? '-gm' : ''}`,
    [EXPORT, ONNX_IO, SHAPED],
    [SHAPED, ...args],
  );
}
