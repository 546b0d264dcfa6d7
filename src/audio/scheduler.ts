// A lookahead scheduler in the style of signal's player: a timer calls `tick()` often
// (every ~25 ms); each call hands the sink every note on/off that falls within the next
// `lookahead` seconds, stamped with exact audio-clock times, so sound never depends on
// timer jitter. Pure: time comes from an injected Clock, sound goes to an injected
// NoteSink, so tests drive it with a fake clock.
import { endTick, type Score } from '../music/score';
import { buildTempoMap, secondsToTick, tickToSeconds, type TempoMap } from './timing';

/** Seconds on the audio clock (AudioContext.currentTime in the app). */
export interface Clock {
  now(): number;
}

export interface VoiceOn {
  /** Unique per scheduled note; the matching noteOff carries it. */
  id: number;
  /** Index into score.tracks. */
  track: number;
  pitch: number;
  velocity: number;
  /** Audio-clock time to start. */
  time: number;
}

export interface NoteSink {
  noteOn(voice: VoiceOn): void;
  noteOff(id: number, time: number): void;
  /** Silence everything from `time` on (pause, stop). */
  allOff(time: number): void;
}

export interface Transport {
  fromTick: number;
  /** Repeat [start, end) ticks. */
  loop?: [number, number];
  tempoScale: number;
  muted: ReadonlySet<number>;
  /** Non-empty: only these tracks sound. Mute still wins. */
  soloed?: ReadonlySet<number>;
  /** Seconds of silence before `fromTick` sounds (a count-in), on top of the start delay. */
  delay?: number;
  /** Play on past the last note to this tick (Infinity: until paused), e.g. while recording. */
  until?: number;
}

export interface SchedulerOptions {
  /** How far ahead of the clock notes are handed to the sink, seconds. */
  lookahead?: number;
  /** Gap between play() and the first note, so the first window is not late, seconds. */
  startDelay?: number;
}

/** One playable note of a score, in ticks. */
export interface Onset {
  track: number;
  pitch: number;
  velocity: number;
  start: number;
  end: number;
}

/** The mapping between audio time and ticks from `time` on (until the next anchor). */
interface Anchor {
  time: number;
  tick: number;
  map: TempoMap;
  /** tickToSeconds(map, tick), cached. */
  seconds: number;
}

interface Sounding {
  track: number;
  end: number;
}

export class LookaheadScheduler {
  /** Seconds handed out ahead of the clock; the player raises it while the tab is hidden (timers slow down). */
  lookahead: number;
  private readonly startDelay: number;
  private onsets: Onset[] = [];
  private pieceEnd = 0;
  private tempos: Score['tempos'] = [];
  private ppq = 480;
  private transport: Transport = { fromTick: 0, tempoScale: 1, muted: new Set() };
  private anchors: Anchor[] = [];
  private frontier = 0;
  private next = 0;
  private nextId = 1;
  private sounding = new Map<number, Sounding>();
  private playing = false;
  private restTick = 0;
  private startedAt = 0;
  /** Called once when playback reaches the end of the piece (not on pause/stop). */
  onEnd: () => void = () => {};

  constructor(
    private readonly clock: Clock,
    private readonly sink: NoteSink,
    options: SchedulerOptions = {},
  ) {
    this.lookahead = options.lookahead ?? 0.2;
    this.startDelay = options.startDelay ?? 0.05;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  /** Audio time at which the last play()'s first tick sounds (after its delay). */
  get startTime(): number {
    return this.startedAt;
  }

  play(score: Score, transport: Transport): void {
    const loop = checkLoop(transport.loop);
    if (!Number.isFinite(transport.fromTick))
      throw new RangeError(`fromTick must be a number of ticks, got ${transport.fromTick}`);
    const map = buildTempoMap(score.tempos, score.ppq, transport.tempoScale); // throws RangeError on a bad ppq or scale
    if (this.playing) this.silence();
    let from = Math.max(0, transport.fromTick);
    if (loop && (from < loop[0] || from >= loop[1])) from = loop[0];
    this.onsets = collectOnsets(score);
    this.pieceEnd = Math.max(endTick(score), transport.until ?? 0);
    this.tempos = score.tempos;
    this.ppq = score.ppq;
    this.transport = { ...transport, loop, fromTick: from };
    this.anchors = [];
    this.pushAnchor(this.clock.now() + this.startDelay + Math.max(0, transport.delay ?? 0), from, map);
    this.startedAt = this.current().time;
    this.restTick = from;
    this.playing = true;
    this.enterAt(from);
    this.tick();
  }

  /** Stop sounding; returns the playhead tick (also what position() reports until play). */
  pause(): number {
    if (!this.playing) return this.restTick;
    this.restTick = this.position();
    this.silence();
    return this.restTick;
  }

  /** Stop sounding and rewind to the tick the last play() started from. */
  stop(): void {
    if (this.playing) this.silence();
    this.restTick = this.transport.fromTick;
  }

  /** Change mix, tempo or loop while playing, without a restart. */
  update(change: Partial<Omit<Transport, 'fromTick'>>): void {
    const t = { ...this.transport, ...change };
    if ('loop' in change) t.loop = checkLoop(change.loop);
    if (!this.playing) {
      this.transport = t;
      return;
    }
    if (change.tempoScale !== undefined && change.tempoScale !== this.transport.tempoScale) {
      // Re-anchor at the frontier: notes already handed out keep their times.
      const map = buildTempoMap(this.tempos, this.ppq, change.tempoScale);
      this.pushAnchor(this.timeOf(this.frontier), this.frontier, map);
    }
    this.transport = t;
    const now = this.clock.now();
    for (const [id, s] of this.sounding) {
      if (!isAudible(t, s.track)) {
        this.sink.noteOff(id, now);
        this.sounding.delete(id);
      }
    }
    if (t.loop && this.frontier >= t.loop[1]) this.wrap(this.timeOf(this.frontier));
    this.tick();
  }

  /** Playhead in (fractional) ticks at audio time `now` (default: the clock's current time). */
  position(now = this.clock.now()): number {
    if (!this.playing) return this.restTick;
    let i = this.anchors.length - 1;
    while (i > 0 && this.anchors[i].time > now) i--;
    const a = this.anchors[i];
    if (now <= a.time) return a.tick;
    return secondsToTick(a.map, a.seconds + now - a.time);
  }

  /** Hand the sink everything due before now + lookahead. Call from a timer. */
  tick(): void {
    if (!this.playing) return;
    const now = this.clock.now();
    this.dropOldAnchors(now - 1); // keep a second of history: the playhead is drawn at the (earlier) heard time
    const horizon = now + this.lookahead;
    for (;;) {
      const loopEnd = this.transport.loop?.[1] ?? Infinity;
      const a = this.current();
      const reach = horizon <= a.time ? a.tick : secondsToTick(a.map, a.seconds + horizon - a.time);
      const windowEnd = Math.max(this.frontier, Math.min(reach, loopEnd));
      while (this.next < this.onsets.length && this.onsets[this.next].start < windowEnd) {
        const o = this.onsets[this.next++];
        this.startNote(o, this.timeOf(o.start), Math.min(o.end, loopEnd));
      }
      for (const [id, s] of this.sounding) {
        if (s.end <= windowEnd) {
          this.sink.noteOff(id, this.timeOf(s.end));
          this.sounding.delete(id);
        }
      }
      this.frontier = windowEnd;
      if (windowEnd < loopEnd) break;
      this.wrap(this.timeOf(loopEnd));
    }
    if (!this.transport.loop && this.frontier >= this.pieceEnd && now >= this.timeOf(this.pieceEnd)) {
      this.silence();
      this.restTick = this.transport.fromTick;
      this.onEnd();
    }
  }

  private startNote(o: Onset, time: number, end: number): void {
    if (!isAudible(this.transport, o.track)) return;
    const id = this.nextId++;
    this.sink.noteOn({ id, track: o.track, pitch: o.pitch, velocity: o.velocity, time });
    this.sounding.set(id, { track: o.track, end });
  }

  /** Position the cursor at `tick`; notes already sounding there start now (a long chord is not lost). */
  private enterAt(tick: number): void {
    this.frontier = tick;
    this.next = lowerBound(this.onsets, tick);
    const loopEnd = this.transport.loop?.[1] ?? Infinity;
    const time = this.current().time;
    for (let i = 0; i < this.next; i++) {
      const o = this.onsets[i];
      if (o.end > tick) this.startNote(o, time, Math.min(o.end, loopEnd));
    }
  }

  private wrap(time: number): void {
    const [start] = this.transport.loop!;
    for (const [id] of this.sounding) this.sink.noteOff(id, time);
    this.sounding.clear();
    this.pushAnchor(time, start, this.current().map);
    this.enterAt(start);
  }

  private silence(): void {
    this.sink.allOff(this.clock.now());
    this.sounding.clear();
    this.playing = false;
  }

  private current(): Anchor {
    return this.anchors[this.anchors.length - 1];
  }

  /** Audio time of `tick` in the current pass (current anchor). */
  private timeOf(tick: number): number {
    const a = this.current();
    return a.time + tickToSeconds(a.map, tick) - a.seconds;
  }

  private pushAnchor(time: number, tick: number, map: TempoMap): void {
    this.anchors.push({ time, tick, map, seconds: tickToSeconds(map, tick) });
  }

  /** Anchors before the one in effect at `time` are never read again. */
  private dropOldAnchors(time: number): void {
    let keep = 0;
    while (keep + 1 < this.anchors.length && this.anchors[keep + 1].time <= time) keep++;
    if (keep > 0) this.anchors.splice(0, keep);
  }
}

function checkLoop(loop: [number, number] | undefined): [number, number] | undefined {
  if (!loop) return undefined;
  const [a, b] = loop;
  if (!Number.isFinite(a) || !Number.isFinite(b) || a < 0 || b <= a) {
    throw new RangeError(`loop must be [start, end) ticks with 0 <= start < end, got [${a}, ${b}]`);
  }
  return [a, b];
}

/** Whether mute/solo let `track` sound: mute wins; a non-empty solo set silences the rest. */
export function isAudible({ muted, soloed }: Pick<Transport, 'muted' | 'soloed'>, track: number): boolean {
  return !muted.has(track) && (!soloed || soloed.size === 0 || soloed.has(track));
}

/** The score's playable notes, sorted by start (then track, pitch). */
export function collectOnsets(score: Score): Onset[] {
  const onsets: Onset[] = [];
  score.tracks.forEach((t, track) => {
    for (const n of t.notes) {
      // Notes a synth cannot play (no length, no pitch, not a time) are skipped, not fatal.
      const playable = n.duration > 0 && Number.isFinite(n.start + n.duration) && n.pitch >= 0 && n.pitch <= 127;
      if (playable)
        onsets.push({ track, pitch: n.pitch, velocity: n.velocity, start: n.start, end: n.start + n.duration });
    }
  });
  return onsets.sort((a, b) => a.start - b.start || a.track - b.track || a.pitch - b.pitch);
}

/** First index whose onset is at or after `tick`. */
function lowerBound(onsets: Onset[], tick: number): number {
  let lo = 0;
  let hi = onsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (onsets[mid].start < tick) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
