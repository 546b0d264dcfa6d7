// MIDI channel messages as bytes: reading what a keyboard sends, writing what a synth is sent.
// Pure; channels are 0..15 here (channel 10 to musicians is 9).

/** What the app reads from an input; everything else (clock, aftertouch, SysEx…) is ignored. */
export type InputMessage =
  | { kind: 'on'; channel: number; pitch: number; velocity: number }
  | { kind: 'off'; channel: number; pitch: number }
  | { kind: 'sustain'; channel: number; down: boolean };

const NOTE_OFF = 0x80;
const NOTE_ON = 0x90;
const CONTROL = 0xb0;
const PROGRAM = 0xc0;
/** Controller numbers. */
const SUSTAIN = 64;
const ALL_NOTES_OFF = 123;

/** Read one message (a Web MIDI event's data: whole messages, no running status). */
export function readMessage(data: ArrayLike<number>): InputMessage | null {
  if (data.length < 3) return null;
  const status = data[0] & 0xf0;
  const channel = data[0] & 0x0f;
  const [a, b] = [data[1] & 0x7f, data[2] & 0x7f];
  // A note-on with velocity 0 is a note-off (running-status keyboards send them).
  if (status === NOTE_ON && b > 0) return { kind: 'on', channel, pitch: a, velocity: b };
  if (status === NOTE_ON || status === NOTE_OFF) return { kind: 'off', channel, pitch: a };
  if (status === CONTROL && a === SUSTAIN) return { kind: 'sustain', channel, down: b >= 64 };
  return null;
}

const byte7 = (v: number) => Math.max(0, Math.min(127, Math.round(v)));
const status = (kind: number, channel: number) => kind | (channel & 0x0f);

export function noteOnMessage(channel: number, pitch: number, velocity: number): number[] {
  return [status(NOTE_ON, channel), byte7(pitch), Math.max(1, byte7(velocity))];
}

export function noteOffMessage(channel: number, pitch: number): number[] {
  return [status(NOTE_OFF, channel), byte7(pitch), 64];
}

export function programChangeMessage(channel: number, program: number): number[] {
  return [status(PROGRAM, channel), byte7(program)];
}

export function allNotesOffMessage(channel: number): number[] {
  return [status(CONTROL, channel), ALL_NOTES_OFF, 0];
}
