// What an upload does to the file before it becomes the piece: read and check it, then map its tracks onto the
// model's instruments. Pure (src/music only), so upload.worker.ts runs it off the main thread, and the client
// runs the same code in place where there are no workers.
import { errorText, MusicError, type MusicErrorCode } from '../music/errors';
import { mapInstruments, mapMessage, type InstrumentMap } from '../music/instrumentMap';
import { readMidi } from '../music/midiReader';
import { scoreToGrid } from '../music/quantize';
import { noteCount, type Score } from '../music/score';

/**
 * Parse and check an uploaded file; throws MusicError saying why it can't be used. Bounded by the reader's
 * limits (limits.ts: 16 MB, a million notes, 8,192 quarter notes), in one linear pass.
 */
export function checkUpload(bytes: Uint8Array): Score {
  const score = readMidi(bytes);
  if (noteCount(score) === 0) throw new MusicError('no-notes', 'the file has no notes');
  scoreToGrid(score); // throws MeterError when there is no 4/4 section
  return score;
}

/** The tracks mapped onto a model's instruments, and how the notice line says it. */
export interface UploadMapping {
  map: InstrumentMap;
  said: { text: string; details: string[] };
}

export function mapUpload(score: Score, instruments: readonly string[], maxTracks: number | null): UploadMapping {
  const map = mapInstruments(score, instruments, maxTracks);
  return { map, said: mapMessage(score, map) };
}

/** Read a file (the worker keeps its score under `id` for the mapping), or map the score read under `id`. */
export type UploadRequest =
  | { id: number; kind: 'read'; bytes: ArrayBuffer }
  | { id: number; kind: 'map'; instruments: string[]; maxTracks: number | null }
  | { id: number; kind: 'forget' };

/** A failure keeps its MusicError code, so the page says the same as it would have on the main thread. */
export type UploadFailure = { code?: MusicErrorCode; message: string };
export type UploadReply =
  | { id: number; score: Score }
  | { id: number; mapping: UploadMapping }
  | { id: number; done: true }
  | { id: number; error: UploadFailure };

const failureOf = (e: unknown): UploadFailure =>
  e instanceof MusicError ? { code: e.code, message: e.message } : { message: errorText(e) };

/** One request against the scores read so far (by request id); the read score stays until mapped or forgotten. */
export function handleUpload(request: UploadRequest, scores: Map<number, Score>): UploadReply {
  const { id } = request;
  try {
    if (request.kind === 'read') {
      const score = checkUpload(new Uint8Array(request.bytes));
      scores.set(id, score);
      return { id, score };
    }
    const score = scores.get(id);
    scores.delete(id);
    if (request.kind === 'forget') return { id, done: true };
    if (!score) throw new Error('the file was not read first');
    return { id, mapping: mapUpload(score, request.instruments, request.maxTracks) };
  } catch (e) {
    return { id, error: failureOf(e) };
  }
}
