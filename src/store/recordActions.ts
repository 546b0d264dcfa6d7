// Recording a take from the MIDI input: a one-bar count-in clicked at the piece's tempo, then
// the piece plays along (looping when Loop is on) while the keys played go into the "Draw into"
// track, placed by their MIDI timestamps. Stop (the Record button again, R, Pause, To start, or
// the input being unplugged) ends the take; the take is one undo step.
import type { InputMessage } from '../audio/midiMessages';
import * as player from '../audio/player';
import { trackForInst } from '../music/encode';
import { barAt, barNumberAt, wholeBars } from '../music/meter';
import { sortNotes, type Note, type Score } from '../music/score';
import { buildTake, type PlacedEvent } from '../music/take';
import { divisionTicks } from './divisions';
import { selectTargetTrack } from './editSelectors';
import { actionSucceeded, showAlert, showNotice } from './messageActions';
import { explainUnplugged, onMidiInput, onMidiInputLost } from './midiActions';
import { beginLive, endLive, replaceLive, selectTrack } from './pieceActions';
import { pause, playForRecording } from './playbackActions';
import { patch, useCantor, type CantorState, type PieceSnapshot } from './state';

/** How often the roll redraws a take while it is played (ms). */
const LIVE_MS = 100;

interface Take {
  /** What undo brings back. */
  base: PieceSnapshot;
  /** The piece the take goes into (with the target track made, on an empty roll). */
  score: Score;
  track: number;
  /** The take's first tick, and the audio time it sounds at. */
  from: number;
  playStart: number;
  /** Audio clock -> performance.now() seconds, measured once for the take (MIDI timestamps are performance time). */
  offset: number;
  secondsPerTick: number;
  loop?: [number, number];
  grid: number;
  events: PlacedEvent[];
  /** The playhead, last seen while playing: keys still held at the end end here. */
  lastTick: number;
  lastDrawn: number;
  cleanup: (() => void)[];
}

let take: Take | null = null;
const state = () => useCantor.getState();

/** R or the Record button: start a take, or end the one being recorded. */
export function toggleRecording(): Promise<void> {
  if (state().midi.recording !== 'idle') {
    stopRecording();
    return Promise.resolve();
  }
  return startRecording();
}

/** End the take and stop the piece playing along. */
export function stopRecording(): void {
  finishTake();
  if (state().playback.playing) pause();
}

export async function startRecording(): Promise<void> {
  const s = state();
  if (s.midi.recording !== 'idle') return;
  if (s.generation.running) return showAlert('Wait for the model to finish (or press Stop) before recording.');
  if (!s.midi.inputId)
    return showAlert('Choose a MIDI input to record from first (the MIDI input picker, after Connect MIDI).');
  if (s.playback.playing) pause();
  const into = takeTarget(useCantor.getState());
  if (!into) return showAlert('Choose a track to record into first (Draw into).');
  patch('midi', { recording: 'count-in', countInBeat: 0 });
  const base = beginLive();
  replaceLive(into.score);
  const { score } = into;
  const at = state().playback.position;
  const bar = barAt(score, barNumberAt(score, at));
  const bpm = [...score.tempos].reverse().find((t) => t.tick <= at)?.bpm ?? 120;
  const secondsPerTick = 60 / (bpm * state().playback.tempoScale * score.ppq);
  const beatSeconds = (secondsPerTick * score.ppq * 4) / bar.denominator;
  const delay = bar.numerator * beatSeconds;
  if (!(await playForRecording(score, at, delay)) || state().midi.recording !== 'count-in') {
    if (state().playback.playing) pause(); // ended while the sounds loaded
    replaceLive(base.score, base.generated);
    patch('midi', { recording: 'idle' });
    return;
  }
  player.countIn(bar.numerator, beatSeconds, bar.numerator);
  const playStart = player.startTime();
  const from = player.positionAt(playStart); // the loop's start when the playhead was outside it
  const { snap } = state().edit;
  const { loop } = state().playback;
  take = {
    base,
    score,
    track: into.track,
    from,
    playStart,
    offset: player.heardOffset(),
    secondsPerTick,
    loop: loop ?? undefined,
    grid: state().midi.quantise ? divisionTicks(snap, score.ppq) : 0,
    events: [],
    lastTick: from,
    lastDrawn: 0,
    cleanup: [],
  };
  const t = take;
  patch('midi', { takeStartMs: (t.playStart + t.offset) * 1000 });
  t.cleanup.push(
    onMidiInput((m, stamp) => record(t, m, stamp)),
    onMidiInputLost(inputLost),
    useCantor.subscribe(follow),
  );
  countBeats(t, bar.numerator, beatSeconds);
}

/** The piece with the track the take goes into: the "Draw into" one, or on an empty roll a new track of the instrument it names. */
function takeTarget(s: CantorState): { score: Score; track: number } | null {
  const { score } = s.piece;
  const target = selectTargetTrack(s);
  if (score.tracks[target]) return { score, track: target };
  const spec = s.settings.tracks[target] ?? s.settings.tracks[0];
  if (!spec) return null;
  return {
    score: { ...score, tracks: [...score.tracks, { ...trackForInst(spec.inst), notes: [] }] },
    track: score.tracks.length,
  };
}

/** Count-in beats shown as they are clicked; then the take is recording. */
function countBeats(t: Take, beats: number, beatSeconds: number): void {
  const lead = Math.max(0, t.playStart - beats * beatSeconds - (performance.now() / 1000 - t.offset));
  for (let k = 0; k <= beats; k++) {
    const timer = setTimeout(
      () => {
        if (take !== t) return;
        if (k < beats) patch('midi', { countInBeat: k + 1 });
        else patch('midi', { recording: 'recording', countInBeat: 0 });
      },
      (lead + k * beatSeconds) * 1000,
    );
    t.cleanup.push(() => clearTimeout(timer));
  }
}

/** A message from the keyboard, placed at the tick of the piece that was heard when the device sent it. */
function record(t: Take, m: InputMessage, timeStamp: number): void {
  const time = timeStamp / 1000 - t.offset;
  const countIn = time < t.playStart;
  const tick = countIn ? t.from - (t.playStart - time) / t.secondsPerTick : player.positionAt(time);
  const event: PlacedEvent =
    m.kind === 'sustain'
      ? { kind: 'sustain', tick, down: m.down }
      : m.kind === 'on'
        ? { kind: 'on', tick, pitch: m.pitch, velocity: m.velocity }
        : { kind: 'off', tick, pitch: m.pitch };
  t.events.push(countIn ? { ...event, countIn } : event);
  draw(t);
}

/** The playhead moves: keys held grow in the roll; the piece stopping (Pause, To start, its end) or the model starting ends the take. */
function follow(next: CantorState, prev: CantorState): void {
  const t = take;
  if (!t) return;
  if (prev.playback.playing && !next.playback.playing) return finishTake();
  if (!prev.generation.running && next.generation.running) return stopRecording(); // the model starts from the take so far
  if (next.playback.position === prev.playback.position || !player.isPlaying()) return;
  if (next.midi.recording === 'recording') t.lastTick = next.playback.position;
  if (performance.now() - t.lastDrawn >= LIVE_MS) draw(t);
}

function notesOf(t: Take): Note[] {
  return buildTake(t.events, { from: t.from, to: t.lastTick, loop: t.loop, grid: t.grid, early: t.score.ppq / 4 });
}

function withTake(t: Take, notes: Note[]): Score {
  const tracks = t.score.tracks.map((tr, i) =>
    i === t.track ? { ...tr, notes: sortNotes([...tr.notes, ...notes]) } : tr,
  );
  return { ...t.score, tracks };
}

function draw(t: Take): void {
  t.lastDrawn = performance.now();
  replaceLive(withTake(t, notesOf(t)), t.base.generated);
}

function inputLost(name: string): void {
  const kept = take ? notesOf(take).length : 0;
  stopRecording();
  explainUnplugged(
    `“${name}” was unplugged during the take; the ${kept} note${kept === 1 ? '' : 's'} played before are kept.`,
  );
}

/** End the take: its notes become one undo step (nothing played: the piece is as it was). */
function finishTake(): void {
  const t = take;
  if (!t) {
    if (state().midi.recording !== 'idle') patch('midi', { recording: 'idle', countInBeat: 0 }); // stopped in the count-in's loading
    return;
  }
  take = null;
  for (const c of t.cleanup) c();
  const notes = notesOf(t);
  patch('midi', { recording: 'idle', countInBeat: 0, takeStartMs: null });
  if (notes.length === 0) {
    replaceLive(t.base.score, t.base.generated);
    return showNotice('Nothing was recorded: no keys were played.');
  }
  const score = withTake(t, notes);
  endLive(t.base, score, t.base.generated);
  actionSucceeded();
  selectTrack(t.track);
  const [start, end] = wholeBars(
    score,
    Math.min(...notes.map((n) => n.start)),
    Math.max(...notes.map((n) => n.start + n.duration)),
  );
  patch('midi', { lastTake: { track: t.track, start, end } });
  showNotice(
    `Recorded ${notes.length} note${notes.length === 1 ? '' : 's'} into ${score.tracks[t.track].name || `track ${t.track + 1}`}.`,
  );
}
