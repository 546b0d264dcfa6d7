import { expect, test } from '@playwright/test';
import { makeMidi, openApp, rollSummary, twoBarChorale, uploadBytes } from './helpers';

test('files the app cannot use get an alert that says why, and the current piece stays', async ({ page }) => {
  await openApp(page);
  await uploadBytes(page, 'good.mid', makeMidi({ bpm: 100, meter: [4, 4], voices: twoBarChorale() }));
  await expect(page.getByText('good.mid: Mapped')).toBeVisible();
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

  await uploadBytes(page, 'drums.mid', makeMidi({ bpm: 100, meter: [4, 4], voices: twoBarChorale().slice(0, 1), drums: true }));
  await expect(alert).toContainText('"drums.mid" can\'t be used: no tracks the model can play');
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
