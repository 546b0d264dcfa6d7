// Generation progress in bars that every written track has reached. The engine reports each
// closed (track, bar) pair, and a window writes all of one track's bars before the next
// track's, so a plain count of closed pairs runs ahead of the bars the roll shows.

/** Counts closed bars per written track; each call returns the bars all of them have finished. */
export function barProgress(writtenTracks: readonly number[]): (closedTrack: number) => number {
  const written = new Map(writtenTracks.map((t) => [t, 0]));
  return (closedTrack) => {
    const n = written.get(closedTrack);
    if (n !== undefined) written.set(closedTrack, n + 1);
    return written.size === 0 ? 0 : Math.min(...written.values());
  };
}
