// Recording from a MIDI keyboard, with a scripted Web MIDI input: the count-in, a take placed by
// its MIDI timestamps (delivered late on purpose), quantised or not, velocities and the sustain
// pedal, one undo step, and a keyboard unplugged mid-take.
import { expect, test, type Page } from '@playwright/test';
import {
  BAND_MODEL,
  chooseModel,
  downloadMidi,
  ensureBandModel,
  generate,
  makeMidi,
  notesOf,
  openApp,
  removeBandModel,
  rollSummary,
  twoBarChorale,
  uploadBytes,
  type TestNote,
} from './helpers';
import { connectMidi, installFakeMidi, playScript, takeStart, type ScriptedMessage } from './fakeMidi';

// 120 BPM at 480 PPQ: a beat is 500 ms, a tick 500/480 ms; the snap is a 16th (120 ticks).
const MS_PER_TICK = 500 / 480;
const SIXTEENTH = 120;

/** A riff on the soprano's track: an eager downbeat in the count-in, a note-on with velocity 0 as note-off, and the pedal. */
const RIFF: ScriptedMessage[] = [
  { at: -30, data: [0x90, 62, 127] }, // 30 ms early: lands on the downbeat
  { at: 10, data: [0x90, 60, 100] },
  { at: 200, data: [0x80, 62, 0] },
  { at: 240, data: [0x90, 60, 0] },
  { at: 760, data: [0x90, 64, 45] },
  { at: 1000, data: [0x80, 64, 0] },
  { at: 1100, data: [0xb0, 64, 127] }, // pedal down
  { at: 1250, data: [0x90, 67, 90] },
  { at: 1400, data: [0x80, 67, 0] }, // held by the pedal…
  { at: 2000, data: [0xb0, 64, 0] }, // …until here
];

/** What the riff should become: [pitch, on ms, off ms, velocity]. */
const PLAYED: [number, number, number, number][] = [
  [62, -30, 200, 127],
  [60, 10, 240, 100],
  [64, 760, 1000, 45],
  [67, 1250, 2000, 90],
];

function expected(quantise: boolean): TestNote[] {
  return PLAYED.map(([pitch, on, off, velocity]) => {
    const at = Math.max(0, on / MS_PER_TICK); // the eager note starts on the downbeat and ends where it was let go
    const ticks = quantise ? Math.round(at / SIXTEENTH) * SIXTEENTH : Math.round(at);
    return { pitch, ticks, durationTicks: Math.round(off / MS_PER_TICK - at), velocity };
  });
}

const byTime = (a: TestNote, b: TestNote) => a.ticks - b.ticks || a.pitch - b.pitch;

async function soprano(page: Page): Promise<TestNote[]> {
  return notesOf(await downloadMidi(page)).filter((t) => t.length > 0)[0];
}

async function recordRiff(page: Page, shot?: string): Promise<void> {
  await page.keyboard.press('r');
  await expect(page.getByRole('button', { name: 'Stop recording', exact: true })).toBeVisible();
  await expect(page.locator('.rec-state')).toContainText('Count-in');
  const origin = await takeStart(page);
  if (shot) {
    await expect(page.locator('.rec-state')).toHaveText(/Count-in [1-4]/);
    await page.screenshot({ path: `test-results/${shot}-count-in.png` });
  }
  await playScript(page, RIFF, origin);
  await expect(page.locator('.rec-state')).toHaveText('● Recording');
  if (shot) await page.screenshot({ path: `test-results/${shot}-take.png` });
  await page.getByRole('button', { name: 'Stop recording', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Record', exact: true })).toBeVisible();
}

test('a take lands at its MIDI timestamps, quantised or not, with velocities and sustain, as one undo step', async ({
  page,
}) => {
  await installFakeMidi(page, 'devices');
  await openApp(page);
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 120, meter: [4, 4], voices: twoBarChorale() }));
  await expect(page.locator('.notice')).toContainText('chorale.mid');
  await connectMidi(page);
  await expect(page.getByLabel('MIDI input', { exact: true })).toHaveValue('fake-in-1'); // the one keyboard is chosen
  await expect(page.getByLabel('MIDI input', { exact: true }).locator('option')).toHaveText(['None', 'Test Keys']);
  await page.getByLabel('Draw into', { exact: true }).selectOption({ index: 0 });
  const before = (await soprano(page)).sort(byTime);

  await recordRiff(page, 'midi-record');
  await expect(page.locator('.notice')).toContainText('Recorded 4 notes');
  // The keys sounded as they came (monitoring): the panel says how long after each key its sound started.
  await expect(page.locator('.midi-latency')).toContainText(/Keys sound \d+ ms after the keyboard/);
  const quantised = (await soprano(page)).sort(byTime);
  expect(quantised).toEqual([...before, ...expected(true)].sort(byTime));

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  expect((await soprano(page)).sort(byTime)).toEqual(before);

  await page.getByRole('button', { name: 'To start', exact: true }).click();
  await page.getByLabel(/^Quantise/).uncheck();
  await recordRiff(page);
  expect((await soprano(page)).sort(byTime)).toEqual([...before, ...expected(false)].sort(byTime));
});

test('with Loop on, the take goes round the loop: a key played in the second pass lands in the same bar', async ({
  page,
}) => {
  await installFakeMidi(page, 'devices');
  await openApp(page);
  await uploadBytes(page, 'chorale.mid', makeMidi({ bpm: 120, meter: [4, 4], voices: twoBarChorale() }));
  await expect(page.locator('.notice')).toContainText('chorale.mid');
  await connectMidi(page);
  await page.getByLabel('Draw into', { exact: true }).selectOption({ index: 3 });
  await page.getByText('Loop', { exact: true }).click();
  await page.getByLabel('to', { exact: true }).fill('1'); // loop bar 1: 2 s at 120 BPM
  const before = notesOf(await downloadMidi(page))[3].sort(byTime);
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  const origin = await takeStart(page);
  const script: ScriptedMessage[] = [
    { at: 500, data: [0x90, 41, 70] }, // pass 1, beat 2
    { at: 700, data: [0x80, 41, 0] },
    { at: 2000 + 1500, data: [0x90, 43, 90] }, // pass 2, beat 4
    { at: 2000 + 1700, data: [0x80, 43, 0] },
  ];
  await playScript(page, script, origin);
  await page.getByRole('button', { name: 'Stop recording', exact: true }).click();
  const after = notesOf(await downloadMidi(page))[3].sort(byTime);
  const take = [
    { pitch: 41, ticks: 480, durationTicks: 192, velocity: 70 },
    { pitch: 43, ticks: 1440, durationTicks: 192, velocity: 90 },
  ];
  expect(after).toEqual([...before, ...take].sort(byTime));
});

test('a keyboard unplugged mid-take keeps the notes played so far; plugged in again it is listed', async ({ page }) => {
  await installFakeMidi(page, 'devices');
  await openApp(page);
  await connectMidi(page);
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  const origin = await takeStart(page);
  await playScript(page, RIFF.slice(0, 5), origin); // up to the 64 struck and still held
  await page.evaluate(() => (window as unknown as { __midi: { unplug: () => void } }).__midi.unplug());
  await expect(page.getByRole('button', { name: 'Record', exact: true })).toBeVisible();
  await expect(page.locator('.midi-note')).toHaveText(
    '“Test Keys” was unplugged during the take; the 3 notes played before are kept.',
  );
  await expect(page.getByLabel('MIDI input', { exact: true }).locator('option')).toHaveText(['None']);
  const notes = notesOf(await downloadMidi(page)).flat();
  expect(notes.map((n) => [n.pitch, n.velocity])).toEqual([
    [60, 100],
    [62, 127],
    [64, 45],
  ]);
  await page.evaluate(() => (window as unknown as { __midi: { plug: () => void } }).__midi.plug());
  await expect(page.getByLabel('MIDI input', { exact: true })).toHaveValue('fake-in-1');
});

test.describe('with a band model', () => {
  test.beforeAll(() => ensureBandModel());
  test.afterAll(() => removeBandModel());

  test('after a bass take, "Write the band around it" adds the chosen instruments with the take as context; Continue goes on from it', async ({
    page,
  }) => {
    await installFakeMidi(page, 'devices');
    await openApp(page);
    await chooseModel(page, BAND_MODEL);
    await page.getByLabel('Preset').selectOption({ label: 'Rock band: drums, bass, guitar, keys, lead' });
    await page.getByLabel('Seed', { exact: true }).fill('3');
    await connectMidi(page);
    // On an empty roll, Draw into names the tracks Compose would make; the take makes only the bass.
    await page.getByLabel('Draw into', { exact: true }).selectOption({ label: 'Electric Bass (finger)' });
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    const origin = await takeStart(page);
    const riff = [40, 40, 43, 45, 40, 40, 47, 45].flatMap((pitch, i): ScriptedMessage[] => [
      { at: i * 250, data: [0x90, pitch, 80 + 5 * i] },
      { at: i * 250 + 200, data: [0x80, pitch, 0] },
    ]);
    await playScript(page, riff, origin);
    await page.getByRole('button', { name: 'Stop recording', exact: true }).click();
    await expect(page.locator('.notice')).toContainText('Recorded 8 notes into Electric Bass (finger)');
    expect(await rollSummary(page)).toEqual({ tracks: 1, bars: 1, notes: 8 });
    const bass = notesOf(await downloadMidi(page))[0];

    const answer = page.getByRole('group', { name: 'Let the band answer' });
    const offered = answer.getByRole('checkbox');
    await expect(offered).toHaveCount(4);
    await expect(answer).toContainText('Drums');
    await answer.getByLabel('Overdriven Guitar').uncheck();
    await answer.getByRole('button', { name: 'Write the band around it' }).click();
    await expect.poll(async () => (await rollSummary(page)).tracks, { timeout: 120_000 }).toBe(4);
    await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled({ timeout: 60_000 });
    await expect(page.locator('.tracks li')).toHaveText([
      /Electric Bass \(finger\)/,
      /Drums/,
      /Electric Piano 1/,
      /Lead 1 \(square\)/,
    ]);
    await page.screenshot({ path: 'test-results/midi-band-answer.png' });
    const band = notesOf(await downloadMidi(page));
    expect(band[0], 'the take is kept as played').toEqual(bass);
    expect(
      band.slice(1).reduce((n, t) => n + t.length, 0),
      'the band wrote notes',
    ).toBeGreaterThan(0);

    await generate(page, 'Continue');
    const continued = await rollSummary(page);
    expect(continued.bars).toBeGreaterThan(1);
    expect(notesOf(await downloadMidi(page))[0].slice(0, 8)).toEqual(bass);
  });
});
