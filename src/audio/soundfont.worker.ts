// Fetches and parses the SoundFont once, then builds one Patch per request, off the main
// thread (parsing ~14 MB and decoding Ogg Vorbis samples would stall the page).
import type { Patch } from './patch';
import { parseSoundBank, patchFor, type SoundBank } from './soundfont';

export interface PatchRequest {
  id: number;
  url: string;
  program: number;
  drum: boolean;
}

export type PatchReply = { id: number; patch: Patch } | { id: number; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let bank: { url: string; ready: Promise<SoundBank> } | undefined;

async function fetchBank(url: string): Promise<SoundBank> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`SoundFont ${url}: HTTP ${res.status}`);
  return parseSoundBank(await res.arrayBuffer());
}

scope.onmessage = async (e: MessageEvent<PatchRequest>) => {
  const { id, url, program, drum } = e.data;
  try {
    if (!bank || bank.url !== url) bank = { url, ready: fetchBank(url) };
    const patch = patchFor(await bank.ready, program, drum);
    const reply: PatchReply = { id, patch };
    scope.postMessage(
      reply,
      patch.samples.map((s) => s.pcm.buffer),
    );
  } catch (err) {
    bank = undefined; // let a later request retry the download
    const reply: PatchReply = { id, error: err instanceof Error ? err.message : String(err) };
    scope.postMessage(reply);
  }
};
