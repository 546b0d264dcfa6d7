// Playback to a MIDI output port: the scheduler's notes become note on/off messages on each
// track's channel (drums on 10), after a program change per track, stamped with the Web MIDI
// time at which the roll's audio is heard, so an external synth plays in time with the page.
// Pure: the port and the clock conversion are injected.
import { trackChannels } from '../music/channels';
import type { Track } from '../music/score';
import { allNotesOffMessage, noteOffMessage, noteOnMessage, programChangeMessage } from './midiMessages';
import type { NoteSink, VoiceOn } from './scheduler';

/** What the sink needs of a Web MIDI output. */
export interface MidiPort {
  /** `timestamp`: performance.now() milliseconds at which to send. */
  send(data: number[], timestamp?: number): void;
}

/** A message waiting for the batch to be sorted; note on/off keep their key so overlaps are counted in time order. */
interface Pending {
  time: number;
  /** At one time: program changes, then note-offs, then note-ons (a repeated note is let go before it is struck again), then all-notes-off. */
  rank: number;
  data: number[];
  /** channel * 128 + pitch, for note on/off. */
  key?: number;
}

interface Voice {
  channel: number;
  pitch: number;
  time: number;
}

export class MidiOutSink implements NoteSink {
  private channels: number[] = [];
  private readonly voices = new Map<number, Voice>();
  /** Notes sounding per (channel, pitch): overlapping notes on one key send one note-off, at the last one's end. */
  private readonly sounding = new Map<number, number>();
  private pending: Pending[] = [];
  private flushQueued = false;

  /**
   * `msAt` turns an audio-clock time into the performance.now() milliseconds at which it is heard.
   * `defer` runs the flush once the scheduler's current batch is handed out (a microtask in the app).
   */
  constructor(
    private readonly port: MidiPort,
    private readonly msAt: (time: number) => number,
    private readonly defer: (flush: () => void) => void = (flush) => queueMicrotask(flush),
  ) {}

  /** Playback starts at `time`: each track's channel, and a program change per channel. */
  start(tracks: readonly Track[], time: number): void {
    this.channels = trackChannels(tracks);
    const programmed = new Set<number>();
    tracks.forEach((t, i) => {
      const channel = this.channels[i];
      if (programmed.has(channel)) return; // tracks past the 15th share channels: the first sets the sound
      programmed.add(channel);
      this.queue({ time, rank: 0, data: programChangeMessage(channel, t.program) });
    });
  }

  noteOn(v: VoiceOn): void {
    const channel = this.channels[v.track];
    if (channel === undefined) return;
    this.voices.set(v.id, { channel, pitch: v.pitch, time: v.time });
    this.queue({
      time: v.time,
      rank: 2,
      data: noteOnMessage(channel, v.pitch, v.velocity),
      key: channel * 128 + v.pitch,
    });
  }

  noteOff(id: number, time: number): void {
    const v = this.voices.get(id);
    if (!v) return;
    this.voices.delete(id);
    this.queue({
      time: Math.max(time, v.time),
      rank: 1,
      data: noteOffMessage(v.channel, v.pitch),
      key: v.channel * 128 + v.pitch,
    });
  }

  /**
   * Pause or stop: all-notes-off now on every channel used, and a note-off for every note still sounding or
   * handed out for later (a port cannot take back a message it was given: such a note is let go as it starts).
   */
  allOff(time: number): void {
    for (const id of [...this.voices.keys()]) this.noteOff(id, time);
    for (const channel of new Set(this.channels)) this.queue({ time, rank: 3, data: allNotesOffMessage(channel) });
    this.flush();
    this.sounding.clear();
  }

  private queue(p: Pending): void {
    this.pending.push(p);
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.defer(() => this.flush());
  }

  /** Send what is queued, in time order (the scheduler hands out a window's note-ons before its note-offs). */
  private flush(): void {
    this.flushQueued = false;
    const batch = this.pending;
    this.pending = [];
    batch.sort((a, b) => a.time - b.time || a.rank - b.rank); // stable: same time and rank keep their order
    for (const p of batch) {
      if (p.key !== undefined) {
        const count = (this.sounding.get(p.key) ?? 0) + (p.rank === 2 ? 1 : -1);
        if (count > 0) this.sounding.set(p.key, count);
        else this.sounding.delete(p.key);
        if (p.rank === 1 && count > 0) continue; // another note still sounds on this key
      }
      this.port.send(p.data, this.msAt(p.time));
    }
  }
}
