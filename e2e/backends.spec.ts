import { expect, test } from '@playwright/test';
import { generate, openApp, rollSummary, setBars } from './helpers';

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
