// MIDI files <-> Score. The only module that imports @tonejs/midi, which writes a standard type-1 file.
//
// Reading is midiReader.ts (re-exported here): one linear pass that checks the structure and reads
// ticks. @tonejs/midi is not used for reading: its note pairing is quadratic (measured here: a 100K-note
// track takes 9 s, 400K notes 142 s), and it reads past the end of a broken file or returns junk.
import * as toneMidi from '@tonejs/midi';
import { trackChannels } from './channels';
import { DEFAULT_BPM, sortNotes, type Score } from './score';

export { readMidi, sizeError } from './midiReader';
export { MAX_MIDI_BYTES } from './limits';

// Node loads the package's CommonJS build, whose exports sit on `default`; bundlers load its ES build.
const { Midi } = (Reflect.get(toneMidi, 'default') ?? toneMidi) as typeof toneMidi;

const clampVelocity = (v: number) => (Number.isFinite(v) ? Math.min(127, Math.max(1, Math.round(v))) : 100);

/** Write a type-1 MIDI file: a tempo/meter track, then one named track per score track with its program. */
export function writeMidi(score: Score): Uint8Array {
  const midi = new Midi();
  const tempos = score.tempos.length > 0 ? [...score.tempos] : [{ tick: 0, bpm: DEFAULT_BPM }];
  if (tempos[0].tick > 0) tempos.unshift({ tick: 0, bpm: DEFAULT_BPM });
  const meters = score.timeSignatures.length > 0 ? score.timeSignatures : [{ tick: 0, numerator: 4, denominator: 4 }];
  midi.header.fromJSON({
    name: '',
    ppq: score.ppq,
    meta: [],
    keySignatures: [],
    tempos: tempos.map((t) => ({ ticks: t.tick, bpm: t.bpm })),
    timeSignatures: meters.map((s) => ({ ticks: s.tick, timeSignature: [s.numerator, s.denominator] })),
  });
  const channelOf = trackChannels(score.tracks);
  score.tracks.forEach((t, i) => {
    const track = midi.addTrack();
    track.name = t.name;
    track.channel = channelOf[i];
    track.instrument.number = t.program; // on channel 10 a GS drum kit (0 = standard)
    // Sorted by start, so at a shared tick a note's off is written before the next same-pitch on.
    for (const n of sortNotes([...t.notes])) {
      // @tonejs/midi stores velocity as v/127 and writes floor(v*127): the half step keeps it exact.
      track.addNote({
        midi: n.pitch,
        ticks: n.start,
        durationTicks: Math.max(1, n.duration),
        velocity: (clampVelocity(n.velocity) + 0.5) / 127,
      });
    }
  });
  return midi.toArray();
}
