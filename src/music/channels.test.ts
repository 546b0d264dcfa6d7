import { describe, expect, it } from 'vitest';
import { DRUM_CHANNEL, trackChannels } from './channels';

const t = (isDrum: boolean, channel?: number) => ({ isDrum, channel });

describe('trackChannels', () => {
  it('puts drums on channel 10 (index 9) and pitched tracks on the free channels in order, skipping 9', () => {
    expect(trackChannels([t(true), t(false), t(false)])).toEqual([DRUM_CHANNEL, 0, 1]);
    const many = trackChannels(Array.from({ length: 11 }, () => t(false)));
    expect(many).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11]);
  });

  it("keeps a track's own channel and gives the others channels no known track uses", () => {
    expect(trackChannels([t(false, 3), t(false), t(true, 9), t(false)])).toEqual([3, 0, 9, 1]);
  });

  it('ignores a channel that contradicts the track (drums off 9, a pitched track on 9, out of range)', () => {
    expect(trackChannels([t(true, 2), t(false, 9), t(false, 16)])).toEqual([9, 0, 1]);
  });

  it('reuses channels past fifteen pitched tracks', () => {
    const out = trackChannels(Array.from({ length: 17 }, () => t(false)));
    expect(out.slice(15)).toEqual([0, 1]);
    expect(out).not.toContain(DRUM_CHANNEL);
  });
});
