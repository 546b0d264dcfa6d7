import { expect, test } from '@playwright/test';
import { generate, openApp, rollSummary, setBars } from './helpers';

test('the voice-leading guard is on by default, says what it does, and can be switched off', async ({ page }) => {
  await openApp(page);
  const guard = page.getByRole('checkbox', { name: 'Voice-leading guard' });
  await expect(guard).toBeChecked();
  await expect(page.locator('label', { has: guard })).toHaveAttribute('title', /parallel fifths or octaves/);
  await guard.uncheck();
  await setBars(page, 4);
  await generate(page, 'Compose');
  expect((await rollSummary(page)).notes).toBeGreaterThan(0);
  await expect(guard).not.toBeChecked();
});
