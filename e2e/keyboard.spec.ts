import { expect, test } from '@playwright/test';
import { generate, makeMidi, openApp, setBars, trackCounts, twoBarChorale, uploadBytes } from './helpers';

test('Space presses a focused button instead of toggling playback; elsewhere it plays and pauses', async ({ page }) => {
  await openApp(page);
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 120, meter: [4, 4], voices: twoBarChorale() }));
  await expect(page.getByText('chorale.mid: Mapped')).toBeVisible();
  const play = page.getByRole('button', { name: 'Play', exact: true });

  const lock = page.getByRole('button', { name: 'Lock seed' });
  await lock.focus();
  await page.keyboard.press('Space');
  await expect(lock).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(lock).toHaveAttribute('aria-pressed', 'false');
  await page.waitForTimeout(300);
  await expect(play).toBeVisible(); // playback never started

  // A checkbox ticks, a focused select keeps Space too.
  const guard = page.getByLabel('Voice-leading guard');
  await guard.focus();
  await page.keyboard.press('Space');
  await expect(guard).not.toBeChecked();
  await expect(play).toBeVisible();

  // With nothing focused (or the roll), Space is play/pause.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(play).toBeVisible();
});

test('the target track and bar can be chosen, and Regenerate bar run, from the keyboard', async ({ page }) => {
  await openApp(page);
  await setBars(page, 4);
  await generate(page, 'Compose');
  const before = await trackCounts(page);

  const track = page.getByLabel('Target track');
  await track.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // none -> 1 -> 2 -> 3: Tenor
  await expect(track).toHaveValue('2');
  await expect(page.getByRole('button', { name: 'Tenor', exact: true })).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Target bar')).toBeFocused();
  await page.keyboard.type('2');
  await expect(page.getByLabel('Target bar')).toHaveValue('2');

  // Tab on to Regenerate bar (past Regenerate track) and press it with Enter.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Regenerate bar', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Regenerate bar', exact: true })).toBeEnabled({ timeout: 60_000 });
  const after = await trackCounts(page);
  expect([after[0], after[1], after[3]]).toEqual([before[0], before[1], before[3]]);
  await expect(page.getByRole('alert')).toBeEmpty();

  // Ctrl+Z from a button undoes the regeneration; in a text field it would be the field's own.
  await page.keyboard.press('Control+z');
  await expect.poll(() => trackCounts(page)).toEqual(before);
});
