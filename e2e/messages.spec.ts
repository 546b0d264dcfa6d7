import { expect, test } from '@playwright/test';
import { generate, openApp, setBars } from './helpers';

test('a stale alert goes when the next action succeeds', async ({ page }) => {
  await openApp(page);
  const alert = page.getByRole('alert');
  await page.getByRole('button', { name: 'Regenerate track', exact: true }).click();
  await expect(alert).toContainText('Select a track first');
  await setBars(page, 4);
  await generate(page, 'Compose');
  await expect(alert).toBeEmpty();

  // The same after Regenerate, Variations and Continue: none leaves the old alert above its result.
  for (const button of ['Regenerate track', 'Variations', 'Continue']) {
    await page.getByRole('button', { name: 'Regenerate bar', exact: true }).click();
    await expect(alert).toContainText('Select a bar first');
    if (button === 'Regenerate track') await page.getByLabel('Target track').selectOption({ label: '2: Alto' });
    await generate(page, button);
    await expect(alert).toBeEmpty();
  }
});

test('a message stays until the user closes it', async ({ page }) => {
  await openApp(page);
  const alert = page.getByRole('alert');
  await page.getByRole('button', { name: 'Regenerate track', exact: true }).click();
  await expect(alert).toContainText('Select a track first');
  await page.waitForTimeout(1500);
  await expect(alert).toContainText('Select a track first');
  await page.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(alert).toBeEmpty();

  await setBars(page, 4);
  await generate(page, 'Compose');
  await page.getByRole('button', { name: 'New piece', exact: true }).click();
  const notice = page.locator('.notice');
  await expect(notice).toContainText('New piece');
  await page.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(notice).toHaveCount(0);
});
