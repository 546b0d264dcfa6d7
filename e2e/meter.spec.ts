// Real bar lines in the app: files whose meter changes (a mid-song 2/4 bar; 3/4 sections and a
// 3/4 ending) are uploaded, continued and downloaded. The new bars start at the file's own next
// bar line, every uploaded note comes back as it was, and the downloaded file carries the meter
// map. Files are read back with @tonejs/midi, not the app's reader.
import { expect, test } from '@playwright/test';
import { songWithThreeFourSections, songWithTwoFourBar } from '../src/music/testing/meterSongs';
import { downloadMidi, generate, notesOf, openApp, rollSummary, setBars, uploadBytes, type MidiFile } from './helpers';
import midiPkg from '@tonejs/midi';

const { Midi } = midiPkg;
const meterOf = (m: MidiFile) => m.header.timeSignatures.map((t) => [t.ticks, ...t.timeSignature]);

async function continueFile(page: import('@playwright/test').Page, name: string, bytes: Uint8Array) {
  await openApp(page);
  await uploadBytes(page, name, Buffer.from(bytes));
  // With the band model bundled these drum songs switch to it first ("…: using the band model, because … Mapped …").
  await expect(page.getByText(new RegExp(`${name.replace('.', '\\.')}: (.* )?Mapped`))).toBeVisible();
  const uploaded = await rollSummary(page);
  await setBars(page, 4);
  await generate(page, 'Continue');
  return { uploaded, before: new Midi(bytes), after: await downloadMidi(page) };
}

/** Notes of `after` past the uploaded ones, per track (tracks keep their order; notes are appended in time). */
function addedNotes(before: MidiFile, after: MidiFile) {
  const old = notesOf(before).filter((t) => t.length > 0);
  const now = notesOf(after).filter((t) => t.length > 0);
  old.forEach((t, i) => expect(now[i].slice(0, t.length)).toEqual(t));
  return now.flatMap((t, i) => t.slice(old[i]?.length ?? 0));
}

test('a 4/4 song with one 2/4 bar is continued from its bar line at beat 130', async ({ page }) => {
  const { uploaded, before, after } = await continueFile(page, 'two-four.mid', songWithTwoFourBar());
  expect(uploaded).toEqual({ tracks: 3, bars: 33, notes: 293 });
  expect(meterOf(after)).toEqual(meterOf(before));
  const added = addedNotes(before, after);
  expect(added.length).toBeGreaterThan(0);
  const ppq = after.header.ppq;
  for (const n of added) {
    expect(n.ticks).toBeGreaterThanOrEqual(130 * ppq);
    expect(n.ticks + n.durationTicks).toBeLessThanOrEqual((130 + 16) * ppq);
    expect((n.ticks - 130 * ppq) % (ppq / 4)).toBe(0);
  }
});

test('a song that ends in 3/4 is continued in 4/4, and the downloaded file says where the 4/4 starts', async ({
  page,
}) => {
  const { uploaded, before, after } = await continueFile(page, 'three-four.mid', songWithThreeFourSections());
  expect(uploaded.bars).toBe(14); // 8 bars of 4/4 and 6 of 3/4, not 12.5 bars of 4/4
  const ppq = after.header.ppq;
  const end = 50 * ppq;
  expect(meterOf(after)).toEqual([...meterOf(before), [end, 4, 4]]);
  const added = addedNotes(before, after);
  expect(added.length).toBeGreaterThan(0);
  for (const n of added) expect(n.ticks >= end && n.ticks + n.durationTicks <= end + 16 * ppq).toBe(true);
  expect((await rollSummary(page)).bars).toBeGreaterThan(14);
});
