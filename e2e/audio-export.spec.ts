// Download audio in the app: the WAV is read back here (e2e/wavFile.ts) and measured. A piece
// whose four tracks each play in a bar of their own (drums bar 1, bass bar 3, piano bar 5,
// lead bar 7, silent bars between) shows per bar window which tracks made sound.
import { expect, test, type Page } from '@playwright/test';
import midiPkg from '@tonejs/midi';
import { readFileSync } from 'node:fs';
import { ensureBandModel, gmTarget, openApp, removeBandModel, uploadBytes } from './helpers';
import { readWav, rmsDb, type Wav } from './wavFile';

const { Midi } = midiPkg;
const BAR = 1920; // ticks of a 4/4 bar at 480 PPQ
const BAR_SECONDS = 2; // at 120 BPM
/** The release tail the export adds after the last note (src/audio/renderPlan.ts RELEASE_TAIL). */
const TAIL = 2;
const LOUD = -45; // dBFS: a bar where a track plays
const SILENT = -90; // dBFS: nothing but rounding noise

/**
 * Drums, bass, piano and lead; each plays four quarter notes in the bars (from 0) `barsOf` gives it,
 * at velocity `velocityOf(track, bar)`.
 */
function bandFile(barsOf: (track: number) => number[], velocityOf = (_track: number, _bar: number) => 100): Buffer {
  const midi = new Midi();
  midi.header.setTempo(120);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: [4, 4] });
  midi.header.update();
  const tracks: [string, number, number, (q: number) => number][] = [
    ['Drums', 9, 0, (q) => (q % 2 ? 38 : 36)],
    ['Bass', 1, 33, (q) => 33 + q * 2],
    ['Piano', 0, 0, (q) => 60 + q * 4],
    ['Lead', 2, 80, (q) => 76 + q],
  ];
  tracks.forEach(([name, channel, program, pitch], i) => {
    const t = midi.addTrack();
    t.name = name;
    t.channel = channel;
    t.instrument.number = program;
    for (const bar of barsOf(i)) {
      for (const q of [0, 1, 2, 3])
        t.addNote({
          midi: pitch(q),
          ticks: bar * BAR + q * 480,
          durationTicks: 450,
          velocity: velocityOf(i, bar) / 127,
        });
    }
  });
  return Buffer.from(midi.toArray());
}

/** Track i in bar 2i only: drums bar 1, bass bar 3, piano bar 5, lead bar 7, silent bars between. */
const oneBarEach = () => bandFile((i) => [2 * i]);
/** The piece ends at the last lead note's end: bar 7, beat 4, 450 ticks long. */
const PIECE_SECONDS = ((6 * BAR + 3 * 480 + 450) / 480) * 0.5;

async function openWithBars(page: Page, file = oneBarEach()): Promise<void> {
  await openApp(page);
  await uploadBytes(page, 'bars.mid', file);
  await expect(page.getByRole('status')).toContainText(`Model ${gmTarget()}`, { timeout: 60_000 });
  await expect(page.locator('.notice')).toContainText('bars.mid');
}

async function downloadAudio(page: Page): Promise<{ name: string; wav: Wav }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Download audio', exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), wav: readWav(readFileSync(await download.path())) };
}

/** Level of each `BAR_SECONDS` window of the left + right channels, loudest of the two. */
function barLevels(wav: Wav, bars: number): number[] {
  const [l, r] = [wav.channel(0), wav.channel(1)];
  return Array.from({ length: bars }, (_, b) =>
    Math.max(...[l, r].map((c) => rmsDb(c, wav.sampleRate, b * BAR_SECONDS, (b + 1) * BAR_SECONDS))),
  );
}

test.beforeAll(() => ensureBandModel());
test.afterAll(() => removeBandModel());

test('Download audio: a 44.1 kHz 16-bit stereo WAV as long as the piece plus the tail; each track sounds in its bar, a muted one not', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await openWithBars(page);
  await page.getByRole('button', { name: 'Mute Piano', exact: true }).click();

  const { name, wav } = await downloadAudio(page);
  expect(name).toBe('bars.wav');
  expect({ format: wav.format, channels: wav.channels, sampleRate: wav.sampleRate, bits: wav.bits }).toEqual({
    format: 1,
    channels: 2,
    sampleRate: 44100,
    bits: 16,
  });
  expect(Math.abs(wav.frames / 44100 - (PIECE_SECONDS + TAIL))).toBeLessThan(1 / 44100 + 1e-9);

  const levels = barLevels(wav, 7);
  console.log(`audio export: bar levels (dBFS) ${levels.map((l) => l.toFixed(1)).join(', ')}`);
  const [drums, , bass, , piano, , lead] = levels;
  expect(drums).toBeGreaterThan(LOUD);
  expect(bass).toBeGreaterThan(LOUD);
  expect(lead).toBeGreaterThan(LOUD);
  expect(piano, 'the muted piano bar').toBeLessThan(SILENT);
  await expect(page.locator('.notice')).toContainText('Saved bars.wav');
  await expect(page.getByRole('alert')).toBeEmpty();
  await page.screenshot({ path: 'test-results/audio-export-done.png' });

  // Unmuted, the piano's bar sounds too (same file otherwise).
  await page.getByRole('button', { name: 'Mute Piano', exact: true }).click();
  const again = await downloadAudio(page);
  expect(barLevels(again.wav, 7)[4], 'the piano bar, unmuted').toBeGreaterThan(LOUD);
  expect(errors).toEqual([]);
});

test('with Loop on, the file is one pass of the loop range at the chosen tempo, plus the tail', async ({ page }) => {
  await openWithBars(page);
  await page.getByLabel('Loop').check();
  await page.getByLabel('to', { exact: true }).fill('5');
  await page.getByLabel('from bar').fill('3');
  await page.getByRole('button', { name: 'Solo Bass', exact: true }).click();
  await page.getByLabel('Tempo', { exact: true }).focus();
  await page.keyboard.press('End'); // 200%: 240 BPM, a bar lasts 1 s
  await expect(page.locator('.tempo-value')).toContainText('200%');

  const { name, wav } = await downloadAudio(page);
  expect(name).toBe('bars-loop.wav');
  // Bars 3..5 at 240 BPM: 3 s, then the tail.
  expect(Math.abs(wav.frames / 44100 - (3 + TAIL))).toBeLessThan(1 / 44100 + 1e-9);
  const left = wav.channel(0);
  const level = (from: number, to: number) => rmsDb(left, 44100, from, to);
  expect(level(0, 1), 'bar 3: the soloed bass').toBeGreaterThan(LOUD);
  // The bass's release (at most 1.5 s after its last note ends, near 1 s) is over by 2.5 s.
  expect(level(2.5, 3), 'bar 5: the piano, not soloed').toBeLessThan(SILENT);
});

test('velocities carry into the file: the same bass bar at velocity 40 is about 12 dB below velocity 100', async ({
  page,
}) => {
  // The bass in bar 1 at velocity 100 and bar 3 at 40 (the release of bar 1 is over by bar 3); the
  // other tracks in bar 6, so the piece still reads as a band.
  await openWithBars(
    page,
    bandFile(
      (i) => (i === 1 ? [0, 2] : [5]),
      (_, bar) => (bar === 2 ? 40 : 100),
    ),
  );
  const { wav } = await downloadAudio(page);
  const [loud, , soft] = barLevels(wav, 3);
  // The velocity curve (src/audio/patch.ts velocityGain): (v / 127) ** 1.5, so 30 log10(40 / 100) = -11.9 dB.
  expect(soft - loud).toBeGreaterThan(-11.9 - 2);
  expect(soft - loud).toBeLessThan(-11.9 + 2);
});

test('Cancel stops an export mid-render: a progress bar while it runs, no download after', async ({ page }) => {
  // Every track in each of 160 bars (320 s of music): long enough to catch the render under way.
  await openWithBars(
    page,
    bandFile(() => Array.from({ length: 160 }, (_, b) => b)),
  );
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByRole('button', { name: 'Download audio', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Audio export progress' });
  await expect(progress).toBeVisible();
  await expect
    .poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 })
    .toBeGreaterThan(0.05);
  await expect(page.getByRole('button', { name: 'Download audio', exact: true })).toBeDisabled();
  await page.screenshot({ path: 'test-results/audio-export-progress.png' });
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();

  await expect(page.locator('.notice')).toContainText('Audio export cancelled: nothing was saved.');
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Download audio', exact: true })).toBeEnabled();
  await page.waitForTimeout(3000); // longer than the rest of the render would take at the rate seen
  expect(downloads).toEqual([]);
});

test('a SoundFont that fails to load gives a clear alert and no file', async ({ page }) => {
  await page.route(/\.sf3/, (route) => route.abort());
  await openWithBars(page);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByRole('button', { name: 'Download audio', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(/Audio export failed: .*the drum kit.* could not be loaded/, {
    timeout: 60_000,
  });
  await expect(page.getByRole('button', { name: 'Download audio', exact: true })).toBeEnabled();
  expect(downloads).toEqual([]);
});

test('a SoundFont that never arrives: the export waits on "Loading sounds…", and Cancel ends it', async ({ page }) => {
  await page.route(/\.sf3/, () => undefined); // never answered
  await openWithBars(page);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByRole('button', { name: 'Download audio', exact: true }).click();
  await expect(page.locator('.audio-export')).toContainText('Loading sounds…');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.locator('.notice')).toContainText('Audio export cancelled');
  await expect(page.getByRole('button', { name: 'Download audio', exact: true })).toBeEnabled();
  expect(downloads).toEqual([]);
});
