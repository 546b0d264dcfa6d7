// Pointing at the piano roll from a spec: its view (published on the canvas's data
// attributes), where a beat and pitch are on screen, and what its label says is in view.
import { expect, type Locator, type Page } from '@playwright/test';
import midiPkg from '@tonejs/midi';
import { roll } from './helpers';

const { Midi } = midiPkg;

export interface RollView {
  topPitch: number;
  rowHeight: number;
  scrollTick: number;
  pxPerTick: number;
  keysWidth: number;
}

/** The view once it holds still (a layout change resizes the roll a frame or two later). */
export async function rollView(page: Page): Promise<RollView> {
  const read = () => roll(page).evaluate((c) => JSON.stringify({ ...(c as HTMLElement).dataset }));
  let last = '';
  await expect
    .poll(
      async () => {
        const [a, b] = [last, (last = await read())];
        return a === b;
      },
      { intervals: [150] },
    )
    .toBe(true);
  const d = JSON.parse(last) as Record<string, string>;
  return {
    topPitch: +d.topPitch,
    rowHeight: +d.rowHeight,
    scrollTick: +d.scrollTick,
    pxPerTick: +d.pxPerTick,
    keysWidth: +d.keysWidth,
  };
}

/** Canvas position of a tick (at `ppq`) and pitch: the middle of the row, `dx` pixels into the note. */
export async function pointAt(
  page: Page,
  ppq = 480,
): Promise<(beat: number, pitch: number, dx?: number) => { x: number; y: number }> {
  const v = await rollView(page);
  return (beat, pitch, dx = 2) => ({
    x: v.keysWidth + (beat * ppq - v.scrollTick) * v.pxPerTick + dx,
    y: 22 + (v.topPitch - pitch + 0.5) * v.rowHeight,
  });
}

export async function rollLabel(page: Page): Promise<string> {
  return (await roll(page).getAttribute('aria-label')) ?? '';
}

const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
const pitchOf = (name: string) => {
  const [, n, o] = /^([A-G]#?)(-?\d+)$/.exec(name)!;
  return NAMES.indexOf(n) + (Number(o) + 1) * 12;
};

/** "in view: bars 13–20, C3–A5" as numbers (bars from 1, MIDI pitches). */
export async function inView(page: Page): Promise<{ first: number; last: number; low: number; high: number }> {
  const m = /; in view: bars (\d+)–(\d+), ([A-G]#?-?\d+)–([A-G]#?-?\d+)$/.exec(await rollLabel(page));
  expect(m, 'the roll label says what is in view').not.toBeNull();
  return { first: Number(m![1]), last: Number(m![2]), low: pitchOf(m![3]), high: pitchOf(m![4]) };
}

/** Notes of every track of a downloaded file as [pitch, tick, duration, velocity]. */
export function noteRows(midi: InstanceType<typeof Midi>): [number, number, number, number][][] {
  return midi.tracks.map((t) => t.notes.map((n) => [n.midi, n.ticks, n.durationTicks, Math.round(n.velocity * 127)]));
}

/** A MIDI file with one track per entry: its GM program (or drums) and notes [pitch, beat, beats]. */
export function multiTrackMidi(
  tracks: { program: number; drums?: boolean; name: string; notes: [number, number, number][] }[],
): Buffer {
  const midi = new Midi();
  midi.header.setTempo(120);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: [4, 4] });
  midi.header.update();
  tracks.forEach((spec, i) => {
    const t = midi.addTrack();
    t.name = spec.name;
    t.channel = spec.drums ? 9 : i >= 9 ? i + 1 : i;
    t.instrument.number = spec.program;
    for (const [pitch, beat, beats] of spec.notes)
      t.addNote({ midi: pitch, ticks: beat * 480, durationTicks: beats * 480, velocity: 0.7 });
  });
  return Buffer.from(midi.toArray());
}

/** The colour of a canvas's pixel at CSS coordinates, as #rrggbb. */
export async function canvasPixel(canvas: Locator, x: number, y: number): Promise<string> {
  return canvas.evaluate(
    (c, [px, py]) => {
      const el = c as HTMLCanvasElement;
      const dpr = el.width / el.getBoundingClientRect().width;
      const [r, g, b] = el.getContext('2d')!.getImageData(Math.round(px * dpr), Math.round(py * dpr), 1, 1).data;
      return '#' + [r, g, b].map((n) => n.toString(16).padStart(2, '0')).join('');
    },
    [x, y],
  );
}

/** The drum lane below the roll. */
export const drumLane = (page: Page) => page.getByRole('img', { name: /^Drums: / });

export interface DrumLaneView {
  /** Drum keys, top row first. */
  rows: number[];
  rowHeight: number;
  topRow: number;
  keysWidth: number;
  scrollTick: number;
  pxPerTick: number;
}

/** The drum lane's rows and time axis (published on its canvas's data attributes). */
export async function drumLaneView(page: Page): Promise<DrumLaneView> {
  const d = await drumLane(page).evaluate((c) => ({ ...(c as HTMLElement).dataset }));
  return {
    rows: d.rows!.split(',').map(Number),
    rowHeight: +d.rowHeight!,
    topRow: +d.topRow!,
    keysWidth: +d.keysWidth!,
    scrollTick: +d.scrollTick!,
    pxPerTick: +d.pxPerTick!,
  };
}
