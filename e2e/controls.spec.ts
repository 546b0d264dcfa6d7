// Polyphony and note-length choices (issue 16): on a model whose track headers have POLYPHONY and DURATION,
// each Compose track and the Regenerate target get them beside density, and the requests the app sends the
// engine carry them; a model without the controls shows none.
import { expect, test, type Page } from '@playwright/test';
import {
  chooseModel,
  CONTROLS_MODEL,
  ensureControlsModel,
  generate,
  openApp,
  removeTestModel,
  rollSummary,
  setBars,
} from './helpers';

test.beforeAll(() => ensureControlsModel());
test.afterAll(() => removeTestModel(CONTROLS_MODEL));

/** Record every request the page sends its engine worker (window.sentRequests), before the app starts. */
async function recordRequests(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const sent: unknown[] = [];
    (window as unknown as { sentRequests: unknown[] }).sentRequests = sent;
    const post = Worker.prototype.postMessage as (this: Worker, message: unknown, options?: unknown) => void;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, options?: unknown) {
      if ((message as { type?: string })?.type === 'generate') sent.push((message as { request: unknown }).request);
      post.call(this, message, options);
    } as Worker['postMessage'];
  });
}

const sentRequests = (page: Page) =>
  page.evaluate(() => (window as unknown as { sentRequests: Record<string, unknown>[] }).sentRequests);

test('pick polyphony and note length per track: Compose and Regenerate send them; a model without them shows none', async ({
  page,
}) => {
  await recordRequests(page);
  await openApp(page);
  // The chorale test model has DENSITY only: no polyphony or length choices anywhere.
  await expect(page.getByLabel('Density of track 1')).toBeVisible();
  await expect(page.getByLabel(/^(Polyphony|Note length) of track/)).toHaveCount(0);
  await expect(page.getByLabel(/^Regenerate with/)).toHaveCount(0);

  await chooseModel(page, CONTROLS_MODEL);
  const tracks = await page.getByLabel(/^Instrument of track \d+$/).count();
  expect(tracks).toBeGreaterThan(1);
  await expect(page.getByLabel(/^Polyphony of track \d+$/)).toHaveCount(tracks);
  await expect(page.getByLabel(/^Note length of track \d+$/)).toHaveCount(tracks);
  const poly = page.getByLabel('Polyphony of track 2', { exact: true });
  await expect(poly).toHaveValue('');
  // Each bin says the range it stands for (its unit is in the title).
  const options = await poly.locator('option').allTextContents();
  expect(options).toEqual([
    'poly: auto',
    'poly 0 (single notes)',
    'poly 1 (1–1.6)',
    'poly 2 (1.6–2.3)',
    'poly 3 (2.3–3)',
    'poly 4 (3+)',
  ]);
  await poly.selectOption({ label: 'poly 1 (1–1.6)' });
  await page.getByLabel('Note length of track 1', { exact: true }).selectOption('3');
  await page.getByLabel('Density of track 1', { exact: true }).selectOption('4');
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.locator('fieldset.compose').screenshot({ path: 'test-results/compose-controls.png' });

  await setBars(page, 4);
  await generate(page, 'Compose');
  expect((await rollSummary(page)).tracks).toBe(tracks);
  const [composed] = await sentRequests(page);
  const asked = (composed as { tracks: Record<string, unknown>[] }).tracks;
  expect(asked[0]).toMatchObject({ density: 4, duration: 3 });
  expect(asked[0].polyphony).toBeUndefined();
  expect(asked[1]).toMatchObject({ polyphony: 1 });
  expect(asked[1].duration).toBeUndefined();

  // Regenerate asks the target for the chosen bins; "keep" leaves the target's own.
  await page.getByLabel('Target track').selectOption('1');
  await page.getByLabel('Regenerate with polyphony').selectOption('4');
  await generate(page, 'Regenerate track');
  await page.getByLabel('Target bar').fill('2');
  await page.getByLabel('Regenerate with note length').selectOption('0');
  await page.getByLabel('Regenerate with polyphony').selectOption('');
  await generate(page, 'Regenerate bar');
  const [track, bar] = (await sentRequests(page)).slice(1);
  expect(track).toMatchObject({ mode: 'regenerate-track', trackIndex: 1, controls: { polyphony: 4 } });
  expect(bar).toMatchObject({ mode: 'regenerate-bar', trackIndex: 1, bar: 1, controls: { duration: 0 } });
  expect((bar as { controls: object }).controls).not.toHaveProperty('polyphony');
});
