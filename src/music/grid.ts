// A piece on the 16th-note grid: what the mmmtrack encoding reads and writes.
// Times are in sixteenths from the first bar of the piece (4/4 only: 16 per bar).

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
  /** Notes sorted by start, then pitch. */
  notes: GridNote[];
}

export interface GridPiece {
  /** Number of 4/4 bars. */
  bars: number;
  tracks: GridTrack[];
}

export const STEPS_PER_QUARTER = 4;
