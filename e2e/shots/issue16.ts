// Screenshots for issue 16 (band model v2): a composed rock band and a continued held-out song, on the bundled
// band model at 1400x900:
//   npx vite build && npx vite preview --port 4306 &   then
//   npx tsx e2e/shots/issue16.ts http://localhost:4306 docs/screenshots/issue-16 [datasets-dir]
// The song is Freedoom's E1M4, one of the band corpus's held-out test songs (never trained on).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, shot } from './shotKit';

const [base = 'http://localhost:4306', outDir = 'docs/screenshots/issue-16', datasets = '../shared/datasets'] =
  process.argv.slice(2);
const SONG = join(datasets, 'freedoom/midi/d_e1m4.mid');

/** Press a generation button and wait until the run has ended (Stop disabled, the button enabled again). */
async function generate(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByRole('button', { name: 'Stop', exact: true }).waitFor({ state: 'visible' });
  await page.waitForFunction(
    (n) => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === n);
      const stop = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Stop');
      return b && !(b as HTMLButtonElement).disabled && (!stop || (stop as HTMLButtonElement).disabled);
    },
    name,
    { timeout: 300_000 },
  );
  await page.waitForTimeout(500);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${base}/?model=band&backend=wasm`);
    await page.getByRole('status').filter({ hasText: 'Model band' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Preset').selectOption({ label: 'Rock band: drums, bass, guitar, keys, lead' });
    await page.getByLabel('Bars', { exact: true }).selectOption('8');
    await page.getByLabel('Seed', { exact: true }).fill('7');
    await generate(page, 'Compose');
    await shot(page, outDir, 'compose-rock-band-1400x900');

    await page
      .getByLabel('Upload MIDI')
      .setInputFiles({ name: 'd_e1m4.mid', mimeType: 'audio/midi', buffer: readFileSync(SONG) });
    await page.locator('.notice').filter({ hasText: 'd_e1m4.mid' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Bars', { exact: true }).selectOption('8');
    await generate(page, 'Continue');
    await shot(page, outDir, 'continue-freedoom-e1m4-1400x900');
    await page.close();
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
