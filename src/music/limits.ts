// How much one MIDI file may ask of us. Every reader, quantizer and encoder bounds its work by
// these, so a hostile or broken file is refused (or cut) with a reason instead of hanging the
// page or a preprocess run, or filling memory. Reasons, from the seven corpora in shared/datasets
// (largest seen: 155 KB, 11,513 notes, 18 tracks, 2,556 quarter notes), with a wide margin:
import { MAX_BARS } from './meter';

/** Bytes. Real songs are well under 2 MB; a larger file is refused before it is parsed. */
export const MAX_MIDI_BYTES = 16 * 1024 * 1024;

/**
 * Tracks with notes, after splitting by channel and program. A file with more is refused rather
 * than cut: which 64 of them matter is not something the reader can know.
 */
export const MAX_TRACKS = 64;

/** Notes in the whole file (about 80 bytes each once read): 87x the largest real file. */
export const MAX_NOTES = 1_000_000;

/**
 * The time horizon, in quarter notes: every note must end by then. 2,048 bars of 4/4 (MAX_BARS),
 * 68 minutes at 120 BPM. A note beyond it (a corrupt delta time, one rest of 0x0FFFFFF0 ticks)
 * refuses the file, so nothing downstream walks millions of empty bars.
 */
export const MAX_QUARTERS = MAX_BARS * 4;

/** The same horizon in ticks at a file's resolution. */
export const maxTicks = (ppq: number) => MAX_QUARTERS * ppq;
