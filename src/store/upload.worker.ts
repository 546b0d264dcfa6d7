// Reads and maps uploaded MIDI files off the main thread (uploadJob.ts): a 15-track song took 63-73 ms
// of the page's main thread, long enough to stall drawing and input.
import { handleUpload, type UploadRequest } from './uploadJob';
import type { Score } from '../music/score';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const scores = new Map<number, Score>();

scope.onmessage = (e: MessageEvent<UploadRequest>) => scope.postMessage(handleUpload(e.data, scores));
