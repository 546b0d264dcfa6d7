import { expect, test, type Page } from '@playwright/test';
import midiPkg from '@tonejs/midi';
import {
  generate,
  makeMidi,
  openApp,
  roll,
  rollSummary,
  setBars,
  twoBarChorale,
  uploadBytes,
  type TestNote,
} from './helpers';
import { inView, rollLabel, rollView } from './rollHelpers';

const LABEL = /^\d+ tracks?, \d+ bars?, \d+ notes?; in view: bars \d+–\d+, [A-G]#?-?\d+–[A-G]#?-?\d+$/;

/** `bars` bars of the two-bar chorale, repeated. */
function choraleBars(bars: number): TestNote[][] {
  return twoBarChorale().map((voice) =>
    Array.from({ length: bars / 2 }, (_, k) => voice.map((n) => ({ ...n, ticks: n.ticks + k * 3840 }))).flat(),
  );
}

async function shoot(
  page: Page,
  name: string,
  sizes: [number, number][] = [
    [1400, 900],
    [1024, 700],
  ],
): Promise<void> {
  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await rollView(page);
    await page.screenshot({ path: test.info().outputPath(`${name}-${w}x${h}.png`) });
    await page.screenshot({ path: `test-results/roll/${name}-${w}x${h}.png` });
  }
}

test('after a 16-bar Compose the roll shows bars 1–16 and every note, and says so', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page);
  await setBars(page, 16);
  await generate(page, 'Compose');
  const { bars, tracks } = await rollSummary(page);
  expect(tracks).toBe(4);
  expect(bars).toBeGreaterThan(12);
  await expect.poll(() => rollLabel(page)).toMatch(LABEL);
  const view = await inView(page);
  expect([view.first, view.last]).toEqual([1, bars]);
  await shoot(page, 'composed-piece');
  // Still fitted after the window shrinks.
  expect(await inView(page)).toMatchObject({ first: 1, last: bars });
});

test('an upload is fitted in time and pitch; Continue shows the last original bars and the new ones', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page);
  const voices = choraleBars(8);
  await uploadBytes(page, 'eight.mid', makeMidi({ bpm: 96, meter: [4, 4], voices }));
  await expect.poll(() => rollSummary(page)).toMatchObject({ bars: 8, notes: 128 });
  const fitted = await inView(page);
  expect([fitted.first, fitted.last]).toEqual([1, 8]);
  const pitches = voices.flat().map((n) => n.pitch);
  expect(fitted.low).toBeLessThanOrEqual(Math.min(...pitches));
  expect(fitted.high).toBeGreaterThanOrEqual(Math.max(...pitches));

  await setBars(page, 4);
  await generate(page, 'Continue');
  const { bars } = await rollSummary(page);
  expect(bars).toBeGreaterThan(8);
  // The last four bars of the original (5-8) and the continuation after them.
  await expect.poll(async () => [(await inView(page)).first, (await inView(page)).last]).toEqual([5, bars]);
  await shoot(page, 'continued-upload');
});

test('opening the Tokens panel keeps the roll usable and every voice in view', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openApp(page);
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 96, meter: [4, 4], voices: twoBarChorale() }));
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(32);
  await page.getByText('Tokens', { exact: true }).click();
  await expect(page.getByLabel('mmmtrack tokens')).toContainText('PIECE_START');
  await rollView(page);
  const box = (await roll(page).boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(300);
  const view = await inView(page);
  expect(view.high).toBeGreaterThanOrEqual(76);
  expect(view.low).toBeLessThanOrEqual(43);
});

test('zoom, scroll and Fit (button and F key); rows never go past MIDI 0..127', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page);
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 96, meter: [4, 4], voices: choraleBars(8) }));
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(128);
  const canvas = roll(page);
  await canvas.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('=');
  await page.keyboard.press('Alt+=');
  await expect.poll(async () => (await inView(page)).last).toBeLessThan(5);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await inView(page)).first).toBeGreaterThan(1);
  await page.keyboard.press('f');
  await expect.poll(async () => [(await inView(page)).first, (await inView(page)).last]).toEqual([1, 8]);

  // However far it is scrolled or zoomed out, the rows stay within C-1..G9.
  await page.getByRole('button', { name: 'Shorter rows' }).click();
  for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Shorter rows' }).click();
  for (let i = 0; i < 40; i++) await page.keyboard.press('Shift+ArrowDown');
  const bottom = await inView(page);
  expect(bottom.low).toBe(0);
  expect((await rollView(page)).topPitch).toBeLessThanOrEqual(127);
  for (let i = 0; i < 40; i++) await page.keyboard.press('Shift+ArrowUp');
  expect((await inView(page)).high).toBe(127);
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(async () => (await inView(page)).last).toBe(8);
});

test('while playing, the view follows the playhead', async ({ page }) => {
  await openApp(page);
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 240, meter: [4, 4], voices: choraleBars(8) }));
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(128);
  await roll(page).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('=');
  await expect.poll(async () => (await inView(page)).first).toBe(1);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => (await inView(page)).first, { timeout: 20_000 }).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('a mid-song 2/4 bar is a short bar in the ruler, the label, the position and the loop', async ({ page }) => {
  await openApp(page);
  // 4/4, 4/4, 2/4, 4/4, 4/4: bar 4 starts at beat 10, not 12.
  const midi = new midiPkg.Midi();
  midi.header.setTempo(120);
  midi.header.timeSignatures.push(
    { ticks: 0, timeSignature: [4, 4] },
    { ticks: 3840, timeSignature: [2, 4] },
    { ticks: 4800, timeSignature: [4, 4] },
  );
  midi.header.update();
  const t = midi.addTrack();
  for (let beat = 0; beat < 18; beat++)
    t.addNote({ midi: 60 + (beat % 5), ticks: beat * 480, durationTicks: 440, velocity: 0.7 });
  await uploadBytes(page, 'meter.mid', Buffer.from(midi.toArray()));
  await expect.poll(() => rollSummary(page)).toMatchObject({ bars: 5, notes: 18 });
  expect(await inView(page)).toMatchObject({ first: 1, last: 5 });

  // Click the ruler in bar 4: the playhead goes to its real start.
  const v = await rollView(page);
  const x = (tick: number) => v.keysWidth + (tick - v.scrollTick) * v.pxPerTick;
  await roll(page).click({ position: { x: x(4800) + 10, y: 8 } });
  await expect(page.getByLabel('Position')).toHaveText('bar 4 beat 1');
  await expect(page.getByLabel('Position')).toHaveAttribute('data-tick', '4800');
  // Shift-click bar 3 (the 2/4 bar): loop bars 3-4, from its start to the end of bar 4.
  await roll(page).click({ position: { x: x(4000), y: 8 }, modifiers: ['Shift'] });
  await expect(page.getByLabel('from bar')).toHaveValue('3');
  await expect(page.getByLabel('to', { exact: true })).toHaveValue('4');
});

test('a piece restored on reload is fitted like a new one', async ({ page }) => {
  await openApp(page);
  await setBars(page, 8);
  await generate(page, 'Compose');
  const { bars } = await rollSummary(page);
  await expect(page.locator('.save-state')).toHaveAttribute('data-save', 'saved', { timeout: 10_000 });
  await page.reload();
  await expect.poll(async () => (await rollSummary(page)).bars, { timeout: 60_000 }).toBe(bars);
  await expect.poll(async () => [(await inView(page)).first, (await inView(page)).last]).toEqual([1, bars]);
});
