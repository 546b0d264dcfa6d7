import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { chromiumPath } from '../scripts/chromium.mjs';
import { TEST_MODEL, ensureTestModel, generate, openApp, rollSummary, setBars } from './helpers';

for (const backend of ['wasm', 'webgpu'] as const) {
  test(`compose runs on ${backend}`, async ({ page }) => {
    await openApp(page, backend);
    await expect(page.getByRole('status')).toContainText(`on ${backend.toUpperCase()}`);
    await expect(page.getByLabel('Backend')).toHaveValue(backend);
    await setBars(page, 4);
    await generate(page, 'Compose', 110_000);
    const { tracks, notes } = await rollSummary(page);
    expect(tracks).toBe(4);
    expect(notes).toBeGreaterThan(0);
    await expect(page.getByRole('alert')).toBeEmpty();
  });
}

test('without a WebGPU adapter, an explicit WebGPU choice falls back to WASM with a notice, and Compose works', async ({
  playwright,
  baseURL,
}) => {
  ensureTestModel();
  // The same Chromium without --enable-unsafe-webgpu: navigator.gpu is there, requestAdapter() gives null.
  const args = CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu');
  const browser = await playwright.chromium.launch({ executablePath: chromiumPath(), args });
  try {
    const page = await (await browser.newContext({ baseURL })).newPage();
    await page.goto(`/?model=${TEST_MODEL}&backend=webgpu`);
    await expect(page.getByRole('status')).toContainText(`Model ${TEST_MODEL}`, { timeout: 60_000 });
    await expect(page.getByRole('status')).toContainText('on WASM');
    await expect(page.locator('.notice')).toContainText('WebGPU cannot run here');
    await expect(page.locator('.notice')).toContainText('runs on WASM');
    await expect(page.getByRole('alert')).toBeEmpty();
    await setBars(page, 4);
    await generate(page, 'Compose');
    expect((await rollSummary(page)).notes).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});
