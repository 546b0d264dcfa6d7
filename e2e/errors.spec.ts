import { expect, test } from '@playwright/test';
import { bundledBand, makeMidi, openApp, rollSummary, TEST_MODEL, twoBarChorale, uploadBytes } from './helpers';

test('files the app cannot use get an alert that says why, and the current piece stays', async ({ page }) => {
  await openApp(page);
  await uploadBytes(page, 'good.mid', makeMidi({ bpm: 100, meter: [4, 4], voices: twoBarChorale() }));
  await expect(page.getByText('good.mid: Mapped')).toBeVisible();
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(32); // drawn a frame after it loads
  const piece = await rollSummary(page);
  expect(piece.notes).toBe(32);
  const alert = page.getByRole('alert');

  await uploadBytes(page, 'corrupt.mid', Buffer.from('MThd this is not really a MIDI file at all'));
  await expect(alert).toContainText('"corrupt.mid" can\'t be used');
  await expect(alert).toContainText(/MIDI|corrupt/i);
  expect(await rollSummary(page)).toEqual(piece);

  await uploadBytes(page, 'text.mid', Buffer.from('hello, world'));
  await expect(alert).toContainText('"text.mid" can\'t be used');
  expect(await rollSummary(page)).toEqual(piece);

  await uploadBytes(page, 'waltz.mid', makeMidi({ bpm: 100, meter: [3, 4], voices: twoBarChorale() }));
  await expect(alert).toContainText('"waltz.mid" can\'t be used');
  await expect(alert).toContainText('3/4');
  await expect(alert).toContainText('4/4');
  expect(await rollSummary(page)).toEqual(piece);

  await uploadBytes(page, 'empty.mid', makeMidi({ bpm: 100, meter: [4, 4], voices: [[]] }));
  await expect(alert).toContainText('"empty.mid" can\'t be used');
  await expect(alert).toContainText(/no notes/);
  expect(await rollSummary(page)).toEqual(piece);

  await uploadBytes(page, 'zero.mid', Buffer.alloc(0));
  await expect(alert).toContainText('"zero.mid" can\'t be used: the file is empty');
  expect(await rollSummary(page)).toEqual(piece);

  // A run of garbage inside a track: the alert names the track and the byte.
  const good = makeMidi({ bpm: 100, meter: [4, 4], voices: twoBarChorale() });
  const broken = Buffer.from(good);
  broken.fill(0xac, good.length - 40, good.length - 30);
  await uploadBytes(page, 'broken.mid', broken);
  await expect(alert).toContainText(/"broken\.mid" can't be used: corrupt MIDI file: track \d+, byte [\d,]+: /);
  expect(await rollSummary(page)).toEqual(piece);
  await page.screenshot({ path: test.info().outputPath('broken-alert.png') });
});

test('a drums-only file switches to the bundled band model, with the way back; without one it cannot be used', async ({
  page,
}) => {
  await openApp(page);
  await uploadBytes(page, 'good.mid', makeMidi({ bpm: 100, meter: [4, 4], voices: twoBarChorale() }));
  await expect(page.getByText('good.mid: Mapped')).toBeVisible();
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(32); // drawn a frame after it loads
  const piece = await rollSummary(page);
  await uploadBytes(
    page,
    'drums.mid',
    makeMidi({ bpm: 100, meter: [4, 4], voices: twoBarChorale().slice(0, 1), drums: true }),
  );
  const band = bundledBand();
  if (band === null) {
    // Only the chorale model is there (a checkout without models/band): nothing it can play, and the piece stays.
    await expect(page.getByRole('alert')).toContainText('"drums.mid" can\'t be used: no tracks the model can play');
    expect(await rollSummary(page)).toEqual(piece);
    return;
  }
  await expect(page.locator('.notice')).toContainText(
    `drums.mid: using the ${band} model, because it has drums (the ${TEST_MODEL} model plays four voices).`,
  );
  await expect(page.locator('.notice')).toContainText('Voice 1 → Drums');
  await expect(page.getByRole('status')).toContainText(`Model ${band}`);
  expect(await rollSummary(page)).toEqual({ tracks: 1, bars: 2, notes: 8 });
  await page.getByRole('button', { name: `Back to ${TEST_MODEL}` }).click();
  await expect(page.getByRole('status')).toContainText(`Model ${TEST_MODEL}`, { timeout: 60_000 });
});
