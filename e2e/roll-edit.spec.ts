import { expect, test, type Page } from '@playwright/test';
import { downloadMidi, makeMidi, openApp, roll, rollSummary, trackCounts, twoBarChorale, uploadBytes } from './helpers';
import { noteRows, pointAt, rollView } from './rollHelpers';

const notes = async (page: Page) => (await rollSummary(page)).notes;

async function openChorale(page: Page): Promise<void> {
  await openApp(page);
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 96, meter: [4, 4], voices: twoBarChorale() }));
  await expect.poll(() => notes(page)).toBe(32);
  await rollView(page);
}

/** Drag between two canvas points with the mouse. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const box = (await roll(page).boundingBox())!;
  await page.mouse.move(box.x + from.x, box.y + from.y);
  await page.mouse.down();
  await page.mouse.move(box.x + to.x, box.y + to.y, { steps: 6 });
  await page.mouse.up();
}

const has = (rows: number[][], [p, t, d, v]: number[]) =>
  rows.some((r) => r[0] === p && r[1] === t && r[2] === d && r[3] === v);

test('Ctrl+A and Delete clear the piece in one undo step; Backspace too', async ({ page }) => {
  await openChorale(page);
  await roll(page).focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect.poll(() => notes(page)).toBe(0);
  await page.keyboard.press('Control+z');
  await expect.poll(() => notes(page)).toBe(32);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => notes(page)).toBe(0);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expect.poll(() => notes(page)).toBe(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(() => notes(page)).toBe(32);
});

test('rubber band, copy, paste at the playhead, duplicate and cut, each one undo step', async ({ page }) => {
  await openChorale(page);
  const at = await pointAt(page);
  const box = (await roll(page).boundingBox())!;
  // Bar 1, every voice: from above the soprano to below the bass, just left of the first beat line of bar 2.
  await drag(page, { x: at(0, 0, 1).x, y: 26 }, { x: at(3.9, 0).x, y: box.height - 30 });
  await page.keyboard.press('Control+c');
  // The ruler puts the playhead at bar 2; paste lands there.
  await roll(page).click({ position: { x: at(4, 0, 10).x, y: 8 } });
  await page.keyboard.press('Control+v');
  await expect.poll(() => notes(page)).toBe(48);
  await page.keyboard.press('Control+d');
  await expect.poll(() => notes(page)).toBe(64);

  const rows = noteRows(await downloadMidi(page)).filter((t) => t.length > 0);
  const original = twoBarChorale();
  original.forEach((voice, v) => {
    for (const n of voice.filter((x) => x.ticks < 1920)) {
      expect(has(rows[v], [n.pitch, n.ticks + 1920, n.durationTicks, n.velocity]), `voice ${v + 1} pasted`).toBe(true);
      expect(has(rows[v], [n.pitch, n.ticks + 3840, n.durationTicks, n.velocity]), `voice ${v + 1} duplicated`).toBe(
        true,
      );
    }
  });

  await roll(page).focus(); // the download button had it
  await page.keyboard.press('Control+x');
  await expect.poll(() => notes(page)).toBe(48);
  for (const expected of [64, 48, 32]) {
    await page.keyboard.press('Control+z');
    await expect.poll(() => notes(page)).toBe(expected);
  }
});

test('arrows nudge the selection by a 16th or a semitone, shift by a beat or an octave; shift-click adds a note', async ({
  page,
}) => {
  await openChorale(page);
  const at = await pointAt(page);
  await roll(page).click({ position: at(0, 72, 8) }); // the soprano's first note
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await roll(page).click({ position: at(0, 48, 8), modifiers: ['Shift'] }); // and the bass's
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowLeft'); // nothing selected: scrolls, moves nothing
  await expect.poll(() => notes(page)).toBe(32);
  const rows = noteRows(await downloadMidi(page)).filter((t) => t.length > 0);
  const [s, b] = [twoBarChorale()[0][0], twoBarChorale()[3][0]];
  expect(has(rows[0], [72 + 1 + 12 - 1, s.ticks + 120 + 480, s.durationTicks, s.velocity])).toBe(true);
  expect(has(rows[3], [47, b.ticks, b.durationTicks, b.velocity])).toBe(true);
});

test('a click draws into the track the toolbar shows; a double-click on empty space is one note and one undo step', async ({
  page,
}) => {
  await openChorale(page);
  const target = page.getByLabel('Draw into');
  await expect(target).toHaveValue('0');
  await expect(target.locator('option:checked')).toHaveText('Voice 1');
  const at = await pointAt(page);
  await roll(page).dblclick({ position: at(1.5, 70) });
  await expect.poll(() => notes(page)).toBe(33);
  expect(await trackCounts(page)).toEqual([9, 8, 8, 8]);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(() => notes(page)).toBe(32);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect.poll(() => notes(page)).toBe(33);

  // Pick the target with the keyboard: in the toolbar, or T in the roll.
  await target.focus();
  await target.selectOption('3');
  await roll(page).click({ position: at(5, 70) });
  await expect.poll(() => trackCounts(page)).toEqual([9, 8, 8, 9]);
  await page.keyboard.press('t');
  await expect(target).toHaveValue('0');
});

test('snap and note length shape a drawn note; the velocity lane sets a velocity', async ({ page }) => {
  await openChorale(page);
  await page.getByLabel('Snap').selectOption('1/8');
  await page.getByLabel('Note length').selectOption('1/8');
  const at = await pointAt(page);
  await roll(page).click({ position: at(2.7, 70) });
  await expect.poll(() => notes(page)).toBe(33);
  let rows = noteRows(await downloadMidi(page));
  expect(rows.flat()).toContainEqual([70, 1200, 240, 80]);

  await page.getByRole('button', { name: 'Velocity', exact: true }).click();
  await expect(roll(page)).toHaveAttribute('data-lane-height', '64');
  const lanes = await pointAt(page);
  await roll(page).click({ position: lanes(2.5, 70, 8) }); // select the new note
  const box = (await roll(page).boundingBox())!;
  const laneBottom = box.height - 22;
  await drag(page, { x: lanes(2.5, 0, 2).x, y: laneBottom - 10 }, { x: lanes(2.5, 0, 2).x, y: laneBottom - 64 });
  rows = noteRows(await downloadMidi(page));
  expect(rows.flat()).toContainEqual([70, 1200, 240, 127]);
});

test('the cursor says what a press will do, and the focused roll shows a ring', async ({ page }) => {
  await openChorale(page);
  const at = await pointAt(page);
  const canvas = roll(page);
  const cursorAt = async (p: { x: number; y: number }) => {
    await canvas.hover({ position: p });
    return canvas.evaluate((c) => (c as HTMLElement).style.cursor);
  };
  const s = twoBarChorale()[0][1]; // 74 at beat 1, 445 ticks long
  const v = await rollView(page);
  const end = { x: v.keysWidth + (s.ticks + s.durationTicks - v.scrollTick) * v.pxPerTick - 2, y: at(0, 74).y };
  expect(await cursorAt(at(1, 74, 30))).toBe('move');
  expect(await cursorAt(end)).toBe('ew-resize');
  expect(await cursorAt(at(1.5, 70))).toBe('cell');
  expect(await cursorAt({ x: at(1, 0).x, y: 8 })).toBe('pointer');

  await canvas.focus();
  const ring = await page.locator('.roll-box').evaluate((el) => getComputedStyle(el).boxShadow);
  expect(ring).not.toBe('none');
  const clips = await page.locator('.roll').evaluate((el) => getComputedStyle(el).overflow);
  expect(clips).toBe('visible');
});
