import { expect, test, type Page } from '@playwright/test';
import { TEST_MODEL, generate, openApp, roll, rollSummary, setBars } from './helpers';

const saved = (page: Page) =>
  expect(page.locator('.save-state')).toHaveAttribute('data-save', 'saved', { timeout: 10_000 });

test('autosave: the piece, its undo history and the settings survive a reload', async ({ page }) => {
  await openApp(page);
  await setBars(page, 4);
  await page.getByLabel('Seed').fill('77');
  await page.getByRole('button', { name: 'Lock seed' }).click();
  await page.getByLabel('Temperature').fill('0.8');
  await generate(page, 'Compose');
  const piece = await rollSummary(page);
  expect(piece.notes).toBeGreaterThan(0);
  await saved(page);

  await page.reload();
  await expect(page.getByRole('status')).toContainText(`Model ${TEST_MODEL}`, { timeout: 60_000 });
  expect(await rollSummary(page)).toEqual(piece);
  await expect(page.getByLabel('Seed')).toHaveValue('77');
  await expect(page.getByLabel('Temperature')).toHaveValue('0.8');
  await expect(page.getByRole('button', { name: 'Lock seed' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('alert')).toBeEmpty();

  // The history came back too: undo takes the compose away, redo brings it back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(0);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect.poll(() => rollSummary(page)).toEqual(piece);
});

test('New piece empties the roll as one undo step', async ({ page }) => {
  await openApp(page);
  await setBars(page, 4);
  await generate(page, 'Compose');
  const piece = await rollSummary(page);
  await page.getByRole('button', { name: 'New piece', exact: true }).click();
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(0);
  await expect(page.locator('.notice')).toContainText('New piece');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(() => rollSummary(page)).toEqual(piece);
});

test('a damaged save is ignored with a notice, and the page works', async ({ page }) => {
  await openApp(page);
  await saved(page); // the app's own write is done: it cannot land after ours
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('cantor', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('session');
        open.onsuccess = () => {
          const tx = open.result.transaction('session', 'readwrite');
          tx.objectStore('session').put({ version: 1, savedAt: 0, piece: { score: 'garbage' } }, 'current');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await expect(page.getByRole('status')).toContainText(`Model ${TEST_MODEL}`, { timeout: 60_000 });
  await expect(page.locator('.notice')).toContainText('The last session was not restored: it is damaged (piece.score');
  await expect(roll(page)).toBeVisible();
  await generate(page, 'Compose');
  expect((await rollSummary(page)).notes).toBeGreaterThan(0);
});

test('closing with work the browser cannot keep asks first', async ({ page }) => {
  // A browser without IndexedDB (or with storage switched off).
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
  await openApp(page);
  await expect(page.locator('.save-state')).toHaveAttribute('data-save', 'off');
  await setBars(page, 4);
  await generate(page, 'Compose');
  let asked = '';
  page.on('dialog', (d) => {
    asked = d.type();
    void d.dismiss(); // stay on the page
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toBe('beforeunload');
  expect(page.isClosed()).toBe(false);
});

test('closing after the autosave finished does not ask', async ({ page }) => {
  await openApp(page);
  await setBars(page, 4);
  await generate(page, 'Compose');
  await saved(page);
  let asked = false;
  page.on('dialog', (d) => {
    asked = true;
    void d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(asked).toBe(false);
});
