import { describe, expect, it } from 'vitest';
import { allNotesOffMessage, noteOffMessage, noteOnMessage, programChangeMessage, readMessage } from './midiMessages';

describe('readMessage', () => {
  it('reads note-on, note-off and velocity-0 note-on on any channel', () => {
    expect(readMessage([0x90, 60, 100])).toEqual({ kind: 'on', channel: 0, pitch: 60, velocity: 100 });
    expect(readMessage([0x89, 36, 40])).toEqual({ kind: 'off', channel: 9, pitch: 36 });
    expect(readMessage(new Uint8Array([0x93, 64, 0]))).toEqual({ kind: 'off', channel: 3, pitch: 64 });
  });

  it('reads the sustain pedal (CC 64, down from 64) and ignores other messages', () => {
    expect(readMessage([0xb0, 64, 127])).toEqual({ kind: 'sustain', channel: 0, down: true });
    expect(readMessage([0xb1, 64, 63])).toEqual({ kind: 'sustain', channel: 1, down: false });
    expect(readMessage([0xb0, 1, 100])).toBeNull(); // mod wheel
    expect(readMessage([0xf8])).toBeNull(); // clock
    expect(readMessage([0xe0, 0, 64])).toBeNull(); // pitch bend
  });
});

describe('message encoding', () => {
  it('writes channel messages with the channel in the status byte', () => {
    expect(noteOnMessage(9, 36, 100)).toEqual([0x99, 36, 100]);
    expect(noteOffMessage(2, 60)).toEqual([0x82, 60, 64]);
    expect(programChangeMessage(1, 33)).toEqual([0xc1, 33]);
    expect(allNotesOffMessage(15)).toEqual([0xbf, 123, 0]);
  });

  it('keeps data bytes in 0..127 and a note-on audible', () => {
    expect(noteOnMessage(0, 200, 0)).toEqual([0x90, 127, 1]);
    expect(programChangeMessage(0, -3)).toEqual([0xc0, 0]);
  });

  it('reads back what it writes', () => {
    expect(readMessage(noteOnMessage(4, 72, 55))).toEqual({ kind: 'on', channel: 4, pitch: 72, velocity: 55 });
    expect(readMessage(noteOffMessage(4, 72))).toEqual({ kind: 'off', channel: 4, pitch: 72 });
  });
});
