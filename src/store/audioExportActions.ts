// Download audio: the store side of src/audio/audioExport. One export at a time; its stage and
// progress live in the audioExport slice (the progress bar), Cancel aborts it with no download.
import { AudioExportError, exportWav } from '../audio/audioExport';
import { noteCount } from '../music/score';
import { downloadName, saveFile } from './fileActions';
import { actionSucceeded, errorMessage, showAlert, showNotice } from './messageActions';
import { patch, useCantor, type PieceSlice } from './state';

let running: AbortController | null = null;

/** "song.wav", or "song-loop.wav" for a loop range. */
export function audioFileName(piece: Pick<PieceSlice, 'score' | 'source' | 'sourceEnd'>, loop: boolean): string {
  return downloadName(piece).replace(/\.mid$/, loop ? '-loop.wav' : '.wav');
}

/** Render the piece (or the loop range) as it plays now, with mute/solo and tempo, and download the WAV. */
export async function downloadAudio(): Promise<void> {
  if (running) return;
  const { piece, playback } = useCantor.getState();
  if (noteCount(piece.score) === 0) return showAlert('There is nothing to download yet.');
  const controller = new AbortController();
  running = controller;
  const loop = playback.loop ?? undefined;
  const options = {
    tempoScale: playback.tempoScale,
    loop,
    muted: new Set(playback.muted),
    soloed: new Set(playback.soloed),
  };
  patch('audioExport', { stage: 'loading', progress: null });
  try {
    const bytes = await exportWav(piece.score, options, {
      signal: controller.signal,
      onProgress: (stage, progress) => patch('audioExport', { stage, progress }),
    });
    const name = audioFileName(piece, loop !== undefined);
    saveFile(bytes, name, 'audio/wav');
    actionSucceeded();
    showNotice(`Saved ${name} (WAV, 44.1 kHz, 16-bit stereo).`);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') showNotice('Audio export cancelled: nothing was saved.');
    else if (e instanceof AudioExportError) showAlert(`Audio export failed: ${e.message}. Nothing was saved.`);
    else showAlert(`Audio export failed: ${errorMessage(e)}. Nothing was saved.`);
  } finally {
    running = null;
    patch('audioExport', { stage: null, progress: null });
  }
}

/** Stop the export in progress; it saves nothing. */
export function cancelAudioExport(): void {
  running?.abort();
}
