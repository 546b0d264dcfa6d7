// Drums in their own lane below the pitched roll (issue 18 §2), with a real Freedoom band song:
// the lane's accessible name says what it shows, the pitched keyboard names pitches only, and a
// click in the lane adds a hit to the drum track (undo removes it).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { downloadMidi, openApp, roll, rollSummary, uploadBytes } from './helpers';
import { rollView } from './rollHelpers';

const SONG = '/work/shared/datasets/freedoom/midi/d_e1m1.mid';
const NOTE_NAME = /^[A-G]#?-?\d$/;
const KIT_NAMES = [
  'Kick',
  'Snare',
  'Closed hat',
  'Open hat',
  'Crash',
  'Ride',
  'Low tom',
  'Low floor tom',
  'Ride bell',
  'China',
];

const lane = (page: Page) => page.getByRole('img', { name: /^Drums: / });

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

interface LaneView {
  rows: number[];
  rowHeight: number;
  topRow: number;
  keysWidth: number;
  scrollTick: number;
  pxPerTick: number;
}

async function laneView(page: Page): Promise<LaneView> {
  const d = await lane(page).evaluate((c) => ({ ...(c as HTMLElement).dataset }));
  return {
    rows: d.rows!.split(',').map(Number),
    rowHeight: +d.rowHeight!,
    topRow: +d.topRow!,
    keysWidth: +d.keysWidth!,
    scrollTick: +d.scrollTick!,
    pxPerTick: +d.pxPerTick!,
  };
}

async function loadSong(page: Page): Promise<void> {
  await watchCanvasText(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page);
  await uploadBytes(page, 'd_e1m1.mid', readFileSync(SONG));
  await expect.poll(async () => (await rollSummary(page)).tracks, { timeout: 60_000 }).toBeGreaterThan(5);
  await expect(lane(page)).toBeVisible();
}

test('a band song: drums in their own lane with named rows, the keyboard names pitches only', async ({ page }) => {
  await loadSong(page);
  const midi = await downloadMidi(page);
  const drums = midi.tracks.filter((t) => t.channel === 9);
  const keys = [...new Set(drums.flatMap((t) => t.notes.map((n) => n.midi)))].sort((a, b) => b - a);
  const hits = drums.reduce((sum, t) => sum + t.notes.length, 0);
  const { bars } = await rollSummary(page);
  const label = (await lane(page).getAttribute('aria-label')) ?? '';
  expect(label).toMatch(
    new RegExp(`^Drums: ${keys.length} sounds, ${hits} hits in ${bars} bars; rows: .*Kick.*; in view: bars 1–${bars}$`),
  );
  expect((await laneView(page)).rows).toEqual(keys);

  // The pitched keyboard: note names only, never a drum's; the lane names the drums.
  const v = await rollView(page);
  const keyboard = (await drawnTexts(page, /tracks?, \d+ bars?/)).filter(
    (t) => t.x < v.keysWidth && t.text !== 'Overview',
  );
  expect(keyboard.length).toBeGreaterThan(3);
  for (const t of keyboard) expect(t.text).toMatch(NOTE_NAME);
  const names = (await drawnTexts(page, /^Drums: /)).map((t) => t.text);
  expect(names).toContain('Kick');
  expect(names.filter((n) => KIT_NAMES.includes(n)).length).toBeGreaterThan(3);

  // Both canvases share one time axis.
  const lv = await laneView(page);
  expect([lv.keysWidth, lv.scrollTick, lv.pxPerTick]).toEqual([v.keysWidth, v.scrollTick, v.pxPerTick]);
  for (const [w, h] of [
    [1400, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await rollView(page);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: `test-results/drums-after-${w}x${h}.png` });
  }
});

test('a click in the drum lane adds a hit to the drum track; undo removes it', async ({ page }) => {
  await loadSong(page);
  // Zoom in (the lane takes the roll's keys) so that a gap between hits is wide enough to click.
  await lane(page).focus();
  const zoomed = (await laneView(page)).pxPerTick * 1.5 ** 6;
  for (let i = 0; i < 6; i++) await page.keyboard.press('=');
  await expect.poll(async () => (await laneView(page)).pxPerTick).toBeCloseTo(zoomed, 5);
  const midi = await downloadMidi(page);
  const drumTrack = midi.tracks.findIndex((t) => t.channel === 9);
  const ppq = midi.header.ppq;
  const before = midi.tracks[drumTrack].notes.length;
  const lv = await laneView(page);
  // The third row's sound, and a beat on which it does not sound (nor a beat either side).
  const key = lv.rows[lv.topRow + Math.min(2, lv.rows.length - 1)];
  const taken = midi.tracks[drumTrack].notes.filter((n) => n.midi === key).map((n) => n.ticks);
  const beat = Array.from({ length: 24 }, (_, b) => b + 1).find((b) => taken.every((t) => Math.abs(t - b * ppq) > ppq));
  expect(beat, 'a free beat for the sound').toBeDefined();
  const tick = beat! * ppq;
  const row = lv.rows.indexOf(key) - lv.topRow;
  const box = (await lane(page).boundingBox())!;
  await page.mouse.click(
    box.x + lv.keysWidth + (tick - lv.scrollTick) * lv.pxPerTick + 1.5,
    box.y + (row + 0.5) * lv.rowHeight,
  );
  await expect.poll(async () => (await downloadMidi(page)).tracks[drumTrack].notes.length).toBe(before + 1);
  const after = (await downloadMidi(page)).tracks[drumTrack].notes;
  const added = after.find((n) => n.midi === key && n.ticks === tick);
  expect(added, 'the hit lands on its row, on the beat').toBeDefined();
  // Nothing was drawn on the pitched grid.
  expect((await rollSummary(page)).notes).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(async () => (await downloadMidi(page)).tracks[drumTrack].notes.length).toBe(before);
  await expect(roll(page)).toBeVisible();
});
