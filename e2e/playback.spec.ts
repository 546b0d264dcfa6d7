import { expect, test } from '@playwright/test';
import { makeMidi, openApp, twoBarChorale, uploadBytes } from './helpers';

test('playback starts and stops, and the playhead moves', async ({ page }) => {
  await openApp(page);
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 120, meter: [4, 4], voices: twoBarChorale() }));
  await expect(page.getByText('chorale.mid: Mapped')).toBeVisible();
  const position = page.getByLabel('Position');
  await expect(position).toHaveAttribute('data-tick', '0');

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect
    .poll(async () => Number(await position.getAttribute('data-tick')), { timeout: 15_000 })
    .toBeGreaterThan(240);
  await expect(page.getByRole('alert')).toBeEmpty();

  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const paused = Number(await position.getAttribute('data-tick'));
  await page.waitForTimeout(500);
  expect(Number(await position.getAttribute('data-tick'))).toBe(paused);

  // Space toggles play (once, even with the Play button focused), but not while typing in an input.
  await page.getByRole('button', { name: 'Play', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await page.getByLabel('Seed', { exact: true }).focus();
  await page.keyboard.press('Space');
  await page.waitForTimeout(300);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
});
