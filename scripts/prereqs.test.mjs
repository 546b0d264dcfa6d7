import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { satisfies } from './check-prereqs.mjs';
import { resolveChromium } from './chromium.mjs';

describe('satisfies (the Node engines range and the Python minimum)', () => {
  const range = '^20.19.0 || >=22.12.0';
  it.each([
    ['20.19.0', true],
    ['20.20.2', true],
    ['22.12.0', true],
    ['24.1.0', true],
    ['20.18.3', false],
    ['21.7.0', false],
    ['22.11.0', false],
    ['18.20.0', false],
  ])('Node %s: %s', (v, ok) => expect(satisfies(v, range)).toBe(ok));
  it('compares Python versions by number, not as text', () => {
    expect(satisfies('3.11.7', '>=3.11')).toBe(true);
    expect(satisfies('3.9.18', '>=3.11')).toBe(false);
    expect(satisfies('3.100.0', '>=3.11')).toBe(true);
  });
});

describe('resolveChromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chromium-test-'));
  const own = join(dir, 'playwright-chrome');
  const system = join(dir, 'system-chromium');
  for (const f of [own, system]) {
    writeFileSync(f, '#!/bin/sh\n');
    chmodSync(f, 0o755);
  }
  const missing = join(dir, 'absent');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes CHROMIUM_PATH over both, and says when it does not exist', () => {
    expect(resolveChromium({ env: { CHROMIUM_PATH: system }, playwright: own, system })).toEqual({
      path: system,
      source: 'CHROMIUM_PATH',
      found: true,
    });
    expect(resolveChromium({ env: { CHROMIUM_PATH: missing }, playwright: own, system }).found).toBe(false);
  });
  it("takes Playwright's own Chromium when it is installed", () => {
    expect(resolveChromium({ env: {}, playwright: own, system })).toEqual({
      path: own,
      source: 'Playwright',
      found: true,
    });
  });
  it("falls back to the system's when Playwright's is not installed", () => {
    expect(resolveChromium({ env: {}, playwright: missing, system })).toEqual({
      path: system,
      source: 'system',
      found: true,
    });
    expect(resolveChromium({ env: {}, playwright: undefined, system: missing })).toEqual({
      path: missing,
      source: 'system',
      found: false,
    });
  });
});
