// Screenshots for issue 18 §2 ("the screen, with real band music"), before and after, at two window sizes:
//   npx vite build && npx vite preview --port 4305 &   then
//   npx tsx e2e/shots/issue18.ts http://localhost:4305 <before|after> docs/screenshots/issue-18
// A real 15-track song (freedoom's E1M1) is uploaded and continued on the bundled band model, and a
// made-up song with three piano tracks shows the track colours. Each PNG is palette-quantised to stay small.
import midiPkg from '@tonejs/midi';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launch, shot } from './shotKit';

const [base = 'http://localhost:4305', label = 'after', outDir = 'docs/screenshots/issue-18'] = process.argv.slice(2);
const SONG = '/work/shared/datasets/freedoom/midi/d_e1m1.mid';
const SIZES = [
  [1400, 900],
  [1024, 700],
] as const;

/** Three pianos (Acoustic Grand, Bright, Honky-tonk), an electric piano, bass and drums: four bars of chords. */
function pianoSong(): Buffer {
  const midi = new midiPkg.Midi();
  midi.header.setTempo(120);
  const parts: [string, number, number][] = [
    ['Acoustic Grand Piano', 0, 72],
    ['Bright Acoustic Piano', 1, 67],
    ['Honky-tonk Piano', 3, 64],
    ['Electric Piano 1', 4, 60],
    ['Electric Bass (finger)', 33, 40],
  ];
  parts.forEach(([name, program, root], i) => {
    const t = midi.addTrack();
    t.name = name;
    t.channel = i;
    t.instrument.number = program;
    for (let beat = 0; beat < 16; beat++)
      t.addNote({ midi: root + ((beat * (i + 2)) % 7), ticks: beat * 480, durationTicks: 400, velocity: 0.7 });
  });
  const drums = midi.addTrack();
  drums.name = 'Drums';
  drums.channel = 9;
  for (let beat = 0; beat < 16; beat++)
    drums.addNote({ midi: beat % 2 ? 38 : 36, ticks: beat * 480, durationTicks: 120, velocity: 0.8 });
  return Buffer.from(midi.toArray());
}

async function upload(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByLabel('Upload MIDI').setInputFiles({ name, mimeType: 'audio/midi', buffer: bytes });
  await page.locator('.notice').filter({ hasText: name }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const browser = await launch();
  try {
    for (const [width, height] of SIZES) {
      const page = await browser.newPage({ viewport: { width, height } });
      const at = `${label}-${width}x${height}`;
      await page.goto(`${base}/?model=band&backend=wasm`);
      await page.getByRole('status').filter({ hasText: 'Model band' }).waitFor({ timeout: 60_000 });
      await page.getByLabel('Preset').selectOption({ label: 'Rock band: drums, bass, guitar, keys, lead' });
      await page.waitForTimeout(300);
      await shot(page, outDir, `preset-${at}`);
      await upload(page, 'd_e1m1.mid', readFileSync(SONG));
      await shot(page, outDir, `upload-${at}`);
      await page.getByLabel('Bars', { exact: true }).selectOption('4');
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      await page.locator('.notice').filter({ hasText: 'Continued' }).waitFor({ timeout: 120_000 });
      await page.waitForTimeout(500);
      await shot(page, outDir, `continue-${at}`);
      const more = page.getByRole('button', { name: 'Show all' });
      if (await more.count()) {
        await more.click();
        await shot(page, outDir, `continue-expanded-${at}`);
        await page.getByRole('button', { name: 'Show less' }).click();
      }
      await upload(page, 'three-pianos.mid', pianoSong());
      await shot(page, outDir, `colours-${at}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
