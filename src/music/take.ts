// A recorded take: key and pedal events, each already placed at a tick of the piece (from
// its MIDI timestamp, not from when the page handled it), become notes. Velocities are kept,
// the sustain pedal lengthens the notes it holds, starts are quantised to a grid or not.
import { HeldKeys } from './heldKeys';
import { sortNotes, type Note } from './score';

export type TakeEvent =
  | { kind: 'on'; tick: number; pitch: number; velocity: number }
  | { kind: 'off'; tick: number; pitch: number }
  | { kind: 'sustain'; tick: number; down: boolean };

/** An event of the take, and whether it came in the count-in (before the take's first tick). */
export type PlacedEvent = TakeEvent & { countIn?: boolean };

export interface TakeOptions {
  /** The take's first tick (the playhead when recording began). */
  from: number;
  /** Where the take ended: keys and the pedal still held end here. */
  to: number;
  /** Loop [start, end) the take was played over: a note held across the loop's end ends there. */
  loop?: readonly [number, number];
  /** Grid step note starts snap to (ticks, from tick 0 as the roll's grid); 0 leaves them where they were played. */
  grid: number;
  /** A note struck in the count-in at most this many ticks early starts on the take's first tick (an eager downbeat); earlier ones are dropped. */
  early: number;
}

interface Open {
  pitch: number;
  /** Where the note goes (the take's first tick, for an eager downbeat). */
  start: number;
  /** Where it was played. */
  played: number;
  velocity: number;
}

const clampVelocity = (v: number) => Math.max(1, Math.min(127, Math.round(v)));

/** The notes of a take, sorted by start then pitch. */
export function buildTake(events: readonly PlacedEvent[], options: TakeOptions): Note[] {
  const keys = new HeldKeys<Open>();
  const notes: Note[] = [];
  const close = (open: Open[], tick: number, countIn = false) => {
    for (const o of open) {
      // Let go in the count-in too: the note keeps the length it was played with.
      const note = finish(o, countIn ? o.start + tick - o.played : tick, options);
      if (note) notes.push(note);
    }
  };
  for (const e of events) {
    const countIn = e.countIn === true;
    if (e.kind === 'sustain') close(keys.setPedal(e.down), e.tick, countIn);
    else if (e.kind === 'off' || e.velocity === 0) close(keys.release(e.pitch), e.tick, countIn);
    else {
      const start = countIn ? (options.from - e.tick <= options.early ? options.from : null) : e.tick;
      // A key struck too early in the count-in is not part of the take, but it still ends an earlier strike of itself.
      if (start === null) close(keys.release(e.pitch), e.tick, countIn);
      else close(keys.press(e.pitch, { pitch: e.pitch, start, played: e.tick, velocity: e.velocity }), e.tick, countIn);
    }
  }
  close(keys.releaseAll(), options.to);
  return sortNotes(notes);
}

/** A note from its start to `end`; the start snapped to the grid, the played length kept. */
function finish(o: Open, end: number, { grid, loop }: TakeOptions): Note | null {
  // The playhead wrapped while the key was held: the note ends at the loop's end.
  const until = loop && end < o.start ? loop[1] : end;
  const duration = Math.max(1, Math.round(until - o.start));
  let start = grid > 0 ? Math.round(o.start / grid) * grid : Math.round(o.start);
  if (loop && start >= loop[1]) start = loop[0]; // snapped onto the loop's end: that is its start
  if (start < 0) return null;
  return { pitch: o.pitch, start, duration, velocity: clampVelocity(o.velocity) };
}
