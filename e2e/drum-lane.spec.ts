// Drums in their own lane below the pitched roll (issue 18 §2). A band file made here (drums,
// a bass and a guitar low where drum names used to sit, a pad and a trombone): the drum hits are
// drawn in the lane, never on the pitched grid; the lane's accessible name says what it shows; the
// pitched keyboard names pitches only; a hit is added, moved and deleted with the mouse, each one
// undo step; zoom and scroll move the lane and the roll together. Screenshots use a real
// Freedoom song where the data set is on the machine.
import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { GM_KIT_KEYS } from '../src/music/gmDrums';
import { downloadMidi, openApp, roll, rollSummary, uploadBytes, type MidiFile } from './helpers';
import { canvasPixel, drumLane, drumLaneView, multiTrackMidi, rollView } from './rollHelpers';

const FREEDOOM_SONG = '/work/shared/datasets/freedoom/midi/d_e1m1.mid';
const NOTE_NAME = /^[A-G]#?-?\d$/;
const [CRASH, HAT, SNARE, KICK] = [49, 42, 38, 36];

type Notes = [number, number, number][];
const beats = (n: number, keep: (b: number) => boolean) => Array.from({ length: n }, (_, b) => b).filter(keep);
/** Eight bars of 4/4: kick on 1 and 3, snare on 2 and 4, a hat on every beat, a crash on bars 1 and 5. */
const DRUM_HITS: Notes = [
  ...[0, 16].map((b): [number, number, number] => [CRASH, b, 0.5]),
  ...beats(32, () => true).map((b): [number, number, number] => [HAT, b, 0.25]),
  ...beats(32, (b) => b % 2 === 1).map((b): [number, number, number] => [SNARE, b, 0.25]),
  ...beats(32, (b) => b % 2 === 0).map((b): [number, number, number] => [KICK, b, 0.25]),
];
const BAND = [
  {
    name: 'Bass',
    program: 33,
    notes: beats(16, () => true).map((i): [number, number, number] => [[28, 33, 36, 38][i % 4], i * 2, 2]),
  },
  { name: 'Drums', program: 0, drums: true, notes: DRUM_HITS },
  {
    name: 'Guitar',
    program: 29,
    notes: beats(8, () => true).map((i): [number, number, number] => [i % 2 ? 21 : 24, i * 4, 1]),
  },
  {
    name: 'Pad',
    program: 88,
    notes: [0, 16].flatMap((b) => [55, 60, 64].map((p): [number, number, number] => [p, b, 16])),
  },
  {
    name: 'Trombone',
    program: 57,
    notes: beats(8, () => true).map((i): [number, number, number] => [45 + (i % 3) * 2, i * 4 + 2, 2]),
  },
];
const DRUM_TRACK = 1;

/** Page position of a drum hit's diamond (its middle) in the lane. */
async function hitPoint(page: Page, key: number, tick: number): Promise<{ x: number; y: number }> {
  const lv = await drumLaneView(page);
  const box = (await drumLane(page).boundingBox())!;
  const row = lv.rows.indexOf(key) - lv.topRow;
  return {
    x: box.x + lv.keysWidth + (tick - lv.scrollTick) * lv.pxPerTick + Math.max(8, Math.min(14, lv.rowHeight)) / 2,
    y: box.y + (row + 0.5) * lv.rowHeight,
  };
}

/** How many pixels of a canvas region (CSS pixels) have exactly this colour. */
async function pixelsOf(canvas: Locator, colour: string, region: { y0: number; y1: number }): Promise<number> {
  return canvas.evaluate(
    (c, [hex, y0, y1]) => {
      const el = c as HTMLCanvasElement;
      const dpr = el.width / el.getBoundingClientRect().width;
      const top = Math.round(+y0 * dpr);
      const data = el.getContext('2d')!.getImageData(0, top, el.width, Math.round(+y1 * dpr) - top).data;
      const want = [1, 3, 5].map((i) => parseInt(String(hex).slice(i, i + 2), 16));
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (want.every((w, k) => data[i + k] === w)) n++;
      return n;
    },
    [colour, region.y0, region.y1] as const,
  );
}

/** Records every canvas fillText (canvas label, text, x), so a spec can read what a canvas labels its rows with. */
async function watchCanvasText(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __texts: { label: string; text: string; x: number }[] };
    w.__texts = [];
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, max?: number) {
      w.__texts.push({ label: this.canvas.getAttribute('aria-label') ?? '', text, x });
      return max === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, max);
    };
  });
}

/** Texts drawn on a canvas (by the start of its label) in the next frames. */
async function drawnTexts(page: Page, labelStart: RegExp): Promise<{ text: string; x: number }[]> {
  await page.evaluate(() => ((window as unknown as { __texts: unknown[] }).__texts.length = 0));
  // Hovering the roll and leaving it redraws both canvases.
  const box = (await roll(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);
  const texts = await page.evaluate(
    () => (window as unknown as { __texts: { label: string; text: string; x: number }[] }).__texts,
  );
  return texts.filter((t) => labelStart.test(t.label));
}

async function loadBand(page: Page, size = { width: 1400, height: 900 }): Promise<void> {
  await page.setViewportSize(size);
  await openApp(page);
  await uploadBytes(page, 'band.mid', multiTrackMidi(BAND));
  await expect.poll(async () => (await rollSummary(page)).tracks).toBe(BAND.length);
  await expect(drumLane(page)).toBeVisible();
}

const drumNotes = (midi: MidiFile) =>
  midi.tracks
    .filter((t) => t.channel === 9)
    .flatMap((t) => t.notes.map((n) => [n.midi, n.ticks]))
    .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
const has = (notes: number[][], key: number, tick: number) => notes.some(([k, t]) => k === key && t === tick);

test('drum hits are drawn in their own lane, named, never on the pitched grid; the keyboard names pitches', async ({
  page,
}) => {
  await watchCanvasText(page);
  await loadBand(page);
  expect(await drumLane(page).getAttribute('aria-label')).toBe(
    `Drums: 4 sounds, ${DRUM_HITS.length} hits in 8 bars; rows: Crash, Closed hat, Snare, Kick; in view: bars 1–8`,
  );
  expect((await drumLaneView(page)).rows).toEqual([CRASH, HAT, SNARE, KICK]);

  // Every hit is drawn in the lane in the drums' colour; the pitched grid has none of it.
  const colour = (await page.locator('.tracks .swatch').nth(DRUM_TRACK).getAttribute('data-colour'))!;
  await page.mouse.move(5, 5);
  const box = (await drumLane(page).boundingBox())!;
  for (const [key, beat] of [
    [CRASH, 16],
    [HAT, 7],
    [SNARE, 3],
    [KICK, 30],
  ]) {
    const p = await hitPoint(page, key, beat * 480);
    expect(await canvasPixel(drumLane(page), p.x - box.x, p.y - box.y), `key ${key} at beat ${beat}`).toBe(colour);
  }
  const v = await rollView(page);
  const rollBox = (await roll(page).boundingBox())!;
  const laneTop = rollBox.height - 22 - (await roll(page).evaluate((c) => +(c as HTMLElement).dataset.laneHeight!));
  expect(await pixelsOf(drumLane(page), colour, { y0: 0, y1: box.height - 2 })).toBeGreaterThan(500);
  expect(await pixelsOf(roll(page), colour, { y0: 22, y1: laneTop })).toBe(0);

  // The pitched keyboard: note names only, never a drum's; the lane names the drums.
  const keyboard = (await drawnTexts(page, /tracks?, \d+ bars?/)).filter(
    (t) => t.x < v.keysWidth && t.text !== 'Overview',
  );
  expect(keyboard.length).toBeGreaterThan(3);
  for (const t of keyboard) expect(t.text).toMatch(NOTE_NAME);
  const names = (await drawnTexts(page, /^Drums: /)).filter((t) => t.x < v.keysWidth).map((t) => t.text);
  expect(new Set(names)).toEqual(new Set(['Crash', 'Closed hat', 'Snare', 'Kick']));
});

test('a drum hit is added, moved and deleted with the mouse, each one undo step', async ({ page }) => {
  await loadBand(page);
  await drumLane(page).focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press('=');
  const undo = () => page.getByRole('button', { name: 'Undo', exact: true }).click();
  const original = drumNotes(await downloadMidi(page));

  // A click on the snare row at beat 3 (the kick's) adds a snare hit there.
  const at = await hitPoint(page, SNARE, 2 * 480);
  await page.mouse.click(at.x - 3, at.y);
  await expect.poll(async () => drumNotes(await downloadMidi(page)).length).toBe(original.length + 1);
  expect(has(drumNotes(await downloadMidi(page)), SNARE, 960), 'the new hit is on its row and beat').toBe(true);
  expect((await rollSummary(page)).notes, 'the roll counts it').toBe(BAND.reduce((n, t) => n + t.notes.length, 0) + 1);

  // Drag it two rows up and four beats on: a crash on beat 7.
  const to = await hitPoint(page, CRASH, 6 * 480);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move((at.x + to.x) / 2, (at.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => has(drumNotes(await downloadMidi(page)), CRASH, 6 * 480)).toBe(true);
  const moved = drumNotes(await downloadMidi(page));
  expect([moved.length, has(moved, SNARE, 960)]).toEqual([original.length + 1, false]);

  // A right-click deletes it.
  const now = await hitPoint(page, CRASH, 6 * 480);
  await page.mouse.click(now.x, now.y, { button: 'right' });
  await expect.poll(async () => drumNotes(await downloadMidi(page))).toEqual(original);

  // Undo walks back: the hit returns where it was moved to, then where it was added, then goes.
  await undo();
  await expect.poll(async () => has(drumNotes(await downloadMidi(page)), CRASH, 6 * 480)).toBe(true);
  await undo();
  await expect.poll(async () => has(drumNotes(await downloadMidi(page)), SNARE, 960)).toBe(true);
  expect(has(drumNotes(await downloadMidi(page)), CRASH, 6 * 480)).toBe(false);
  await undo();
  await expect.poll(async () => drumNotes(await downloadMidi(page))).toEqual(original);
});

test('a drum hit’s velocity is dragged in the velocity lane; All drums lists the whole GM kit', async ({ page }) => {
  await loadBand(page);
  const crashAt16 = async () =>
    (await downloadMidi(page)).tracks
      .filter((t) => t.channel === 9)
      .flatMap((t) => t.notes)
      .filter((n) => n.ticks === 16 * 480)
      .map((n) => [n.midi, Math.round(n.velocity * 127)]);
  const before = await crashAt16();
  expect(before.find(([k]) => k === CRASH)?.[1], 'the crash as written, well below the top').toBeLessThan(100);

  // Select the crash on bar 5 in the lane, then drag its stalk (the drum track's, at its onset) to the top.
  const hit = await hitPoint(page, CRASH, 16 * 480);
  await page.mouse.click(hit.x, hit.y);
  await page.getByRole('button', { name: 'Velocity', exact: true }).click();
  await expect
    .poll(async () => await roll(page).evaluate((c) => +(c as HTMLElement).dataset.laneHeight!))
    .toBeGreaterThan(20);
  const v = await rollView(page);
  const box = (await roll(page).boundingBox())!;
  const laneHeight = await roll(page).evaluate((c) => +(c as HTMLElement).dataset.laneHeight!);
  const laneTop = box.y + box.height - 22 - laneHeight;
  const x = box.x + v.keysWidth + (16 * 480 - v.scrollTick) * v.pxPerTick + 2 + (DRUM_TRACK % 4) * 3;
  await page.mouse.move(x, laneTop + laneHeight / 2);
  await page.mouse.down();
  await page.mouse.move(x, laneTop + 3, { steps: 4 });
  await page.mouse.up();
  // The crash alone is louder; the hat and kick on the same beat keep theirs.
  await expect.poll(crashAt16).toEqual(before.map(([k, vel]) => [k, k === CRASH ? 127 : vel]));
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(crashAt16).toEqual(before);

  // All drums: every GM drum sound gets a row (more than fit, so the rows scroll); pressed again, the sounds in use.
  await page.getByRole('button', { name: 'All drums' }).click();
  await expect.poll(async () => (await drumLaneView(page)).rows.length).toBe(GM_KIT_KEYS.length);
  expect(await drumLane(page).getAttribute('aria-label')).toMatch(
    /^Drums: 4 sounds, \d+ hits in 8 bars; rows: .*Crash.*Kick/,
  );
  const laneBox = (await drumLane(page).boundingBox())!;
  await page.mouse.move(laneBox.x + laneBox.width / 2, laneBox.y + laneBox.height / 2);
  // The lane keeps to its share of the column: the pitched roll stays the larger.
  expect(laneBox.height).toBeLessThan((await roll(page).boundingBox())!.height);
  await page.mouse.wheel(0, 200);
  await expect.poll(async () => (await drumLaneView(page)).topRow).toBeGreaterThan(0);
  await page.mouse.move(5, 5);
  await page.screenshot({ path: test.info().outputPath('all-drums-1400x900.png') });
  await page.getByRole('button', { name: 'All drums' }).click();
  await expect.poll(async () => (await drumLaneView(page)).rows).toEqual([CRASH, HAT, SNARE, KICK]);
});

test('zoom and scroll move the lane and the roll together, at both window sizes', async ({ page }) => {
  await loadBand(page);
  const colour = (await page.locator('.tracks .swatch').nth(DRUM_TRACK).getAttribute('data-colour'))!;
  /** The lane shares the roll's columns and time axis, and draws a hit where that axis puts it. */
  const aligned = async (what: string) => {
    const v = await rollView(page);
    const lv = await drumLaneView(page);
    expect([lv.keysWidth, lv.scrollTick, lv.pxPerTick], what).toEqual([v.keysWidth, v.scrollTick, v.pxPerTick]);
    const [r, l] = [(await roll(page).boundingBox())!, (await drumLane(page).boundingBox())!];
    expect([l.x, l.width], what).toEqual([r.x, r.width]);
    expect(l.y, `${what}: the lane is below the roll`).toBeGreaterThanOrEqual(r.y + r.height);
    const inView = (label: string | null) => /in view: bars (\d+–\d+)/.exec(label ?? '')?.[1];
    expect(inView(await drumLane(page).getAttribute('aria-label')), what).toBe(
      inView(await roll(page).getAttribute('aria-label')),
    );
    // The first kick on screen is drawn at its tick's x.
    const first = Math.ceil(v.scrollTick / 960) * 960;
    const p = await hitPoint(page, KICK, first);
    await page.mouse.move(5, 5);
    expect(await canvasPixel(drumLane(page), p.x - l.x, p.y - l.y), `${what}: kick at tick ${first}`).toBe(colour);
  };
  await aligned('fitted');

  const laneBox = (await drumLane(page).boundingBox())!;
  const overLane = { x: laneBox.x + laneBox.width / 2, y: laneBox.y + laneBox.height / 2 };
  const before = await drumLaneView(page);
  // Ctrl+wheel over the lane zooms both in time.
  await page.mouse.move(overLane.x, overLane.y);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await expect.poll(async () => (await drumLaneView(page)).pxPerTick).toBeGreaterThan(before.pxPerTick * 1.5);
  await aligned('zoomed with ctrl+wheel over the lane');
  // Shift+wheel over the lane scrolls both in time.
  await page.mouse.move(overLane.x, overLane.y);
  await page.keyboard.down('Shift');
  await page.mouse.wheel(0, 600);
  await page.keyboard.up('Shift');
  await expect.poll(async () => (await drumLaneView(page)).scrollTick).toBeGreaterThan(0);
  await aligned('scrolled with shift+wheel over the lane');
  // Keys on the roll: zoom in, scroll on.
  await roll(page).focus();
  await page.keyboard.press('=');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await aligned('zoomed and scrolled with the roll’s keys');
  // Keys on the lane: zoom out, scroll back.
  await drumLane(page).focus();
  await page.keyboard.press('-');
  await page.keyboard.press('ArrowLeft');
  await aligned('zoomed and scrolled with the lane’s keys');

  await page.setViewportSize({ width: 1024, height: 700 });
  await page.keyboard.press('f');
  await aligned('1024x700, fitted');
});

test('screenshots: a real Freedoom band song with its drums in the lane', async ({ page }) => {
  test.skip(!existsSync(FREEDOOM_SONG), 'the Freedoom data set is not on this machine');
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page);
  await uploadBytes(page, 'd_e1m1.mid', readFileSync(FREEDOOM_SONG));
  await expect.poll(async () => (await rollSummary(page)).tracks, { timeout: 60_000 }).toBeGreaterThan(5);
  await expect(drumLane(page)).toBeVisible();
  for (const [w, h] of [
    [1400, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await rollView(page);
    await page.mouse.move(5, 5);
    await expect(drumLane(page)).toBeInViewport();
    await page.screenshot({ path: test.info().outputPath(`drums-after-${w}x${h}.png`) });
  }
  // Zoomed in at 1400x900: single hits, their heights the velocities.
  await page.setViewportSize({ width: 1400, height: 900 });
  await drumLane(page).focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('=');
  await rollView(page);
  await page.mouse.move(5, 5);
  await page.screenshot({ path: test.info().outputPath('drums-after-zoomed-1400x900.png') });
});
