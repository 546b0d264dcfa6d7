// The register guard in the decode loop: while a pitched track is continued, its NOTE_ONs stay
// within a window around that track's mean pitch over the prompt's last bars. An untrained or
// small model drifts (a bass at 29 continued at 50); the window keeps each instrument where the
// song had it. Drum tracks are left alone: their pitches are instruments, not a register.
import type { GridPiece } from '../music/grid';
import { STEPS_PER_BAR } from '../music/vocab';

export interface PitchWindow {
  lo: number;
  hi: number;
}

/** Bars of the prompt the window is measured over. */
export const REGISTER_BARS = 4;

/**
 * Per track of `history`, the pitches its new notes may take: within `semitones` of its mean pitch
 * over the `REGISTER_BARS` bars before `fromBar` (its earlier notes when those bars are empty);
 * null for drums and for tracks without notes before `fromBar`.
 */
export function pitchWindows(history: GridPiece, fromBar: number, semitones: number): (PitchWindow | null)[] {
  const end = fromBar * STEPS_PER_BAR;
  const start = Math.max(0, fromBar - REGISTER_BARS) * STEPS_PER_BAR;
  return history.tracks.map((t) => {
    if (t.inst === 'DRUMS') return null;
    const before = t.notes.filter((n) => n.start < end);
    const recent = before.filter((n) => n.start >= start);
    const notes = recent.length > 0 ? recent : before;
    if (notes.length === 0) return null;
    const mean = notes.reduce((s, n) => s + n.pitch, 0) / notes.length;
    return { lo: Math.max(0, Math.ceil(mean - semitones)), hi: Math.min(127, Math.floor(mean + semitones)) };
  });
}

/** Masks out every NOTE_ON outside the window (onIds: NOTE_ON id per pitch, -1 where none). Closing moves stay. */
export function limitRegister(mask: Uint8Array, onIds: Int32Array, window: PitchWindow): void {
  for (let p = 0; p < onIds.length; p++) if (onIds[p] >= 0 && (p < window.lo || p > window.hi)) mask[onIds[p]] = 0;
}
