// Upload (drag-and-drop or the Upload MIDI input), Download MIDI and New piece.
// A file the app can't use leaves the current piece as it is and says why.
import { labelTracks } from '../music/instrumentMap';
import { sizeError, writeMidi } from '../music/midi';
import { errorText, MusicError } from '../music/errors';
import { emptyScore, endTick, noteCount, type Score } from '../music/score';
import { showAlert, showNotice, dismissAlert } from './messageActions';
import { suggestedModel } from './gmModel';
import { modelReady, selectModel } from './modelActions';
import { loadPiece } from './pieceActions';
import { patch, useCantor, type PieceSlice } from './state';
import { forgetUpload, mapUploadFor, readUpload } from './uploadClient';

/**
 * Read the file, and map it onto the model's instruments, in a worker (uploadJob.ts): the page keeps drawing
 * and answering while a large song is read. A file that can't be used leaves the piece as it was and says why.
 */
export async function uploadFile(file: Blob, name: string): Promise<void> {
  if (useCantor.getState().generation.running)
    return showAlert('Wait for the model to finish (or press Stop) before uploading.');
  let unmapped: number | null = null; // the id of a file the worker still holds
  try {
    const size = sizeError(file.size); // a 2 GB drop is refused before it is read into memory
    if (size) throw size;
    const { id, score } = await readUpload(await file.arrayBuffer());
    unmapped = id;
    const switched = await switchModelFor(score);
    const info = await modelReady();
    const mapped = info ? await mapUploadFor(id, info.instruments, info.config.encoding.maxTracks) : null;
    if (mapped) unmapped = null; // mapping it let it go
    loadPiece(mapped ? labelTracks(score, mapped.map) : score, name);
    dismissAlert();
    const lead = switched
      ? `${name}: using the ${switched.to} model, because ${switched.why} (the ${switched.from} model plays four voices). `
      : `${name}: `;
    showNotice(mapped ? `${lead}${mapped.said.text}` : `${name} loaded.`, mapped?.said.details);
  } catch (e) {
    const why = e instanceof MusicError ? e.message : `it could not be read (${errorText(e)})`;
    showAlert(`"${name}" can't be used: ${why}. The current piece is unchanged.`);
  } finally {
    if (unmapped !== null) forgetUpload(unmapped);
  }
}

/** Load the multi-instrument model for a file that needs one (drums, several GM families, > 4 tracks), when one is listed. */
async function switchModelFor(score: Score): Promise<{ from: string; to: string; why: string } | null> {
  const { model, settings } = useCantor.getState();
  const from = settings.modelName;
  const pick = suggestedModel(model.available, from, score);
  if (!pick || !from) return null;
  const info = await selectModel(pick.name);
  if (!info) return null; // the alert says why; the upload goes on with no model mapping
  const switched = { from, to: pick.name, why: pick.why };
  patch('model', { switched });
  return switched;
}

/** The piece as a Standard MIDI File. */
export function midiBytes(score: Score = useCantor.getState().piece.score): Uint8Array {
  return writeMidi(score);
}

/** "song-continued.mid" once the piece runs past the uploaded file's end, "song.mid" otherwise, "cantor.mid" without an upload. */
export function downloadName(piece: Pick<PieceSlice, 'score' | 'source' | 'sourceEnd'>): string {
  if (!piece.source) return 'cantor.mid';
  const base = piece.source.replace(/\.midi?$/i, '') || 'cantor';
  const continued = piece.sourceEnd !== null && endTick(piece.score) > piece.sourceEnd;
  return `${base}${continued ? '-continued' : ''}.mid`;
}

/** Hand `bytes` to the browser as a download named `name`. */
export function saveFile(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadMidi(): void {
  const { piece } = useCantor.getState();
  if (noteCount(piece.score) === 0) return showAlert('There is nothing to download yet.');
  saveFile(midiBytes(piece.score), downloadName(piece), 'audio/midi');
}

/** Start over with an empty roll; one undo step, so Undo brings the old piece back. */
export function newPiece(): void {
  const { generation, piece } = useCantor.getState();
  if (generation.running) return showAlert('Wait for the model to finish (or press Stop) before starting a new piece.');
  if (piece.score.tracks.length === 0 && piece.source === null) return;
  loadPiece(emptyScore(), null);
  patch('generation', { candidates: [] });
  showNotice('New piece. Undo brings the previous one back.');
}
