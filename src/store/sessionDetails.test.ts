import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineClient, type WorkerLike } from '../model/client';
import type { MainToWorker, WorkerToMain } from '../model/protocol';
import { emptyScore, type Score } from '../music/score';
import { setEngine } from './engine';
import { downloadName, newPiece } from './fileActions';
import { selectModel } from './modelActions';
import { addNote, loadPiece, undo } from './pieceActions';
import { addTrackSpec, nextInstrument } from './settingsActions';
import { patch, resetStore, useCantor } from './state';
import { testInfo } from '../model/testing/configs';

const SATB = ['SOPRANO', 'ALTO', 'TENOR', 'BASS'];

beforeEach(resetStore);

describe('Add track', () => {
  it('adds the next voice a chorale model still lacks, then any instrument not used yet', () => {
    expect(nextInstrument(SATB, [{ inst: 'SOPRANO' }, { inst: 'ALTO' }])).toBe('TENOR');
    expect(nextInstrument(SATB, [{ inst: 'ALTO' }, { inst: 'BASS' }])).toBe('SOPRANO');
    expect(
      nextInstrument(
        SATB,
        SATB.map((inst) => ({ inst })),
      ),
    ).toBe('SOPRANO');
    expect(nextInstrument(['0', '25', '33', 'DRUMS'], [{ inst: '0' }])).toBe('25');
    expect(nextInstrument([], [])).toBeNull();
  });

  it('appends it to the tracks to compose', () => {
    patch('settings', { tracks: [{ inst: 'SOPRANO' }, { inst: 'BASS' }] });
    addTrackSpec(SATB);
    addTrackSpec(SATB);
    expect(useCantor.getState().settings.tracks.map((t) => t.inst)).toEqual(['SOPRANO', 'BASS', 'ALTO', 'TENOR']);
  });
});

const upload = (): Score => ({
  ...emptyScore(),
  tracks: [{ name: 'S', program: 0, isDrum: false, notes: [{ pitch: 70, start: 0, duration: 1920, velocity: 80 }] }],
});

describe('the downloaded file name', () => {
  it('says "-continued" only once the piece runs past the uploaded notes', () => {
    expect(downloadName(useCantor.getState().piece)).toBe('cantor.mid');
    loadPiece(upload(), 'Chorale.MID');
    expect(downloadName(useCantor.getState().piece)).toBe('Chorale.mid');
    addNote(0, { pitch: 72, start: 960, duration: 480, velocity: 80 });
    expect(downloadName(useCantor.getState().piece)).toBe('Chorale.mid');
    addNote(0, { pitch: 72, start: 1920, duration: 480, velocity: 80 });
    expect(downloadName(useCantor.getState().piece)).toBe('Chorale-continued.mid');
  });
});

describe('New piece', () => {
  it('empties the roll as one undo step', () => {
    loadPiece(upload(), 'a.mid');
    newPiece();
    expect(useCantor.getState().piece.score.tracks).toEqual([]);
    expect(useCantor.getState().piece.source).toBeNull();
    expect(useCantor.getState().messages.notice).toMatch(/Undo brings the previous one back/);
    undo();
    expect(useCantor.getState().piece.score).toEqual(upload());
  });

  it('waits for a running generation', () => {
    loadPiece(upload(), 'a.mid');
    patch('generation', { running: true });
    newPiece();
    expect(useCantor.getState().piece.score.tracks).toHaveLength(1);
    expect(useCantor.getState().messages.alert).toMatch(/Wait for the model/);
  });
});

/** A browser without a WebGPU adapter: the engine refuses 'webgpu' and runs 'wasm'. */
class NoGpuWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent<WorkerToMain>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  loads: string[] = [];
  postMessage(m: MainToWorker): void {
    if (m.type !== 'load') return;
    this.loads.push(m.backend);
    const info = testInfo({ name: 'm', instruments: SATB });
    const reply: WorkerToMain =
      m.backend === 'webgpu'
        ? {
            type: 'error',
            code: 'backend',
            message: 'WebGPU is not available in this browser (no GPU adapter); choose WASM',
          }
        : { type: 'loaded', info };
    setTimeout(() => this.onmessage?.({ data: reply } as MessageEvent<WorkerToMain>), 0);
  }
  terminate(): void {}
}

describe('an explicit WebGPU choice without an adapter', () => {
  let worker: NoGpuWorker;
  beforeEach(() => {
    worker = new NoGpuWorker();
    setEngine(new EngineClient(() => worker));
  });
  afterEach(() => setEngine(null));

  it('falls back to WASM with a notice, and a model is loaded', async () => {
    patch('settings', { backend: 'webgpu' });
    const info = await selectModel('m');
    expect(worker.loads).toEqual(['webgpu', 'wasm']);
    expect(info?.backend).toBe('wasm');
    expect(useCantor.getState().model.status).toBe('ready');
    expect(useCantor.getState().messages.notice).toMatch(/WebGPU cannot run here .*no GPU adapter.*runs on WASM/);
    expect(useCantor.getState().messages.alert).toBeNull();
  });

  it('does not retry other failures', async () => {
    patch('settings', { backend: 'wasm' });
    worker.postMessage = function (m: MainToWorker) {
      if (m.type !== 'load') return;
      this.loads.push(m.backend);
      setTimeout(
        () =>
          this.onmessage?.({
            data: { type: 'error', code: 'model-missing', message: 'no such model' },
          } as MessageEvent<WorkerToMain>),
        0,
      );
    };
    expect(await selectModel('m')).toBeNull();
    expect(worker.loads).toEqual(['wasm']);
    expect(useCantor.getState().messages.alert).toMatch(/could not be loaded: no such model/);
  });
});
