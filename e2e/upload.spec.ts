import { expect, test } from '@playwright/test';
import {
  downloadMidi,
  generate,
  makeMidi,
  notesOf,
  openApp,
  rollSummary,
  setBars,
  twoBarChorale,
  uploadBytes,
} from './helpers';

test('an uploaded MIDI is continued by 4 bars; its notes and tempo come back unchanged', async ({ page }) => {
  await openApp(page);
  const voices = twoBarChorale();
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 84, meter: [4, 4], voices }));
  await expect(page.getByText(/chorale\.mid: Mapped .*Soprano/)).toBeVisible();
  // The roll says what it shows when it next draws (a frame after the piece loads).
  await expect.poll(() => rollSummary(page)).toEqual({ tracks: 4, bars: 2, notes: 32 });

  await setBars(page, 4);
  await generate(page, 'Continue');
  const after = await rollSummary(page);
  expect(after.notes).toBeGreaterThan(32);

  const midi = await downloadMidi(page);
  expect(midi.header.tempos[0].bpm).toBeCloseTo(84, 1);
  const scale = midi.header.ppq / 480;
  const tracks = notesOf(midi).filter((t) => t.length > 0);
  expect(tracks).toHaveLength(4);
  voices.forEach((voice, v) => {
    const original = voice.map((n) => ({ ...n, ticks: n.ticks * scale, durationTicks: n.durationTicks * scale }));
    expect(tracks[v].slice(0, original.length)).toEqual(original);
  });
  const added = tracks.flat().filter((n) => n.ticks >= 2 * 1920 * scale);
  expect(added.length).toBe(after.notes - 32);
  expect(added.length).toBeGreaterThan(0);
  expect(Math.max(...added.map((n) => n.ticks + n.durationTicks))).toBeLessThanOrEqual(6 * 1920 * scale);
});

test('a MIDI file dropped onto the page is loaded like an upload', async ({ page }) => {
  await openApp(page);
  const bytes = [...makeMidi({ bpm: 100, meter: [4, 4], voices: twoBarChorale() })];
  await page.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'dropped.mid', { type: 'audio/midi' }));
    const target = document.querySelector('.app')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await expect(page.getByText(/dropped\.mid: Mapped/)).toBeVisible();
  await expect.poll(() => rollSummary(page)).toEqual({ tracks: 4, bars: 2, notes: 32 });
});
