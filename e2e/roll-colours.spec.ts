import { expect, test, type Page } from '@playwright/test';
import { deltaE, lab, MIN_DISTANCE } from '../src/ui/pianoRoll/colours';
import {
  downloadMidi,
  generate,
  makeMidi,
  openApp,
  roll,
  rollSummary,
  setBars,
  twoBarChorale,
  uploadBytes,
} from './helpers';
import { canvasPixel, drumLane, drumLaneView, multiTrackMidi, noteRows, pointAt, rollView } from './rollHelpers';

// Eight tracks of eight GM families, drums included; no two notes share a row at the same time.
const EIGHT = [
  {
    name: 'Drums',
    program: 0,
    drums: true,
    notes: [36, 38, 42, 46].flatMap((p, i) =>
      [0, 2, 4, 6].map((b): [number, number, number] => [p, b + i * 0.5, 0.25]),
    ),
  },
  {
    name: 'Bass',
    program: 33,
    notes: [
      [31, 0, 2],
      [33, 2, 2],
      [35, 4, 2],
      [31, 6, 2],
    ] as [number, number, number][],
  },
  {
    name: 'Piano',
    program: 0,
    notes: [
      [60, 0, 1],
      [62, 1, 1],
      [64, 2, 1],
      [65, 3, 1],
      [67, 4, 2],
    ] as [number, number, number][],
  },
  {
    name: 'Guitar',
    program: 25,
    notes: [
      [52, 0, 1],
      [53, 2, 1],
      [55, 4, 1],
    ] as [number, number, number][],
  },
  {
    name: 'Strings',
    program: 48,
    notes: [
      [72, 0, 4],
      [74, 4, 4],
    ] as [number, number, number][],
  },
  {
    name: 'Brass',
    program: 56,
    notes: [
      [79, 0, 2],
      [81, 2, 2],
      [83, 4, 2],
    ] as [number, number, number][],
  },
  {
    name: 'Lead',
    program: 80,
    notes: [
      [86, 1, 1],
      [88, 3, 1],
      [89, 5, 1],
    ] as [number, number, number][],
  },
  {
    name: 'Pad',
    program: 88,
    notes: [
      [57, 6, 2],
      [59, 0, 1],
    ] as [number, number, number][],
  },
];

const pixel = (page: Page, x: number, y: number, canvas = roll(page)) => canvasPixel(canvas, x, y);

const swatches = (page: Page) =>
  page.locator('.tracks .swatch').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.colour ?? ''));

test('eight tracks get eight clearly different colours, drawn as such; drums are hits in their own lane', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page);
  await uploadBytes(page, 'eight.mid', multiTrackMidi(EIGHT));
  await expect.poll(async () => (await rollSummary(page)).tracks).toBe(8);
  const colours = await swatches(page);
  expect(colours).toHaveLength(8);
  for (let i = 0; i < 8; i++)
    for (let j = i + 1; j < 8; j++)
      expect(deltaE(lab(colours[i]), lab(colours[j])), `${EIGHT[i].name} vs ${EIGHT[j].name}`).toBeGreaterThanOrEqual(
        MIN_DISTANCE,
      );

  // The keyboard widens to match the drum lane's names; each track's first note is drawn in its swatch colour,
  // the drums' in the lane (on their row, a diamond from the onset).
  const v = await rollView(page);
  expect(v.keysWidth).toBeGreaterThan(44);
  const lane = drumLane(page);
  const d = await drumLaneView(page);
  const at = await pointAt(page);
  for (const [i, t] of EIGHT.entries()) {
    const [p, beat] = t.notes[0];
    const row = d.rows.indexOf(p);
    const { x, y } = t.drums
      ? { x: v.keysWidth + (beat * 480 - v.scrollTick) * v.pxPerTick + 5, y: (row + 0.5) * d.rowHeight }
      : at(beat, p, 6);
    expect(await pixel(page, x, y, t.drums ? lane : roll(page)), t.name).toBe(colours[i]);
  }

  // Selecting a track keeps the others readable: much nearer their colour than the background.
  await page.getByRole('button', { name: /^Piano/ }).click();
  const { x, y } = at(0, 72, 6);
  const drawn = lab(await pixel(page, x, y));
  expect(deltaE(drawn, lab(colours[4]))).toBeLessThan(deltaE(drawn, lab('#fbfbf8')) / 2);

  for (const [w, h] of [
    [1400, 900],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await rollView(page);
    await page.screenshot({ path: test.info().outputPath(`eight-tracks-${w}x${h}.png`) });
    await page.screenshot({ path: `test-results/roll/eight-tracks-${w}x${h}.png` });
  }
});

test('generated notes keep their full colour', async ({ page }) => {
  await openApp(page);
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 96, meter: [4, 4], voices: twoBarChorale() }));
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(32);
  await setBars(page, 4);
  await generate(page, 'Continue');
  const colours = await swatches(page);
  const rows = noteRows(await downloadMidi(page)).filter((t) => t.length > 0);
  // A generated soprano note that no other voice doubles at the same time.
  const lone = rows[0].find(
    ([p, t, d]) =>
      t >= 3840 && d >= 120 && rows.slice(1).every((o) => o.every(([q, u, e]) => q !== p || u >= t + d || u + e <= t)),
  );
  expect(lone).toBeDefined();
  await rollView(page);
  const at = await pointAt(page);
  const [p, t] = lone!;
  const { x, y } = at(t / 480, p, 3);
  expect(await pixel(page, x, y)).toBe(colours[0]);
});
