import { expect, test, type Page } from '@playwright/test';
import { generate, openApp, setBars } from './helpers';

async function tokens(page: Page): Promise<string> {
  if (!(await page.locator('details.tokens').evaluate((d) => (d as HTMLDetailsElement).open)))
    await page.getByText('Tokens', { exact: true }).click();
  const pre = page.getByLabel('mmmtrack tokens');
  await expect(pre).toContainText('PIECE_START');
  return ((await pre.textContent()) ?? '').replace(/\s+/g, ' ');
}

const seed = async (page: Page) => Number(await page.getByLabel('Seed', { exact: true }).inputValue());

test('Regenerate bar draws a fresh seed on each press; with the seed locked it repeats itself, adding no undo step', async ({
  page,
}) => {
  await openApp(page);
  await setBars(page, 4);
  await generate(page, 'Compose');
  await page.getByLabel('Target track').selectOption({ label: '3: Tenor' });
  await page.getByLabel('Target bar').fill('2');

  const seeds = [await seed(page)];
  const results = [await tokens(page)];
  for (let i = 0; i < 3; i++) {
    await generate(page, 'Regenerate bar');
    seeds.push(await seed(page));
    results.push(await tokens(page));
  }
  expect(new Set(seeds).size).toBe(4);
  for (let i = 1; i < results.length; i++) expect(results[i]).not.toBe(results[i - 1]);

  // Locked: the same seed and settings give the same notes; the repeat says so and changes nothing.
  await page.getByRole('button', { name: 'Lock seed' }).click();
  await page.getByLabel('Seed', { exact: true }).fill('12345');
  const before = await tokens(page);
  await generate(page, 'Regenerate bar');
  const locked = await tokens(page);
  expect(locked).not.toBe(before);
  await generate(page, 'Regenerate bar');
  expect(await seed(page)).toBe(12345);
  expect(await tokens(page)).toBe(locked);
  await expect(page.locator('.notice')).toContainText('same notes again (seed 12345)');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(() => tokens(page)).toBe(before);
});

test('Regenerate track draws a fresh seed too', async ({ page }) => {
  await openApp(page);
  await setBars(page, 4);
  await generate(page, 'Compose');
  await page.getByRole('button', { name: 'Alto', exact: true }).click();
  const first = await seed(page);
  await generate(page, 'Regenerate track');
  const second = await seed(page);
  await generate(page, 'Regenerate track');
  expect(new Set([first, second, await seed(page)]).size).toBe(3);
});
