import { expect, test, type Page } from '@playwright/test';
import { generate, openApp, roll, rollSummary, setBars } from './helpers';
import { rollView } from './rollHelpers';

const preview = (page: Page) => roll(page).getAttribute('data-preview');
const countOf = async (page: Page, i: number) =>
  Number(/\((\d+) notes\)/.exec((await page.getByRole('radio').nth(i).locator('..').textContent()) ?? '')?.[1]);

test('Variations show over the roll with the current candidate marked; [ and ] step, Enter picks, Esc goes back', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await openApp(page);
  await setBars(page, 4);
  await generate(page, 'Variations');
  const radios = page.getByRole('radio');
  await expect(radios).toHaveCount(3);
  await expect(radios.nth(0)).toBeChecked();
  await expect(page.locator('.candidate').nth(0)).toContainText('in the piece');
  expect(await preview(page)).toBe('');

  await roll(page).focus();
  await page.keyboard.press(']');
  await expect(radios.nth(1)).toBeChecked();
  await expect.poll(() => preview(page)).toBe('2/3');
  await rollView(page);
  await page.screenshot({ path: test.info().outputPath('variations-preview.png') });
  await page.screenshot({ path: 'test-results/roll/variations-preview-1400x900.png' });
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect.poll(() => preview(page)).toBe('');
  await page.keyboard.press('[');
  await expect.poll(() => preview(page)).toBe('3/3');
  await page.keyboard.press('Escape');
  await expect.poll(() => preview(page)).toBe('');
  await expect(radios.nth(0)).toBeChecked();

  // The radio group steps with the arrow keys too.
  await radios.nth(0).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => preview(page)).toBe('2/3');

  const [first, second] = [await countOf(page, 0), await countOf(page, 1)];
  await roll(page).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.candidate').nth(1)).toContainText('in the piece');
  await expect.poll(() => preview(page)).toBe('');
  expect((await rollSummary(page)).notes).toBe(second);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(first);
  await expect(page.locator('.candidate').nth(0)).toContainText('in the piece');
});
