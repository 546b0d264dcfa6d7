// The smaller things of issue 12: Add track, ?model= that does not exist, the download's name,
// Regenerate bar past the end, progress. (An empty file: errors.spec.ts.)
import { expect, test, type Page } from '@playwright/test';
import {
  ensureTestModel,
  generate,
  makeMidi,
  openApp,
  rollSummary,
  setBars,
  twoBarChorale,
  uploadBytes,
} from './helpers';

const instruments = (page: Page) => page.getByLabel(/^Instrument of track \d+$/);

test('Add track adds the next voice the chorale model lacks, with its picker focused to choose another', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Remove track 2' }).click(); // S, T, B left
  await page.getByRole('button', { name: 'Add track', exact: true }).click();
  await expect(instruments(page)).toHaveCount(4);
  await expect(instruments(page).nth(3)).toHaveValue('ALTO');
  await expect(instruments(page).nth(3)).toBeFocused();
  await page.getByRole('button', { name: 'Add track', exact: true }).click(); // all four there: a second soprano
  await expect(instruments(page).nth(4)).toHaveValue('SOPRANO');
});

test('?model= naming no installed model says so and loads the default', async ({ page }) => {
  ensureTestModel();
  await page.goto('/?model=nope&backend=wasm');
  await expect(page.locator('.notice')).toContainText('There is no model "nope" here; loading chorales instead.');
  await expect(page.getByRole('status')).toContainText('Model chorales', { timeout: 60_000 });
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('chorales');
  await expect(page.getByRole('alert')).toBeEmpty();
});

async function downloadedName(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download MIDI', exact: true }).click(),
  ]);
  return download.suggestedFilename();
}

test('the download is named "-continued" only when something was continued', async ({ page }) => {
  await openApp(page);
  await setBars(page, 4);
  await generate(page, 'Compose');
  expect(await downloadedName(page)).toBe('cantor.mid');
  await uploadBytes(page, 'hymn.mid', makeMidi({ bpm: 100, meter: [4, 4], voices: twoBarChorale() }));
  await expect(page.getByText('hymn.mid: Mapped')).toBeVisible();
  expect(await downloadedName(page)).toBe('hymn.mid');
  await generate(page, 'Continue');
  expect(await downloadedName(page)).toBe('hymn-continued.mid');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  expect(await downloadedName(page)).toBe('hymn.mid');
});

test('Regenerate bar past the end names the bar counting from 1, as the ruler does', async ({ page }) => {
  await openApp(page);
  await setBars(page, 4);
  await generate(page, 'Compose');
  const { bars } = await rollSummary(page);
  await page.getByLabel('Target track').selectOption({ label: '1: Soprano' });
  await page.getByLabel('Target bar').fill(String(bars + 6));
  await page.getByRole('button', { name: 'Regenerate bar', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    `Cannot regenerate this bar: no bar ${bars + 6}: the piece has ${bars} bars.×`,
  );
});

test('the status counts bars every track has reached, never ahead of the roll', async ({ page }) => {
  await openApp(page);
  await setBars(page, 16);
  // Record (bars in the status, bars in the roll's label) on every change while the model writes.
  await page.evaluate(() => {
    const w = window as unknown as { __pairs: [number, number][] };
    w.__pairs = [];
    const status = document.querySelector('[role="status"]')!;
    const canvas = document.querySelector('canvas[role="img"]')!;
    // The roll publishes its label when it draws (next animation frame), the status line when React
    // renders: read the label two frames after each status change, when the roll has drawn those notes.
    const frames = (f: () => void) => requestAnimationFrame(() => requestAnimationFrame(f));
    let last = '';
    const note = () => {
      const written = status.textContent?.match(/(\d+) of (\d+) bars? written/);
      if (!written || written[0] === last) return;
      last = written[0];
      frames(() =>
        w.__pairs.push([Number(written[1]), Number(canvas.getAttribute('aria-label')?.match(/(\d+) bars?/)?.[1] ?? 0)]),
      );
    };
    new MutationObserver(note).observe(status, { subtree: true, childList: true, characterData: true });
  });
  await generate(page, 'Compose');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const pairs = await page.evaluate(() => (window as unknown as { __pairs: [number, number][] }).__pairs);
  expect(pairs.length).toBeGreaterThan(3);
  for (const [written, drawn] of pairs) expect(written).toBeLessThanOrEqual(drawn);
  expect(Math.max(...pairs.map((p) => p[0]))).toBeGreaterThanOrEqual(12);
});
