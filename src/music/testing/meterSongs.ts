// Real-world-shaped files with meter changes, for the meter tests (vitest, CLI and e2e): several
// tracks on their own channels, a conductor track, humanized onsets and velocities, notes inside
// the odd bars too. Bytes built by hand (smf.ts), so no reader or writer of ours is in the loop.
import { barsOf } from '../meter';
import type { TimeSignatureEvent } from '../score';
import { smf, type SmfNote, type SmfTrack } from './smf';

/** A small deterministic wobble in -spread..spread, so onsets are not all on the grid. */
const wobble = (k: number, spread: number) => ((k * 37) % (2 * spread + 1)) - spread;

function song(
  ppq: number,
  meter: TimeSignatureEvent[],
  bars: number,
  programs: { melody: number; bass: number },
): Uint8Array {
  const end = barsOf({ ppq, timeSignatures: meter }, Infinity, bars);
  const melody: SmfNote[] = [];
  const bass: SmfNote[] = [];
  const drums: SmfNote[] = [];
  const scale = [60, 62, 64, 65, 67, 69, 71, 72];
  end.forEach((bar, b) => {
    const beat = (ppq * 4) / bar.denominator;
    bass.push({
      pitch: [36, 41, 43, 38][b % 4],
      start: bar.start,
      duration: bar.end - bar.start - ppq / 8,
      velocity: 70 + (b % 5),
    });
    for (let i = 0; i < bar.numerator; i++) {
      const k = b * 8 + i;
      const start = Math.max(bar.start, bar.start + i * beat + wobble(k, ppq / 48));
      melody.push({
        pitch: scale[(b * 3 + i * 2) % scale.length],
        start,
        duration: Math.round(beat * 0.8),
        velocity: 88 + wobble(k, 12),
      });
      drums.push({
        pitch: i === 0 ? 36 : i % 2 ? 38 : 42,
        start: bar.start + i * beat,
        duration: ppq / 8,
        velocity: 100 - 10 * (i % 2),
        channel: 9,
      });
    }
  });
  const tracks: SmfTrack[] = [
    { name: 'Conductor', tempos: [{ tick: 0, bpm: 104 }], timeSignatures: meter },
    { name: 'Lead', program: programs.melody, channel: 0, notes: melody },
    { name: 'Bass', program: programs.bass, channel: 1, notes: bass },
    { name: 'Drums', channel: 9, notes: drums },
  ];
  return smf(tracks, ppq);
}

/**
 * ppq 480: sixteen 4/4 bars, one 2/4 bar, sixteen 4/4 bars (33 bars). Its last bar line is at
 * beat 130, where counting every bar as 4/4 would put it at beat 132 and a grid of its 32 4/4
 * bars at beat 128.
 */
export function songWithTwoFourBar(): Uint8Array {
  const ppq = 480;
  const twoFour = 16 * 4 * ppq;
  const meter = [
    { tick: 0, numerator: 4, denominator: 4 },
    { tick: twoFour, numerator: 2, denominator: 4 },
    { tick: twoFour + 2 * ppq, numerator: 4, denominator: 4 },
  ];
  return song(ppq, meter, 33, { melody: 0, bass: 33 });
}

/** ppq 96: four 4/4 bars, four 3/4 bars, four 4/4 bars, and it ends on two 3/4 bars (14 bars). */
export function songWithThreeFourSections(): Uint8Array {
  const ppq = 96;
  const bar4 = 4 * ppq;
  const bar3 = 3 * ppq;
  const meter = [
    { tick: 0, numerator: 4, denominator: 4 },
    { tick: 4 * bar4, numerator: 3, denominator: 4 },
    { tick: 4 * bar4 + 4 * bar3, numerator: 4, denominator: 4 },
    { tick: 8 * bar4 + 4 * bar3, numerator: 3, denominator: 4 },
  ];
  return song(ppq, meter, 14, { melody: 24, bass: 32 });
}
