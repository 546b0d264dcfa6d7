// A piece on the 16th-note grid: what the mmmtrack encoding reads and writes.
// Times are in sixteenths from the first bar of the piece (4/4 only: 16 per bar). A piece read
// from a file keeps where each of its bars lies there (GridSource): only the file's 4/4 bars are
// on the grid, so grid bar 3 may be the file's bar 5, and notes go back to the file's own ticks.

export interface GridNote {
  pitch: number;
  /** Onset in sixteenths from the start of the piece. */
  start: number;
  /** Length in sixteenths, >= 1. */
  duration: number;
  /** MIDI velocity 1..127 (not encoded; kept so a round trip through the grid keeps it). */
  velocity: number;
}

export interface GridTrack {
  /** The INST value: '0'..'127', 'DRUMS', or a part name such as 'SOPRANO'. */
  inst: string;
  /** DENSITY bin, when known. */
  density?: number;
  /** POLYPHONY and DURATION bins (controls.ts), when known: written instead of the measured ones, read from a header. */
  polyphony?: number;
  duration?: number;
  /** Notes sorted by start, then pitch. */
  notes: GridNote[];
}

export interface GridPiece {
  /** Number of 4/4 bars. */
  bars: number;
  tracks: GridTrack[];
  /** Where the bars lie in the file the piece was read from (scoreToGrid); absent: bars end to end from tick 0. */
  source?: GridSource;
}

/** A piece read from a file (scoreToGrid): it always knows where its bars and tracks came from. */
export interface FileGrid extends GridPiece {
  source: GridSource;
}

/** Grid bar -> file bar. Every grid bar is a whole 4/4 bar of the file, `4 * ppq` ticks long. */
export interface GridSource {
  ppq: number;
  /** Per grid bar: its start tick in the file. */
  barStarts: number[];
  /** Per grid bar: its index among the file's bars (meter.ts barsOf, from 0). */
  fileBars: number[];
  /** Per grid track: the index of the score track it came from (a track with no notes in the grid bars is left out). */
  tracks: number[];
  /** Why the file's later bars are not on the grid (it spans more than MAX_BARS bars), when they are not. */
  cut?: string;
}

/** Grid bars where a run of consecutive file bars begins (0 first): no window may span two runs. */
export function runStarts(piece: GridPiece): number[] {
  const fileBars = piece.source?.fileBars;
  if (!fileBars) return [0];
  const starts = [0];
  for (let g = 1; g < fileBars.length; g++) if (fileBars[g] !== fileBars[g - 1] + 1) starts.push(g);
  return starts;
}

export const STEPS_PER_QUARTER = 4;
