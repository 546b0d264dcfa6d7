// Editing a GM piece with the random tiny band model: Regenerate track, Regenerate bar, Variations and
// Add to piece rewrite only what they should, and every track keeps its GM program (drums on channel 10).
import { expect, test, type Page } from '@playwright/test';
import {
  BAND_MODEL,
  chooseModel,
  downloadMidi,
  ensureBandModel,
  generate,
  notesOf,
  openApp,
  removeBandModel,
  rollSummary,
  setBars,
  uploadBytes,
  type MidiFile,
} from './helpers';
import { multiTrackMidi } from './rollHelpers';

test.beforeAll(() => ensureBandModel());
test.afterAll(() => removeBandModel());

/** Each track's [channel, program] as the downloaded file has them. */
const instruments = (m: MidiFile) =>
  m.tracks.filter((t) => t.notes.length > 0).map((t) => [t.channel, t.instrument.number]);

/** The downloaded notes at 480 PPQ (the file's own PPQ may differ), per track. */
function notes480(m: MidiFile) {
  const scale = 480 / m.header.ppq;
  return notesOf(m).map((track) =>
    track.map((n) => ({ ...n, ticks: n.ticks * scale, durationTicks: n.durationTicks * scale })),
  );
}

const BAR = 1920;

async function composeRockBand(page: Page): Promise<MidiFile> {
  await openApp(page);
  await chooseModel(page, BAND_MODEL);
  await page.getByLabel('Preset').selectOption({ label: 'Rock band: drums, bass, guitar, keys, lead' });
  await setBars(page, 4);
  await page.getByLabel('Seed', { exact: true }).fill('5');
  await generate(page, 'Compose');
  return downloadMidi(page);
}

test('after a rock-band compose, Regenerate track rewrites the bass only, Regenerate bar one bar of the keys, Variations continue every track', async ({
  page,
}) => {
  const composed = await composeRockBand(page);
  const programs = instruments(composed);
  expect(programs.map(([, program]) => program)).toEqual([0, 33, 29, 4, 80]);
  expect(programs.map(([channel]) => channel === 9)).toEqual([true, false, false, false, false]);
  const before = notes480(composed);

  // Regenerate the bass (track 2): every other track stays note for note, the bass keeps its program.
  await page.getByLabel('Target track', { exact: true }).selectOption('1');
  await generate(page, 'Regenerate track');
  const regenerated = await downloadMidi(page);
  expect(instruments(regenerated)).toEqual(programs);
  const afterTrack = notes480(regenerated);
  for (const t of [0, 2, 3, 4]) expect(afterTrack[t], `track ${t + 1}`).toEqual(before[t]);
  expect(afterTrack[1]).not.toEqual(before[1]);
  for (const n of afterTrack[1]) expect(n.ticks + n.durationTicks).toBeLessThanOrEqual(4 * BAR);
  await expect(page.getByRole('alert')).toBeEmpty();

  // Regenerate bar 2 of the keys (track 4): only that bar of that track may change.
  await page.getByLabel('Target track', { exact: true }).selectOption('3');
  await page.getByLabel('Target bar', { exact: true }).fill('2');
  await generate(page, 'Regenerate bar');
  const filled = await downloadMidi(page);
  expect(instruments(filled)).toEqual(programs);
  const afterBar = notes480(filled);
  for (const t of [0, 1, 2, 4]) expect(afterBar[t], `track ${t + 1}`).toEqual(afterTrack[t]);
  const outsideBar2 = (ns: (typeof afterBar)[number]) => ns.filter((n) => n.ticks < BAR || n.ticks >= 2 * BAR);
  expect(outsideBar2(afterBar[3])).toEqual(outsideBar2(afterTrack[3]));
  await expect(page.getByRole('alert')).toBeEmpty();

  // Variations of the piece continue it: pick one, and the first 4 bars of every track are as they were.
  await generate(page, 'Variations');
  await expect(page.getByRole('button', { name: /^Pick \d$/ })).toHaveCount(3);
  await page.getByRole('button', { name: 'Pick 2', exact: true }).click();
  await expect.poll(async () => (await rollSummary(page)).bars).toBe(8);
  const picked = await downloadMidi(page);
  expect(instruments(picked)).toEqual(programs);
  const afterPick = notes480(picked);
  afterPick.forEach((track, t) =>
    expect(
      track.filter((n) => n.ticks < 4 * BAR),
      `track ${t + 1}`,
    ).toEqual(afterBar[t]),
  );
  expect(afterPick.filter((track) => track.some((n) => n.ticks >= 4 * BAR)).length).toBeGreaterThanOrEqual(3);
});

test('Add to piece writes a bass for a drums-and-keys piece, with its program, and leaves the others as they were', async ({
  page,
}) => {
  await openApp(page);
  await chooseModel(page, BAND_MODEL); // a GM model is active, so the upload stays on it
  const beats = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  const file = multiTrackMidi([
    {
      name: 'Drums',
      program: 0,
      drums: true,
      notes: beats.flatMap((b): [number, number, number][] => [
        [b % 2 ? 38 : 36, b, 0.25],
        [42, b + 0.5, 0.25],
      ]),
    },
    {
      name: 'Keys',
      program: 4,
      notes: [0, 4, 8, 12].flatMap((b): [number, number, number][] =>
        [60, 64, 67].map((p) => [p + (b % 8 ? 5 : 0), b, 4]),
      ),
    },
  ]);
  await uploadBytes(page, 'drums-keys.mid', file);
  await expect(page.locator('.notice')).toContainText('drums-keys.mid: Mapped');
  const original = await downloadMidi(page);

  await page.getByLabel('Instrument to add', { exact: true }).selectOption('33');
  await generate(page, 'Add to piece');
  await expect(page.locator('.tracks li').last()).toContainText('Electric Bass (finger)');
  const added = await downloadMidi(page);
  const withNotes = added.tracks.filter((t) => t.notes.length > 0);
  expect(withNotes).toHaveLength(3);
  expect(instruments(added).slice(0, 2)).toEqual(instruments(original));
  expect(notes480(added).slice(0, 2)).toEqual(notes480(original));
  const bass = withNotes[2];
  expect(bass.instrument.number).toBe(33);
  expect(bass.channel).not.toBe(9);
  expect(bass.notes.length).toBeGreaterThan(0);
  for (const n of bass.notes) expect(n.ticks + n.durationTicks).toBeLessThanOrEqual(4 * BAR * (added.header.ppq / 480));
  await expect(page.getByRole('alert')).toBeEmpty();
});
