// What an audio export plays: every note of the piece (or of one pass of the loop), as the
// sampled voice playback would start for it — which sound, which zone (sample, rate, envelope),
// how loud, from when to when in seconds. Pure: the mixing happens in offlineRender.ts.
// The timing rules are the scheduler's: the same tempo map, mute/solo rule and note list; a loop
// pass starts the notes already sounding at its start and releases every note at its end.
import { endTick, type Score } from '../music/score';
import { soundFor, soundKey } from './instruments';
import { velocityGain, type Zone } from './patch';
import { collectOnsets, isAudible, type Transport } from './scheduler';
import { buildTempoMap, tickToSeconds } from './timing';

/** Seconds rendered after the last note-off, so releases and ringing drums fade out. */
export const RELEASE_TAIL = 2;

export type RenderOptions = Omit<Transport, 'fromTick'>;

export interface PlannedVoice {
  /** soundKey() of the track's sound: which patch the zone belongs to. */
  sound: string;
  track: number;
  zone: Zone;
  /** Peak level: the zone's gain times the velocity curve. */
  peak: number;
  /** A drum hit rings to the end of its sample unless the sample loops (as in playback). */
  drum: boolean;
  /** Seconds from the start of the file. */
  start: number;
  /** Note-off, seconds from the start of the file. */
  off: number;
}

export interface RenderPlan {
  /** Ticks rendered: [0, end of the last note), or the loop range. */
  range: [number, number];
  /** Seconds of music (the range at the tempo); the file is musicSeconds + RELEASE_TAIL long. */
  musicSeconds: number;
  totalSeconds: number;
  /** Sorted by start. */
  voices: PlannedVoice[];
  /** Sounds some audible track needs whose patch is not loaded (soundKey). */
  missing: string[];
}

/** The ticks an export covers: one pass of the loop when there is one, else the whole piece. */
export function renderRange(score: Score, loop: [number, number] | undefined): [number, number] {
  return loop ? [loop[0], loop[1]] : [0, endTick(score)];
}

/**
 * The voices of an export. `zonesOf(soundKey)` gives a loaded patch's keys (undefined: not
 * loaded, reported in `missing`). Throws RangeError on a bad tempo scale or ppq, like play().
 */
export function planRender(
  score: Score,
  options: RenderOptions,
  zonesOf: (sound: string) => Zone[][] | undefined,
): RenderPlan {
  const map = buildTempoMap(score.tempos, score.ppq, options.tempoScale);
  const [from, to] = renderRange(score, options.loop);
  const zero = tickToSeconds(map, from);
  const at = (tick: number) => tickToSeconds(map, tick) - zero;
  const sounds = score.tracks.map((t) => {
    const sound = soundFor(t);
    return { key: soundKey(sound), drum: sound.kind === 'gm' && sound.drum };
  });
  const voices: PlannedVoice[] = [];
  const missing = new Set<string>();
  for (const o of collectOnsets(score)) {
    if (o.start >= to || o.end <= from || !isAudible(options, o.track)) continue;
    const { key, drum } = sounds[o.track];
    const keys = zonesOf(key);
    if (!keys) {
      missing.add(key);
      continue;
    }
    const start = at(Math.max(o.start, from));
    const off = at(Math.min(o.end, to));
    for (const zone of keys[o.pitch] ?? []) {
      voices.push({ sound: key, track: o.track, zone, peak: zone.gain * velocityGain(o.velocity), drum, start, off });
    }
  }
  const musicSeconds = Math.max(0, at(to));
  return {
    range: [from, to],
    musicSeconds,
    totalSeconds: musicSeconds + RELEASE_TAIL,
    voices,
    missing: [...missing].sort(),
  };
}
