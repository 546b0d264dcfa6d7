// Playback to a MIDI output, with a scripted Web MIDI output that records what it is sent; and
// what the MIDI panel says when MIDI can't work (no Web MIDI, permission refused, no device).
import { expect, test } from '@playwright/test';
import midiPkg from '@tonejs/midi';
import { makeMidi, namedTracksMidi, openApp, twoBarChorale, uploadBytes, type NamedTrack } from './helpers';
import { connectMidi, installFakeMidi, sentMessages, type SentMessage } from './fakeMidi';

const { Midi } = midiPkg;
const MS_PER_TICK = 500 / 480; // 120 BPM, 480 PPQ

/** Two bars of drums (channel 10), a bass (channel 2, program 33) and keys (channel 1, program 4), with a repeated legato note. */
function trioFile(): Buffer {
  const tracks: NamedTrack[] = [];
  const add = (...track: NamedTrack) => tracks.push(track);
  add('Keys', 0, 4, [
    [60, 0, 960, 70],
    [64, 0, 960, 71],
    [62, 960, 480, 72],
    [62, 1440, 480, 73], // starts as the one before ends
    [67, 1920, 1920, 74],
  ]);
  add(
    'Bass',
    1,
    33,
    [0, 1, 2, 3, 4, 5, 6, 7].map((q) => [36 + (q % 3), q * 480, 400, 90 + q] as [number, number, number, number]),
  );
  add(
    'Drums',
    9,
    0,
    [0, 1, 2, 3, 4, 5, 6, 7].map((q) => [q % 2 ? 38 : 36, q * 480, 120, 100 + q] as [number, number, number, number]),
  );
  return namedTracksMidi(120, tracks);
}

type Played = [channel: number, pitch: number, velocity: number, start: number, duration: number];

/** Pair the note-ons and offs sent (in timestamp order) into notes, in ticks from the first note-on. */
function notesSent(sent: SentMessage[]): Played[] {
  const ons = sent.filter((m) => (m.data[0] & 0xf0) === 0x90);
  const t0 = Math.min(...ons.map((m) => m.timestamp));
  const tick = (ms: number) => Math.round((ms - t0) / MS_PER_TICK);
  const open = new Map<number, SentMessage>();
  const out: Played[] = [];
  for (const m of sent) {
    const [status, pitch, velocity] = m.data;
    const key = (status & 0x0f) * 128 + pitch;
    if ((status & 0xf0) === 0x90) open.set(key, m);
    else if ((status & 0xf0) === 0x80) {
      const on = open.get(key)!;
      open.delete(key);
      out.push([status & 0x0f, pitch, on.data[2], tick(on.timestamp), tick(m.timestamp) - tick(on.timestamp)]);
      void velocity;
    }
  }
  expect(open.size, 'every note-on has its note-off').toBe(0);
  return out.sort((a, b) => a[3] - b[3] || a[0] - b[0] || a[1] - b[1]);
}

test('playback sends exactly the piece to the MIDI output: programs, channels (drums on 10) and notes in order, all-notes-off at the end and on pause', async ({
  page,
}) => {
  await installFakeMidi(page, 'devices');
  await openApp(page);
  const bytes = trioFile();
  await uploadBytes(page, 'trio.mid', bytes);
  await expect(page.locator('.notice')).toContainText('trio.mid');
  await connectMidi(page);
  await page.getByLabel('MIDI output', { exact: true }).selectOption({ label: 'Test Synth' });
  await page.getByLabel('Mute the page').check();

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible({ timeout: 20_000 }); // the piece ended
  const sent = await sentMessages(page);

  // In the order sent, timestamps never go back: the port plays them as sent.
  const stamps = sent.map((m) => m.timestamp);
  expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  // A program change per track on its own channel, before any note.
  const firstNote = sent.findIndex((m) => (m.data[0] & 0xf0) === 0x90);
  expect(sent.slice(0, firstNote).map((m) => m.data)).toEqual([
    [0xc0, 4],
    [0xc1, 33],
    [0xc9, 0],
  ]);
  // Exactly the file's notes, each on its channel with its velocity, start and length.
  const file = new Midi(bytes);
  const expected: Played[] = file.tracks
    .flatMap((t) =>
      t.notes.map((n): Played => [t.channel, n.midi, Math.round(n.velocity * 127), n.ticks, n.durationTicks]),
    )
    .sort((a, b) => a[3] - b[3] || a[0] - b[0] || a[1] - b[1]);
  expect(notesSent(sent.slice(firstNote))).toEqual(expected);
  // The end: all-notes-off on each channel used, after the last note.
  expect(sent.slice(-3).map((m) => m.data)).toEqual([
    [0xb0, 123, 0],
    [0xb1, 123, 0],
    [0xb9, 123, 0],
  ]);

  // Pause mid-piece: every note struck is let go, then all-notes-off.
  const before = sent.length;
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction(
    (n) => (window as unknown as { __midi: { sent: unknown[] } }).__midi.sent.length > n + 10,
    before,
  );
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const paused = (await sentMessages(page)).slice(before);
  expect(paused.slice(0, 3).map((m) => m.data[0])).toEqual([0xc0, 0xc1, 0xc9]);
  notesSent(paused.filter((m) => (m.data[0] & 0xe0) === 0x80)); // pairs every on with an off
  expect(paused.filter((m) => m.data[1] === 123).map((m) => m.data[0])).toEqual([0xb0, 0xb1, 0xb9]);
});

test('without Web MIDI the panel says so and the rest of the app works as before', async ({ page }) => {
  await installFakeMidi(page, 'no-web-midi');
  await openApp(page);
  await expect(page.locator('.midi-note')).toHaveText(/This browser has no Web MIDI/);
  await expect(page.getByRole('button', { name: 'Connect MIDI' })).toHaveCount(0);
  await expect(page.getByLabel('MIDI input', { exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Choose a MIDI input to record from first');
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 120, meter: [4, 4], voices: twoBarChorale() }));
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect
    .poll(async () => Number(await page.getByLabel('Position').getAttribute('data-tick')), { timeout: 15_000 })
    .toBeGreaterThan(240);
});

test('a refused permission says how to allow MIDI; Connect MIDI stays to try again', async ({ page }) => {
  await installFakeMidi(page, 'denied');
  await openApp(page);
  await page.getByRole('button', { name: 'Connect MIDI', exact: true }).click();
  await expect(page.locator('.midi-note')).toHaveText(
    /MIDI access was refused\. To play in from a keyboard, allow MIDI for this site/,
  );
  await expect(page.getByRole('button', { name: 'Connect MIDI', exact: true })).toBeEnabled();
  await expect(page.getByLabel('MIDI output', { exact: true })).toBeDisabled();
});

test('with no device connected the panel says so, and a keyboard plugged in later is listed and chosen', async ({
  page,
}) => {
  await installFakeMidi(page, 'no-devices');
  await openApp(page);
  await connectMidi(page);
  await expect(page.locator('.midi-note')).toHaveText(
    'No MIDI device is connected. Plug in a keyboard: it appears here by itself.',
  );
  await expect(page.getByLabel('MIDI input', { exact: true }).locator('option')).toHaveText(['None']);
  await page.evaluate(() => (window as unknown as { __midi: { plug: () => void } }).__midi.plug());
  await expect(page.getByLabel('MIDI input', { exact: true })).toHaveValue('fake-in-1');
  await expect(page.getByLabel('MIDI output', { exact: true }).locator('option')).toHaveText(['None', 'Test Synth']);
  await expect(page.locator('.midi-note')).toHaveCount(0);
});
