// A page for e2e/audio.spec.ts: plays a piece with every kind of sound through the
// public player API, and exposes the API to the test as window.cantorAudio (and the audio
// export as window.cantorExportWav, for bench/audio.ts).
import { exportWav } from '../../src/audio/audioExport';
import * as player from '../../src/audio/player';
import type { Note, Score, Track } from '../../src/music/score';

const PPQ = 480;

function track(name: string, notes: [number, number, number][], extra: Partial<Track>): Track {
  const ns: Note[] = notes.map(([pitch, beat, beats]) => ({
    pitch,
    start: beat * PPQ,
    duration: beats * PPQ,
    velocity: 90,
  }));
  return { name, program: 0, isDrum: false, notes: ns, ...extra };
}

const beats = (n: number, f: (b: number) => [number, number, number]) => Array.from({ length: n }, (_, b) => f(b));

/** 8 bars at 120 BPM (16 s): chorale voices (organ), piano, drums, strings (GM 48). */
const score: Score = {
  ppq: PPQ,
  tempos: [{ tick: 0, bpm: 120 }],
  timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
  tracks: [
    track(
      'Soprano',
      beats(32, (b) => [72 + (b % 3), b, 1]),
      { part: 'SOPRANO' },
    ),
    track(
      'Bass',
      beats(16, (b) => [48 - (b % 2) * 5, 2 * b, 2]),
      { part: 'BASS' },
    ),
    track(
      'Piano',
      beats(32, (b) => [60 + ((b * 4) % 12), b, 0.5]),
      { program: 0 },
    ),
    track(
      'Drums',
      beats(32, (b) => [b % 2 ? 38 : 36, b, 0.25]),
      { isDrum: true, channel: 9 },
    ),
    track(
      'Strings',
      beats(8, (b) => [55 + b, 4 * b, 4]),
      { program: 48 },
    ),
  ],
};

const playhead = document.getElementById('playhead')!;
player.onPosition((tick) => (playhead.textContent = String(Math.round(tick))));
document.getElementById('play')!.addEventListener('click', () => {
  player
    .play(score, { fromTick: 0, tempoScale: 1, muted: new Set() })
    .catch((e) => (playhead.textContent = `error: ${e}`));
});
document.getElementById('pause')!.addEventListener('click', () => player.pause());
document.getElementById('stop')!.addEventListener('click', () => player.stop());

declare global {
  interface Window {
    cantorAudio: typeof player;
    cantorScore: Score;
    cantorExportWav: typeof exportWav;
  }
}
window.cantorAudio = player;
window.cantorScore = score;
window.cantorExportWav = exportWav;
