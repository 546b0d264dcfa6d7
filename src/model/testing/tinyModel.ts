// Test fixture: a random tiny model folder made by the training pipeline's own exporter,
// cached per version of export.py so a test run pays for it once.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../../..');

export function tinyModelDir(): string {
  const exporter = join(REPO, 'training/export.py');
  const key = createHash('sha256').update(readFileSync(exporter)).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `cantor-tiny-model-${key}`);
  if (existsSync(join(dir, 'config.json'))) return dir;
  // Export beside the cache and rename, so parallel test files never see half a folder.
  const scratch = `${dir}.${process.pid}`;
  execFileSync('python3', [exporter, '--random-tiny', '--out', scratch], { cwd: REPO, stdio: 'ignore' });
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another process won the race
  }
  return dir;
}
