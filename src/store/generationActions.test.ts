import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineClient, type WorkerLike } from '../model/client';
import {
  DEFAULT_VOICE_LEADING,
  type GenerateRequest,
  type MainToWorker,
  type ModelInfo,
  type WorkerToMain,
} from '../model/protocol';
import type { Note, Score } from '../music/score';
import { setEngine } from './engine';
import { compose, continuePiece, regenerateTrack, stop } from './generationActions';
import { selectModel } from './modelActions';
import { setVoiceLeadingGuard } from './settingsActions';
import { loadPiece, redo, selectTrack, undo } from './pieceActions';
import { resetStore, useCantor } from './state';
import { testInfo } from '../model/testing/configs';

const INFO: ModelInfo = testInfo({ name: 'fake', instruments: ['SOPRANO', 'ALTO', 'TENOR', 'BASS'] });
const BAR = 1920;

/** A worker that writes one whole note per track per bar, one bar per macrotask, and honours abort. */
class FakeWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent<WorkerToMain>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  requests: GenerateRequest[] = [];
  private aborted = new Set<number>();
  /** Bars to write before pausing (so a test can press Stop mid-run). */
  pauseAfter = Infinity;
  resume: (() => void) | null = null;

  private send(msg: WorkerToMain) {
    setTimeout(() => this.onmessage?.({ data: msg } as MessageEvent<WorkerToMain>), 0);
  }
  postMessage(m: MainToWorker): void {
    if (m.type === 'load') this.send({ type: 'loaded', info: INFO });
    else if (m.type === 'abort') this.aborted.add(m.id);
    else void this.generate(m.id, m.request);
  }
  terminate(): void {}

  private async generate(id: number, req: GenerateRequest) {
    this.requests.push(req);
    if (req.mode === 'variations') throw new Error('not in this fake');
    const base: Score =
      req.mode === 'compose'
        ? {
            ppq: 480,
            tempos: [{ tick: 0, bpm: 120 }],
            timeSignatures: [],
            tracks: req.tracks.map((t) => ({
              name: t.inst,
              program: 52,
              isDrum: false,
              part: t.inst as 'SOPRANO',
              notes: [],
            })),
          }
        : structuredClone(req.score);
    const firstBar =
      req.mode === 'continue'
        ? Math.ceil(Math.max(...base.tracks.flatMap((t) => t.notes.map((n) => n.start + n.duration))) / BAR)
        : 0;
    const bars = req.mode === 'compose' || req.mode === 'continue' ? req.bars : 1;
    const target = req.mode === 'regenerate-track' ? req.trackIndex : null;
    if (target !== null) base.tracks[target].notes = [];
    let aborted = false;
    for (let b = 0; b < bars; b++) {
      if (b === this.pauseAfter) await new Promise<void>((r) => (this.resume = r));
      await new Promise((r) => setTimeout(r, 0));
      if (this.aborted.has(id)) {
        aborted = true;
        break;
      }
      base.tracks.forEach((t, i) => {
        if (target !== null && i !== target) return;
        const note: Note = { pitch: 72 - 7 * i + b, start: (firstBar + b) * BAR, duration: BAR, velocity: 64 };
        t.notes.push(note);
        this.send({ type: 'notes', id, track: i, notes: [note] });
      });
      this.send({ type: 'progress', phase: 'generate', loaded: b, total: bars, bars: b + 1, totalBars: bars });
    }
    this.send({ type: 'done', id, score: base, tokens: [], aborted });
  }
}

let worker: FakeWorker;

beforeEach(async () => {
  resetStore();
  worker = new FakeWorker();
  setEngine(new EngineClient(() => worker));
  useCantor.setState((s) => ({ settings: { ...s.settings, bars: 4 } }));
  await selectModel('fake');
});
afterEach(() => setEngine(null));

const notesOf = (s: Score) => s.tracks.map((t) => t.notes.length);

describe('compose', () => {
  it('writes the requested tracks and bars, marks them generated, and is one undo step', async () => {
    expect(useCantor.getState().settings.tracks.map((t) => t.inst)).toEqual(['SOPRANO', 'ALTO', 'TENOR', 'BASS']);
    await compose();
    const { piece, generation } = useCantor.getState();
    expect(notesOf(piece.score)).toEqual([4, 4, 4, 4]);
    expect(piece.generated).toHaveLength(4);
    expect(piece.generated[0]).toEqual({ track: 0, start: 0, end: 4 * BAR });
    expect(generation.running).toBe(false);
    expect(generation.firstNoteMs).not.toBeNull();
    undo();
    expect(useCantor.getState().piece.score.tracks).toEqual([]);
    redo();
    expect(notesOf(useCantor.getState().piece.score)).toEqual([4, 4, 4, 4]);
  });

  it('asks for the voice-leading guard by default, and not once it is switched off', async () => {
    await compose();
    setVoiceLeadingGuard(false);
    await compose();
    expect(worker.requests.map((r) => r.mode !== 'variations' && r.sampling.voiceLeading)).toEqual([
      DEFAULT_VOICE_LEADING,
      0,
    ]);
  });

  it('shows notes while the model writes, and Stop keeps the bars written', async () => {
    worker.pauseAfter = 2;
    const done = compose();
    await new Promise<void>((r) => {
      const check = () => (worker.resume ? r() : setTimeout(check, 1));
      check();
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(useCantor.getState().generation.running).toBe(true);
    expect(notesOf(useCantor.getState().piece.score)).toEqual([2, 2, 2, 2]);
    stop();
    await new Promise((r) => setTimeout(r, 5));
    worker.resume?.();
    await done;
    expect(notesOf(useCantor.getState().piece.score)).toEqual([2, 2, 2, 2]);
    expect(useCantor.getState().generation.running).toBe(false);
  });
});

describe('continue and regenerate keep the user notes', () => {
  const upload = (): Score => ({
    ppq: 96,
    tempos: [{ tick: 0, bpm: 77 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [
      { name: 'hi', program: 0, isDrum: false, notes: [{ pitch: 70, start: 3, duration: 90, velocity: 33 }] },
      { name: 'drums', program: 0, isDrum: true, notes: [{ pitch: 36, start: 0, duration: 10, velocity: 100 }] },
      { name: 'lo', program: 0, isDrum: false, notes: [{ pitch: 45, start: 5, duration: 200, velocity: 99 }] },
    ],
  });

  it('sends only the mapped tracks and merges new notes after the original ones', async () => {
    const original = upload();
    loadPiece(original, 'test.mid');
    await continuePiece();
    const req = worker.requests[0];
    expect(req.mode).toBe('continue');
    if (req.mode !== 'continue') return;
    expect(req.score.tracks.map((t) => t.part)).toEqual(['SOPRANO', 'BASS']);
    const { score, generated } = useCantor.getState().piece;
    expect(score.tempos).toEqual(original.tempos);
    expect(score.ppq).toBe(96);
    expect(score.tracks[0].notes[0]).toEqual(original.tracks[0].notes[0]);
    expect(score.tracks[1].notes).toEqual(original.tracks[1].notes);
    expect(score.tracks[2].notes[0]).toEqual(original.tracks[2].notes[0]);
    expect(notesOf(score)).toEqual([5, 1, 5]);
    expect(generated.map((r) => r.track)).toEqual([0, 2]);
  });

  it('regenerates only the selected track', async () => {
    loadPiece(upload(), 'test.mid');
    selectTrack(2);
    await regenerateTrack();
    const req = worker.requests[0];
    expect(req.mode === 'regenerate-track' && req.trackIndex).toBe(1);
    const { score } = useCantor.getState().piece;
    expect(score.tracks[0].notes).toEqual(upload().tracks[0].notes);
    expect(score.tracks[2].notes).toHaveLength(1);
    expect(score.tracks[2].notes[0].pitch).toBe(72 - 7);
  });

  it('says why when no track fits the model, and leaves the piece alone', async () => {
    const drums = upload();
    drums.tracks = [drums.tracks[1]];
    loadPiece(drums, 'drums.mid');
    await continuePiece();
    expect(worker.requests).toHaveLength(0);
    expect(useCantor.getState().messages.alert).toMatch(/no tracks the model can play/);
    expect(useCantor.getState().piece.score).toEqual(drums);
  });
});
