import { describe, expect, it } from 'vitest';
import type { Track } from '../music/score';
import { MidiOutSink } from './midiOut';

const track = (program: number, isDrum = false, channel?: number): Track => ({
  name: '',
  program,
  isDrum,
  channel,
  notes: [],
});

/** A port that records what it is sent, a clock 1 s behind performance time, and a flush run by hand. */
function rig() {
  const sent: { data: number[]; ms: number }[] = [];
  let flush: (() => void) | null = null;
  const sink = new MidiOutSink(
    { send: (data, ms = -1) => sent.push({ data, ms }) },
    (t) => (t + 1) * 1000,
    (f) => (flush = f),
  );
  const handOut = () => {
    flush?.();
    flush = null;
  };
  return { sink, sent, handOut };
}

describe('MidiOutSink', () => {
  it('sends a program change per track on its channel (drums on 10), then notes with their velocities, stamped in performance time', () => {
    const { sink, sent, handOut } = rig();
    sink.start([track(33), track(0, true), track(80, false, 5)], 0);
    sink.noteOn({ id: 1, track: 0, pitch: 40, velocity: 90, time: 0.5 });
    sink.noteOn({ id: 2, track: 1, pitch: 36, velocity: 110, time: 0.5 });
    sink.noteOff(1, 0.75);
    handOut();
    expect(sent).toEqual([
      { data: [0xc0, 33], ms: 1000 },
      { data: [0xc9, 0], ms: 1000 },
      { data: [0xc5, 80], ms: 1000 },
      { data: [0x90, 40, 90], ms: 1500 },
      { data: [0x99, 36, 110], ms: 1500 },
      { data: [0x80, 40, 64], ms: 1750 },
    ]);
  });

  it('sends a batch in time order, a repeated note let go before it is struck again', () => {
    const { sink, sent, handOut } = rig();
    sink.start([track(0)], 0);
    sink.noteOn({ id: 1, track: 0, pitch: 60, velocity: 80, time: 0 });
    handOut();
    sent.length = 0;
    // The scheduler hands out the window's onsets before its ends.
    sink.noteOn({ id: 2, track: 0, pitch: 60, velocity: 70, time: 0.5 });
    sink.noteOff(1, 0.5);
    sink.noteOff(2, 0.6);
    handOut();
    expect(sent.map((s) => [s.data[0], s.ms])).toEqual([
      [0x80, 1500],
      [0x90, 1500],
      [0x80, 1600],
    ]);
  });

  it('overlapping notes on one key send one note-off, at the last end', () => {
    const { sink, sent, handOut } = rig();
    sink.start([track(0), track(0, false, 0)], 0);
    sink.noteOn({ id: 1, track: 0, pitch: 60, velocity: 80, time: 0 });
    sink.noteOn({ id: 2, track: 1, pitch: 60, velocity: 80, time: 0.1 });
    sink.noteOff(1, 0.2);
    sink.noteOff(2, 0.3);
    handOut();
    expect(sent.filter((s) => s.data[0] === 0x80).map((s) => s.ms)).toEqual([1300]);
  });

  it('on pause lets go of every note, those handed out for later too, with all-notes-off now on each channel used', () => {
    const { sink, sent, handOut } = rig();
    sink.start([track(0), track(0, true)], 0);
    sink.noteOn({ id: 1, track: 0, pitch: 60, velocity: 80, time: 0 });
    sink.noteOn({ id: 2, track: 1, pitch: 38, velocity: 80, time: 0.2 });
    handOut();
    sent.length = 0;
    sink.allOff(0.1);
    expect(sent).toEqual([
      { data: [0x80, 60, 64], ms: 1100 },
      { data: [0xb0, 123, 0], ms: 1100 },
      { data: [0xb9, 123, 0], ms: 1100 },
      { data: [0x89, 38, 64], ms: 1200 },
    ]);
  });

  it('by default sends a batch once the current task has handed it all out', async () => {
    const sent: number[][] = [];
    const sink = new MidiOutSink({ send: (data) => sent.push(data) }, (t) => t * 1000);
    sink.start([track(0)], 0);
    sink.noteOn({ id: 1, track: 0, pitch: 60, velocity: 80, time: 0 });
    expect(sent).toEqual([]);
    await Promise.resolve();
    expect(sent).toEqual([
      [0xc0, 0],
      [0x90, 60, 80],
    ]);
  });
});
