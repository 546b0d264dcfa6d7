// Note values the roll snaps to and draws with, as musicians name them.

export const SNAPS = ['off', '1/4', '1/8', '1/16', '1/32', '1/8T', '1/16T'] as const;
export type Snap = (typeof SNAPS)[number];

export const NOTE_LENGTHS = ['1/1', '1/2', '1/4', '1/8', '1/16', '1/32'] as const;
export type NoteLength = (typeof NOTE_LENGTHS)[number];

/** Ticks of a note value ("1/8" at 480 PPQ: 240; "1/8T": 160); 0 for "off". */
export function divisionTicks(value: Snap | NoteLength, ppq: number): number {
  if (value === 'off') return 0;
  const [, denominator, triplet] = /^1\/(\d+)(T?)$/.exec(value) ?? [];
  const ticks = (ppq * 4) / Number(denominator);
  return triplet ? (ticks * 2) / 3 : ticks;
}

/** The grid step of a snap; a 16th when snapping is off (what the arrow keys move by). */
export function gridStep(snap: Snap, ppq: number): number {
  return divisionTicks(snap, ppq) || ppq / 4;
}

/** `tick` on the snap grid: to the nearest line, or the line at or before it ('floor', where a click lands in a cell). */
export function snapTick(tick: number, snap: Snap, ppq: number, mode: 'round' | 'floor' = 'round'): number {
  const step = divisionTicks(snap, ppq);
  if (step === 0) return Math.max(0, Math.round(tick));
  const f = mode === 'floor' ? Math.floor : Math.round;
  return Math.max(0, Math.round(f(tick / step + 1e-9) * step));
}

/** The shortest note a resize leaves: one grid step, or a 64th when snapping is off. */
export function minLength(snap: Snap, ppq: number): number {
  return Math.max(1, divisionTicks(snap, ppq) || ppq / 16);
}
