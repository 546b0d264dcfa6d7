// POP909's time-signature events are unreliable; its beat_midi.txt is not. Each line is
// "<seconds> <beat flag> <4/4 downbeat flag>"; downbeats four beats apart mean 4/4 from the first one.
import type { Score, TempoEvent } from './score';

/** Seconds -> ticks over a tempo map. */
export function secondsToTicks(seconds: number, ppq: number, tempos: readonly TempoEvent[]): number {
  const map = tempos.length > 0 ? tempos : [{ tick: 0, bpm: 120 }];
  let tick = 0;
  let elapsed = 0;
  let bpm = map[0].bpm;
  for (let i = 1; i < map.length; i++) {
    const span = ((map[i].tick - tick) / ppq) * (60 / bpm);
    if (elapsed + span > seconds) break;
    elapsed += span;
    tick = map[i].tick;
    bpm = map[i].bpm;
  }
  return Math.round(tick + ((seconds - elapsed) * bpm * ppq) / 60);
}

/**
 * Replace the score's time signatures with those implied by a beat file: 4/4 from the first
 * downbeat when downbeats fall every four beats, otherwise the beat count found (e.g. 3/4).
 * Returns the score unchanged if the file has no downbeats.
 */
export function applyBeatFile(score: Score, beatText: string): Score {
  const rows = beatText
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter((r) => r.length >= 3 && r.every(Number.isFinite));
  const downbeats = rows.flatMap((r, i) => (r[2] === 1 ? [i] : []));
  if (downbeats.length === 0) return score;
  const gaps = downbeats.slice(1).map((d, i) => d - downbeats[i]);
  const counts = new Map<number, number>();
  for (const g of gaps) counts.set(g, (counts.get(g) ?? 0) + 1);
  const beatsPerBar = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 4;
  const firstTick = secondsToTicks(rows[downbeats[0]][0], score.ppq, score.tempos);
  const sig = { numerator: beatsPerBar, denominator: 4 };
  const timeSignatures =
    firstTick > 0
      ? [
          { tick: 0, numerator: 1, denominator: 4 },
          { tick: firstTick, ...sig },
        ] // the pickup is left out
      : [{ tick: 0, ...sig }];
  return { ...score, timeSignatures };
}
