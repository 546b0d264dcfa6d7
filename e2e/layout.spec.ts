import { expect, test, type Page } from '@playwright/test';
import { TEST_MODEL, ensureTestModel, generate, makeMidi, roll, setBars, twoBarChorale, uploadBytes } from './helpers';
import { layoutShifts, lowContrast, watchLayoutShifts } from './layoutProbe';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 800, height: 600 },
];

const rollBox = async (page: Page) => (await page.locator('.roll-box').boundingBox())!;

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the roll is above the fold, and nothing jumps on load or when a notice appears', async ({ page }) => {
      ensureTestModel();
      await watchLayoutShifts(page);
      await page.goto(`/?model=${TEST_MODEL}&backend=wasm`);
      await expect(page.getByRole('status')).toContainText(`Model ${TEST_MODEL}`, { timeout: 60_000 });
      await expect(page.locator('.save-state')).toHaveAttribute('data-save', 'saved');
      await page.waitForTimeout(300);
      expect(await layoutShifts(page)).toEqual([]);

      // The whole roll (keys, ruler, at least 240 px of rows) is in the window without scrolling.
      const box = await rollBox(page);
      expect(box.y).toBeGreaterThan(0);
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
      expect(box.height).toBeGreaterThanOrEqual(240);
      expect(box.width).toBeGreaterThanOrEqual(size.width / 2);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);

      // A notice and an alert appear (an upload's mapping, then a refused file): nothing moves.
      await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 100, meter: [4, 4], voices: twoBarChorale() }));
      await expect(page.locator('.notice')).toContainText('chorale.mid: Mapped');
      await uploadBytes(page, 'text.mid', Buffer.from('hello, world'));
      await expect(page.getByRole('alert')).toContainText("can't be used");
      await page.waitForTimeout(300);
      expect(await layoutShifts(page)).toEqual([]);
      expect(await rollBox(page)).toEqual(box);
    });

    test('every text has at least 4.5:1 contrast', async ({ page }) => {
      await page.goto(`/?model=${TEST_MODEL}&backend=wasm`);
      ensureTestModel();
      await expect(page.getByRole('status')).toContainText(`Model ${TEST_MODEL}`, { timeout: 60_000 });
      expect(await lowContrast(page)).toEqual([]); // disabled buttons, hints, the empty roll's tip
      await setBars(page, 4);
      await generate(page, 'Compose');
      await page.getByRole('button', { name: 'Alto', exact: true }).click();
      await page.getByRole('button', { name: 'Regenerate bar', exact: true }).click();
      await expect(page.getByRole('alert')).toContainText('Select a bar first');
      await page.getByRole('button', { name: 'Lock seed' }).click();
      expect(await lowContrast(page)).toEqual([]); // the track list, a selected track, an alert, a pressed toggle
    });
  });
}

test('screenshots at 1400×900, 1024×700 and 800×600 (kept as test artifacts)', async ({ page }) => {
  ensureTestModel();
  for (const [width, height] of [
    [1400, 900],
    [1024, 700],
    [800, 600],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto(`/?model=${TEST_MODEL}&backend=wasm`);
    await expect(page.getByRole('status')).toContainText(`Model ${TEST_MODEL}`, { timeout: 60_000 });
    if (width === 1400) {
      await setBars(page, 8);
      await generate(page, 'Compose');
      await expect(page.locator('.save-state')).toHaveAttribute('data-save', 'saved'); // the smaller sizes show it restored
    }
    await expect(roll(page)).toBeVisible();
    await page.screenshot({ path: `test-results/layout-${width}x${height}.png` });
  }
});
