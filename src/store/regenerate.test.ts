import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineClient, type WorkerLike } from '../model/client';
import type { GenerateRequest, MainToWorker, ModelInfo, WorkerToMain } from '../model/protocol';
import type { Score } from '../music/score';
import { setEngine } from './engine';
import { compose, regenerateBar, regenerateTrack } from './generationActions';
import { showAlert } from './messageActions';
import { selectModel } from './modelActions';
import { loadPiece, selectBar, selectTrack } from './pieceActions';
import { setRegenerateControls, setSeedLocked, setSetting, setTrackSpec } from './settingsActions';
import { resetStore, useCantor } from './state';
import { testInfo } from '../model/testing/configs';

const INFO: ModelInfo = testInfo({ name: 'seeded', instruments: ['SOPRANO', 'BASS'] });
const BAR = 1920;

/** A model whose notes depend only on the seed (and the bar), like a real one: same seed, same notes. */
class SeededWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent<WorkerToMain>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  requests: GenerateRequest[] = [];
  /** Progress events seen by the store, as "done/total" strings. */
  progress: string[] = [];

  private send(data: WorkerToMain) {
    this.onmessage?.({ data } as MessageEvent<WorkerToMain>);
  }

  postMessage(m: MainToWorker): void {
    if (m.type === 'load') setTimeout(() => this.send({ type: 'loaded', info: INFO }), 0);
    else if (m.type === 'generate') setTimeout(() => this.generate(m.id, m.request), 0);
  }

  terminate(): void {}

  private generate(id: number, req: GenerateRequest): void {
    this.requests.push(req);
    if (req.mode === 'variations' || req.mode === 'continue') throw new Error('not in this fake');
    const pitch = (bar: number) => 48 + ((req.sampling.seed * 7 + bar) % 24);
    const score: Score =
      req.mode === 'compose'
        ? {
            ppq: 480,
            tempos: [],
            timeSignatures: [],
            tracks: req.tracks.map((t) => ({ name: t.inst, program: 52, isDrum: false, notes: [] })),
          }
        : structuredClone(req.score);
    const bars =
      req.mode === 'compose'
        ? Array.from({ length: req.bars }, (_, b) => b)
        : req.mode === 'regenerate-bar'
          ? [req.bar]
          : [0, 1, 2, 3];
    const tracks = req.mode === 'compose' ? score.tracks.map((_, i) => i) : [req.trackIndex];
    for (const t of tracks) {
      score.tracks[t].notes = score.tracks[t].notes.filter((n) => !bars.includes(Math.floor(n.start / BAR)));
      for (const b of bars) {
        const seed = req.sampling.seed;
        const note = {
          pitch: pitch(b) - 12 * t,
          start: b * BAR + (seed % 480),
          duration: BAR / 2,
          velocity: 1 + (seed % 127),
        };
        score.tracks[t].notes.push(note);
        this.send({ type: 'notes', id, track: t, notes: [note] });
        const g = useCantor.getState().generation;
        this.progress.push(`${g.barsDone}/${g.totalBars}`);
      }
      score.tracks[t].notes.sort((a, b) => a.start - b.start);
    }
    this.send({ type: 'done', id, score, tokens: [], aborted: false });
  }
}

let worker: SeededWorker;
beforeEach(async () => {
  resetStore();
  worker = new SeededWorker();
  setEngine(new EngineClient(() => worker));
  await selectModel('seeded');
  setSetting('bars', 4);
});
afterEach(() => setEngine(null));

const history = () => useCantor.getState().piece.past.length;
const bassBar = (bar: number) =>
  useCantor.getState().piece.score.tracks[1].notes.filter((n) => Math.floor(n.start / BAR) === bar);

describe('Regenerate draws a fresh seed unless the seed is locked', () => {
  it('gives a new seed and new notes on each press, each one undo step', async () => {
    await compose();
    selectTrack(1);
    selectBar(2);
    const seeds = new Set<number>();
    for (let i = 0; i < 4; i++) {
      await regenerateBar();
      seeds.add(useCantor.getState().settings.seed);
    }
    expect(worker.requests.slice(1).map((r) => r.mode !== 'variations' && r.sampling.seed)).toEqual([...seeds]);
    expect(seeds.size).toBe(4);
    expect(history()).toBe(1 + 4);
  });

  it('with the seed locked, gives the same notes, and a press that changes nothing adds no undo step', async () => {
    await compose();
    setSeedLocked(true);
    setSetting('seed', 5);
    selectTrack(1);
    selectBar(2);
    await regenerateBar();
    const first = bassBar(2);
    const steps = history();
    await regenerateBar();
    expect(bassBar(2)).toEqual(first);
    expect(history()).toBe(steps);
    expect(useCantor.getState().messages.notice).toMatch(/same notes again \(seed 5\).*locked/);
    expect(worker.requests.slice(1).map((r) => r.mode !== 'variations' && r.sampling.seed)).toEqual([5, 5]);
  });

  it('Regenerate track also draws a fresh seed; Compose keeps the seed it is given', async () => {
    setSetting('seed', 9);
    await compose();
    selectTrack(0);
    await regenerateTrack();
    expect(worker.requests[0].mode !== 'variations' && worker.requests[0].sampling.seed).toBe(9);
    expect(worker.requests[1].mode !== 'variations' && worker.requests[1].sampling.seed).not.toBe(9);
  });
});

describe('Regenerate bar past the end', () => {
  it('names the bar as the ruler does, counting from 1', async () => {
    await compose();
    selectTrack(0);
    selectBar(9);
    await regenerateBar();
    expect(useCantor.getState().messages.alert).toBe('Cannot regenerate this bar: no bar 10: the piece has 4 bars.');
    expect(worker.requests).toHaveLength(1);
  });
});

describe('progress', () => {
  it('counts the bars every written track has reached', async () => {
    await compose();
    // The fake writes all four soprano bars, then the bass's: nothing is finished until the bass writes.
    expect(worker.progress).toEqual(['0/4', '0/4', '0/4', '0/4', '1/4', '2/4', '3/4', '4/4']);
  });

  it('counts the bars of the track that Regenerate track writes', async () => {
    loadPiece(
      {
        ppq: 480,
        tempos: [],
        timeSignatures: [],
        tracks: [
          {
            name: 'S',
            program: 52,
            isDrum: false,
            part: 'SOPRANO',
            notes: [{ pitch: 70, start: 0, duration: 4 * BAR, velocity: 70 }],
          },
        ],
      },
      null,
    );
    selectTrack(0);
    await regenerateTrack();
    expect(worker.progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
  });
});

describe('messages', () => {
  it('a stale alert goes when the next action succeeds', async () => {
    await regenerateTrack();
    expect(useCantor.getState().messages.alert).toMatch(/Select a track first/);
    await compose();
    expect(useCantor.getState().messages.alert).toBeNull();
    showAlert('something failed');
    selectTrack(0);
    await regenerateTrack();
    expect(useCantor.getState().messages.alert).toBeNull();
  });
});

describe('the polyphony and note-length choices go with each request', () => {
  it('Compose sends each track\u2019s bins; Regenerate track and bar send the Regenerate choices for the target', async () => {
    setTrackSpec(0, { inst: 'SOPRANO', density: 4, polyphony: 1 });
    setTrackSpec(1, { inst: 'BASS', duration: 3 });
    await compose();
    const [composed] = worker.requests;
    expect(composed.mode === 'compose' && composed.tracks).toEqual([
      { inst: 'SOPRANO', density: 4, polyphony: 1 },
      { inst: 'BASS', duration: 3 },
    ]);
    setRegenerateControls({ polyphony: 2, duration: 0 });
    selectTrack(1);
    await regenerateTrack();
    selectBar(1);
    await regenerateBar();
    const [track, bar] = worker.requests.slice(1);
    expect(track).toMatchObject({ mode: 'regenerate-track', trackIndex: 1, controls: { polyphony: 2, duration: 0 } });
    expect(bar).toMatchObject({
      mode: 'regenerate-bar',
      trackIndex: 1,
      bar: 1,
      controls: { polyphony: 2, duration: 0 },
    });
  });
});
