// Standard MIDI File bytes built by hand for tests: no library in the loop, so the readers are
// checked against the file format itself.
export interface SmfNote {
  pitch: number;
  start: number;
  duration: number;
  velocity?: number;
  channel?: number;
}

export interface SmfTrack {
  name?: string;
  program?: number;
  channel?: number;
  notes?: SmfNote[];
  /** Meta events at ticks: tempo in BPM, time signature as [numerator, denominator]. */
  tempos?: { tick: number; bpm: number }[];
  timeSignatures?: { tick: number; numerator: number; denominator: number }[];
}

function varLen(n: number): number[] {
  const bytes = [n & 0x7f];
  while ((n >>= 7) > 0) bytes.unshift((n & 0x7f) | 0x80);
  return bytes;
}

function trackChunk(t: SmfTrack): number[] {
  const events: { tick: number; order: number; bytes: number[] }[] = [];
  const channel = t.channel ?? 0;
  if (t.name !== undefined) {
    const text = [...new TextEncoder().encode(t.name)];
    events.push({ tick: 0, order: 0, bytes: [0xff, 0x03, ...varLen(text.length), ...text] });
  }
  for (const tp of t.tempos ?? []) {
    const us = Math.round(60_000_000 / tp.bpm);
    events.push({ tick: tp.tick, order: 0, bytes: [0xff, 0x51, 3, (us >> 16) & 255, (us >> 8) & 255, us & 255] });
  }
  for (const ts of t.timeSignatures ?? [])
    events.push({ tick: ts.tick, order: 0, bytes: [0xff, 0x58, 4, ts.numerator, Math.log2(ts.denominator), 24, 8] });
  if (t.program !== undefined) events.push({ tick: 0, order: 1, bytes: [0xc0 | channel, t.program] });
  for (const n of t.notes ?? []) {
    const ch = n.channel ?? channel;
    events.push({ tick: n.start, order: 3, bytes: [0x90 | ch, n.pitch, n.velocity ?? 80] });
    // A zero-length note's off follows its own on; other offs come before ons at the same tick.
    events.push({ tick: n.start + n.duration, order: n.duration === 0 ? 4 : 2, bytes: [0x80 | ch, n.pitch, 0] });
  }
  events.sort((a, b) => a.tick - b.tick || a.order - b.order);
  const body: number[] = [];
  let now = 0;
  for (const e of events) {
    body.push(...varLen(e.tick - now), ...e.bytes);
    now = e.tick;
  }
  body.push(0, 0xff, 0x2f, 0);
  const len = body.length;
  return [0x4d, 0x54, 0x72, 0x6b, (len >>> 24) & 255, (len >> 16) & 255, (len >> 8) & 255, len & 255, ...body];
}

/** A format-1 (or format-0 with one track) SMF. */
export function smf(tracks: SmfTrack[], ppq = 480): Uint8Array {
  const format = tracks.length === 1 ? 0 : 1;
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, format, 0, tracks.length, (ppq >> 8) & 255, ppq & 255];
  return Uint8Array.from([...header, ...tracks.flatMap(trackChunk)]);
}
