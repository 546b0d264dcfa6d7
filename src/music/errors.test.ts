import { describe, expect, it } from 'vitest';
import { errorText, MusicError } from './errors';

describe('errorText', () => {
  it('gives a sentence for whatever was thrown, never "undefined"', () => {
    expect(errorText(new MusicError('corrupt-midi', 'corrupt MIDI file: track 2, byte 9: x'))).toBe(
      'corrupt MIDI file: track 2, byte 9: x',
    );
    // Libraries may throw strings; a bare Error has an empty message.
    expect(errorText("Bad MIDI file.  Expected 'MTrk', got: 'JUNK'")).toBe(
      "Bad MIDI file.  Expected 'MTrk', got: 'JUNK'",
    );
    expect(errorText(new RangeError(''))).toBe('RangeError');
    expect(errorText(undefined)).toBe('an error with no message (undefined)');
    expect(errorText(null)).toBe('an error with no message (null)');
    expect(errorText('')).toBe('an empty error');
    expect(errorText({ code: 7 })).toBe('{"code":7}');
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(errorText(cyclic)).toBe('a thrown Object that cannot be shown');
  });
});
