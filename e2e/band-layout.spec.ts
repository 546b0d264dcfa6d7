// Long GM instrument names ("Electric Bass (finger)", "Acoustic Grand Piano") in the compose sidebar: cut
// with an ellipsis and shown in full as a title, never pushing the sidebar sideways, at 1280×800 and 1024×700.
import { expect, test, type Page } from '@playwright/test';
import {
  BAND_MODEL,
  chooseModel,
  ensureBandModel,
  generate,
  openApp,
  removeBandModel,
  setBars,
  uploadBytes,
} from './helpers';
import { horizontalOverflow } from './layoutProbe';
import { multiTrackMidi } from './rollHelpers';

test.beforeAll(() => ensureBandModel());
test.afterAll(() => removeBandModel());

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
];

/** Two bars of seven tracks with long GM names, and track names as long as real files have them. */
function longNamesFile(): Buffer {
  const line = (pitch: number): [number, number, number][] =>
    [0, 1, 2, 3, 4, 5, 6, 7].map((b) => [pitch + (b % 3), b, 1]);
  return multiTrackMidi([
    {
      name: 'Drums (kit, brushes and cymbals)',
      program: 0,
      drums: true,
      notes: [0, 1, 2, 3, 4, 5, 6, 7].map((b): [number, number, number] => [b % 2 ? 38 : 36, b, 0.25]),
    },
    { name: 'Electric Bass (finger)', program: 33, notes: line(33) },
    { name: 'Acoustic Grand Piano', program: 0, notes: line(60) },
    { name: 'Electric Guitar (clean) rhythm, doubled', program: 27, notes: line(52) },
    { name: 'String Ensemble 1', program: 48, notes: line(67) },
    { name: 'Lead 2 (sawtooth)', program: 81, notes: line(76) },
    { name: 'Pad 2 (warm)', program: 89, notes: line(55) },
  ]);
}

async function expectNoOverflow(page: Page): Promise<void> {
  expect(await horizontalOverflow(page, '.sidebar')).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );
}

for (const size of SIZES) {
  test(`long GM names fit the sidebar at ${size.width}×${size.height}: compose and continue`, async ({ page }) => {
    await page.setViewportSize(size);
    await openApp(page);
    await chooseModel(page, BAND_MODEL);
    await page.getByLabel('Preset').selectOption({ label: 'Rock band: drums, bass, guitar, keys, lead' });
    await page.getByLabel('Instrument of track 4', { exact: true }).selectOption('0'); // Acoustic Grand Piano
    await page.getByLabel('Instrument to add', { exact: true }).selectOption('27'); // Electric Guitar (clean)
    await setBars(page, 4);
    await generate(page, 'Compose');
    await page.getByLabel('Target track', { exact: true }).selectOption('1');
    await page.screenshot({ path: `test-results/band-sidebar-compose-${size.width}x${size.height}.png` });
    await expectNoOverflow(page);

    await uploadBytes(page, 'long-names.mid', longNamesFile());
    await expect(page.locator('.notice')).toContainText('long-names.mid: Mapped');
    await generate(page, 'Continue');
    await expect(page.locator('.notice')).toContainText('Continued 7 of 7 tracks.');
    await page.getByLabel('Target track', { exact: true }).selectOption('3');
    await page.screenshot({ path: `test-results/band-sidebar-continue-${size.width}x${size.height}.png` });
    await expectNoOverflow(page);
    const row = page.locator('.tracks li').nth(3).getByRole('button').first();
    await expect(row).toHaveAttribute('title', 'Electric Guitar (clean) rhythm, doubled');
  });
}
