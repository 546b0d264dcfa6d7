import { expect, test } from '@playwright/test';
import { downloadMidi, generate, longTasks, notesOf, openApp, rollSummary, setBars, tokensOfMidi, watchLongTasks } from './helpers';

test('compose draws notes bar by bar, and the download parses back to the same notes', async ({ page }, testInfo) => {
  await openApp(page);
  await setBars(page, 4);
  await generate(page, 'Compose');
  const drawn = await rollSummary(page);
  expect(drawn.tracks).toBe(4);
  expect(drawn.notes).toBeGreaterThan(0);
  expect(drawn.bars).toBeLessThanOrEqual(4);
  await page.screenshot({ path: testInfo.outputPath('composed.png') });
  await page.screenshot({ path: 'test-results/composed-piece.png' });

  const midi = await downloadMidi(page);
  const tracks = notesOf(midi).filter((t) => t.length > 0);
  expect(tracks.flat()).toHaveLength(drawn.notes);
  expect(Math.round(midi.header.tempos[0]?.bpm ?? 120)).toBe(120);
  // The file, read by an independent MIDI parser and encoded, gives the tokens the app shows.
  expect(tokensOfMidi(midi)).toBe(normalize(await tokenText(page)));
});

test('a 16-bar compose never blocks the main thread for long (printed)', async ({ page }) => {
  await watchLongTasks(page);
  await openApp(page);
  await setBars(page, 16);
  await longTasks(page); // page load and model load are not part of the measurement
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  await expect.poll(async () => (await rollSummary(page)).notes, { timeout: 60_000 }).toBeGreaterThan(0);
  const firstNote = Date.now() - t0;
  await expect(page.getByRole('button', { name: 'Compose', exact: true })).toBeEnabled({ timeout: 120_000 });
  const total = Date.now() - t0;
  const tasks = await longTasks(page);
  const summary = await rollSummary(page);
  console.log(
    `[perf] 16-bar compose (random tiny model, WASM): first note drawn ${firstNote} ms, done ${total} ms, ${summary.notes} notes; ` +
      `long tasks: ${tasks.length}, longest ${Math.round(Math.max(0, ...tasks))} ms, over 50 ms: ${tasks.filter((d) => d > 50).length}`,
  );
  expect(summary.notes).toBeGreaterThan(0);
});

async function tokenText(page: import('@playwright/test').Page): Promise<string> {
  const details = page.locator('details.tokens');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByText('Tokens', { exact: true }).click();
  const pre = page.getByLabel('mmmtrack tokens');
  await expect(pre).toContainText('PIECE_START');
  return (await pre.textContent()) ?? '';
}

const normalize = (text: string) => text.split(/\s+/).filter(Boolean).join(' ');
