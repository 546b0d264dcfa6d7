import { test, expect } from '@playwright/test';

test('the page loads', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Cantor' })).toBeVisible();
});
