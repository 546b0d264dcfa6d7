import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chooseModel, openApp, rollSummary, setBars, uploadBytes } from './helpers';

test.setTimeout(600_000);
for (const file of (process.env.FILES ?? 'd_e1m1.mid').split(',')) {
  test(`real band: compose rock band, then continue ${file}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page);
    await chooseModel(page, 'band');
    await page.getByLabel('Preset').selectOption({ label: 'Rock band: drums, bass, guitar, keys, lead' });
    await setBars(page, 4);
    let t0 = Date.now();
    await page.getByRole('button', { name: 'Compose', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Compose', exact: true })).toBeEnabled({ timeout: 300_000 });
    console.log(`compose: ${Date.now() - t0} ms`, JSON.stringify(await rollSummary(page)), (await page.locator('.tracks li').allTextContents()).join(' | '));
    await page.screenshot({ path: `test-results/real-band-compose.png` });
    // back to chorales, as a user who opens the app and uploads
    await chooseModel(page, 'e2e-tiny');
    await uploadBytes(page, file, readFileSync(`../shared/datasets/freedoom/midi/${file}`));
    await expect(page.locator('.notice')).toContainText(file, { timeout: 60_000 });
    console.log('upload notice:', await page.locator('.notice').textContent());
    console.log('status:', await page.getByRole('status').textContent());
    const before = await rollSummary(page);
    t0 = Date.now();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeEnabled({ timeout: 300_000 });
    await expect(page.locator('.notice')).toContainText('Continued', { timeout: 10_000 });
    console.log(`continue: ${Date.now() - t0} ms`, JSON.stringify(before), '->', JSON.stringify(await rollSummary(page)));
    console.log('continue notice:', await page.locator('.notice').textContent());
    console.log('alert:', await page.getByRole('alert').textContent());
    console.log('tracks:', (await page.locator('.tracks li').allTextContents()).join(' | '));
    await page.screenshot({ path: `test-results/real-band-continue-${file}.png` });
  });
}
