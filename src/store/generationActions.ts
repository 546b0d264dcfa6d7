// Compose / Continue / Regenerate / Variations through the engine. Notes stream
// into the piece bar by bar; the finished run is one undo step; Stop keeps what
// was written. Uploaded notes are never touched: the model sees a mapped view and
// only the notes it adds are merged back.
import { trackForInst } from '../music/encode';
import { addedNotes, mapMessage, modelView, type InstrumentMap } from '../music/instrumentMap';
import { continuationStart, fourFourFrom, notFourFourBar, wholeBars } from '../music/meter';
import { emptyScore, endTick, sortNotes, type Note, type Score } from '../music/score';
import {
  continueRequest,
  defaultRegister,
  mergeContinuation,
  modelPrompt,
  type ModelPrompt,
} from '../model/continuation';
import {
  DEFAULT_VOICE_LEADING,
  type GenerateRequest,
  type ModelInfo,
  type Sampling,
  type WorkerToMain,
} from '../model/protocol';
import { engine } from './engine';
import { barProgress } from './barProgress';
import { actionSucceeded, errorMessage, showAlert, showNotice } from './messageActions';
import { modelReady } from './modelActions';
import { beginLive, commit, endLive, replaceLive } from './pieceActions';
import { barCount, pieceBar } from './selectors';
import { drawSeedUnlessLocked } from './settingsActions';
import { patch, useCantor, type PieceSnapshot, type Region } from './state';

type Target =
  | { kind: 'compose'; bars: number }
  | { kind: 'continue' }
  | { kind: 'track'; j: number }
  | { kind: 'bar'; j: number; bar: number };

/** One press of a generation button: the piece as the model sees it (compose: the new tracks), and what to write. */
interface PieceRun extends ModelPrompt {
  target: Target;
}

function sampling(): Sampling {
  const { settings, model } = useCantor.getState();
  const { temperature, topP, seed, voiceLeadingGuard } = settings;
  const register = model.info ? defaultRegister(model.info.config) : 0;
  return { temperature, topP, seed, voiceLeading: voiceLeadingGuard ? DEFAULT_VOICE_LEADING : 0, register };
}

const sourceOf = (run: PieceRun, j: number) => run.map.mapping[j]?.source;

/** [start, end) of the whole bars (on the score's own bar lines) that hold these notes. */
function barsAround(score: Score, notes: readonly Note[]): [number, number] {
  const from = Math.min(...notes.map((n) => n.start));
  return wholeBars(score, from, Math.max(from + 1, ...notes.map((n) => n.start + n.duration)));
}

/** The whole bars of a score from its start to its last note. */
const wholePiece = (score: Score): [number, number] => wholeBars(score, 0, Math.max(1, endTick(score)));

/** [start, end) of bar `bar` (from 0) of a score. */
function barSpan(score: Score, bar: number): [number, number] {
  const b = pieceBar(score, bar);
  return [b.start, b.end];
}

/** One finished result applied to the full piece: the new score and its generated regions. */
function snapshotOf(job: PieceRun, result: Score, prev: Region[]): PieceSnapshot {
  const t = job.target;
  if (t.kind === 'compose') {
    const end = wholePiece(result)[1];
    return { score: result, generated: result.tracks.map((_, track) => ({ track, start: 0, end })) };
  }
  if (t.kind === 'continue') {
    const score = mergeContinuation(job, result);
    const generated = [...prev];
    job.map.mapping.forEach(({ source }, j) => {
      const added = addedNotes(job.view.tracks[j].notes, result.tracks[j]?.notes ?? []);
      if (added.length === 0) return;
      const [start, end] = barsAround(score, added);
      generated.push({ track: source, start, end });
    });
    return { score, generated };
  }
  const j = t.kind === 'track' || t.kind === 'bar' ? t.j : 0;
  const source = sourceOf(job, j);
  const tracks = job.full.tracks.map((tr, i) =>
    i === source ? { ...tr, notes: result.tracks[j]?.notes ?? tr.notes } : tr,
  );
  const [start, end] = t.kind === 'bar' ? barSpan(job.full, t.bar) : wholePiece(job.full);
  const generated = [...prev.filter((r) => t.kind === 'bar' || r.track !== source), { track: source, start, end }];
  return { score: { ...job.full, tracks }, generated };
}

/** The piece as shown while the model writes: the starting point plus streamed notes. */
function liveStart(job: PieceRun): Score {
  const t = job.target;
  if (t.kind === 'compose') return job.full;
  // The new bars are 4/4 from where they start, so the roll draws them on their own bar lines while they stream in.
  if (t.kind === 'continue')
    return { ...job.full, timeSignatures: fourFourFrom(job.full, continuationStart(job.view, endTick(job.full))) };
  const source = sourceOf(job, t.j);
  const [lo, hi] = t.kind === 'bar' ? barSpan(job.full, t.bar) : [0, 0];
  const keep = (n: Note) => t.kind === 'bar' && (n.start < lo || n.start >= hi);
  return {
    ...job.full,
    tracks: job.full.tracks.map((tr, i) => (i === source ? { ...tr, notes: tr.notes.filter(keep) } : tr)),
  };
}

/** The view tracks a run writes and how many bars each gets: what its progress counts. */
function written(job: PieceRun): { tracks: number[]; bars: number } {
  const t = job.target;
  if (t.kind === 'track') return { tracks: [t.j], bars: barCount(job.view) };
  if (t.kind === 'bar') return { tracks: [t.j], bars: 1 };
  const bars = t.kind === 'compose' ? t.bars : useCantor.getState().settings.bars;
  return { tracks: job.view.tracks.map((_, i) => i), bars };
}

const sameNote = (m: Note, n: Note) =>
  m.pitch === n.pitch && m.start === n.start && m.duration === n.duration && m.velocity === n.velocity;
const sameNotes = (a: Score, b: Score) =>
  a.tracks.length === b.tracks.length &&
  a.tracks.every(
    (t, i) => t.notes.length === b.tracks[i].notes.length && t.notes.every((n, k) => sameNote(n, b.tracks[i].notes[k])),
  );

function sameNotesNotice(target: Target): string {
  const { seed, seedLocked } = useCantor.getState().settings;
  const regenerating = target.kind === 'track' || target.kind === 'bar';
  const hint = !regenerating
    ? 'change the seed for something else'
    : seedLocked
      ? 'the seed is locked: unlock it for a fresh seed on each press'
      : 'press again for another seed';
  return `The model wrote the same notes again (seed ${seed}); nothing changed: ${hint}.`;
}

async function run(request: GenerateRequest, job: PieceRun, mode: string): Promise<void> {
  const base = beginLive();
  const t0 = performance.now();
  let live = liveStart(job);
  const plan = written(job);
  const closed = barProgress(plan.tracks);
  patch('generation', {
    running: true,
    mode,
    barsDone: 0,
    totalBars: plan.bars,
    tokens: 0,
    firstNoteMs: null,
    candidates: [],
  });
  replaceLive(live);
  const onEvent = (e: WorkerToMain) => {
    if (e.type === 'notes') {
      patch('generation', { barsDone: Math.min(plan.bars, closed(e.track)) });
      const source = sourceOf(job, e.track);
      const t = job.target;
      if (e.notes.length === 0 || source === undefined || ((t.kind === 'track' || t.kind === 'bar') && e.track !== t.j))
        return;
      if (useCantor.getState().generation.firstNoteMs === null)
        patch('generation', { firstNoteMs: performance.now() - t0 });
      live = {
        ...live,
        tracks: live.tracks.map((tr, i) =>
          i === source ? { ...tr, notes: sortNotes([...tr.notes, ...e.notes]) } : tr,
        ),
      };
      replaceLive(live);
    } else if (e.type === 'progress') {
      patch('generation', { tokens: e.loaded });
    }
  };
  try {
    const result = await engine().generate(request, onEvent);
    const candidates = (result.candidates ?? [result.score]).map((c) => snapshotOf(job, c, base.generated));
    if (candidates.length === 1 && sameNotes(candidates[0].score, base.score)) {
      // Nothing changed: no undo step that undoes nothing.
      replaceLive(base.score, base.generated);
      showNotice(sameNotesNotice(job.target));
      return;
    }
    endLive(base, candidates[0].score, candidates[0].generated);
    actionSucceeded();
    // Which tracks went on and why the others did not (the track budget, instruments the model lacks).
    if (job.target.kind === 'continue') {
      const said = mapMessage(job.full, job.map);
      showNotice(`Continued ${job.map.mapping.length} of ${job.full.tracks.length} tracks. ${said.text}`, said.details);
    }
    patch('generation', { candidates: candidates.length > 1 ? candidates : [] });
  } catch (e) {
    // Nothing is lost: the piece goes back to what it was (a regeneration had taken notes out of the live view).
    replaceLive(base.score, base.generated);
    showAlert(`Generation failed: ${errorMessage(e)}`);
  } finally {
    patch('generation', { running: false });
  }
}

/** Build the job for the current piece, or show why it cannot run. */
async function prepare(target: Target): Promise<{ job: PieceRun; info: ModelInfo } | null> {
  if (useCantor.getState().generation.running) return null;
  const info = await modelReady();
  if (!info) {
    showAlert('No model is loaded: pick a model first.');
    return null;
  }
  const full = useCantor.getState().piece.score;
  if (target.kind === 'compose') {
    const specs = useCantor.getState().settings.tracks;
    if (specs.length === 0) {
      showAlert('Choose at least one track to compose.');
      return null;
    }
    const score: Score = { ...emptyScore(480), tracks: specs.map((s) => ({ ...trackForInst(s.inst), notes: [] })) };
    const map: InstrumentMap = {
      mapping: specs.map((s, source) => ({ source, inst: s.inst })),
      dropped: [],
      notice: '',
    };
    return { job: { full: score, map, view: score, target }, info };
  }
  try {
    return { job: { ...modelPrompt(full, info.config), target }, info };
  } catch (e) {
    showAlert(`Cannot ${target.kind === 'continue' ? 'continue' : 'regenerate'} this piece: ${errorMessage(e)}`);
    return null;
  }
}

function requestFor(job: PieceRun): GenerateRequest {
  const t = job.target;
  const s = sampling();
  if (t.kind === 'compose')
    return { mode: 'compose', tracks: useCantor.getState().settings.tracks, bars: t.bars, sampling: s };
  if (t.kind === 'continue') return continueRequest(job, useCantor.getState().settings.bars, s);
  const controls = useCantor.getState().settings.regenerateControls;
  if (t.kind === 'track') return { mode: 'regenerate-track', score: job.view, trackIndex: t.j, sampling: s, controls };
  return { mode: 'regenerate-bar', score: job.view, trackIndex: t.j, bar: t.bar, sampling: s, controls };
}

async function start(target: Target, variations = 0): Promise<void> {
  const ready = await prepare(target);
  if (!ready) return;
  if (target.kind === 'track' || target.kind === 'bar') drawSeedUnlessLocked();
  const base = requestFor(ready.job);
  const request: GenerateRequest = variations > 1 ? { mode: 'variations', base, count: variations } : base;
  await run(request, ready.job, variations > 1 ? 'variations' : base.mode);
}

export function compose(): Promise<void> {
  return start({ kind: 'compose', bars: useCantor.getState().settings.bars });
}

export function continuePiece(): Promise<void> {
  if (useCantor.getState().piece.score.tracks.every((t) => t.notes.length === 0)) {
    showAlert('There is nothing to continue: compose, draw or upload some notes first.');
    return Promise.resolve();
  }
  return start({ kind: 'continue' });
}

/** The view index of a full-score track, or show why it cannot be regenerated. */
async function viewIndex(track: number | null): Promise<number | null> {
  if (track === null) {
    showAlert('Select a track first (click its name or one of its notes).');
    return null;
  }
  const info = await modelReady();
  if (!info) return null;
  try {
    const j = modelPrompt(useCantor.getState().piece.score, info.config).map.mapping.findIndex(
      (m) => m.source === track,
    );
    if (j < 0) showAlert('The model does not play the selected track.');
    return j < 0 ? null : j;
  } catch (e) {
    showAlert(errorMessage(e));
    return null;
  }
}

/**
 * Add a track of `inst` to the piece and let the model write it, conditioned on the tracks already there
 * (e.g. a bass for a drums-and-keys piece). One undo step takes the new track away again.
 */
export async function addTrackToPiece(inst: string): Promise<void> {
  if (useCantor.getState().generation.running) return;
  const info = await modelReady();
  if (!info) return showAlert('No model is loaded: pick a model first.');
  if (!info.instruments.includes(inst)) return showAlert(`The model does not know ${inst}.`);
  const piece = useCantor.getState().piece.score;
  const full: Score = { ...piece, tracks: [...piece.tracks, { ...trackForInst(inst), notes: [] }] };
  const source = full.tracks.length - 1;
  let map: InstrumentMap;
  try {
    map = piece.tracks.some((t) => t.notes.length > 0)
      ? modelPrompt(piece, info.config).map
      : { mapping: [], dropped: [], notice: '' };
  } catch (e) {
    return showAlert(`Cannot add a track to this piece: ${errorMessage(e)}`);
  }
  const budget = info.config.encoding.maxTracks;
  if (budget !== null && map.mapping.length >= budget)
    return showAlert(`The model plays at most ${budget} tracks at once, and this piece already gives it ${budget}.`);
  const withNew: InstrumentMap = { ...map, mapping: [...map.mapping, { source, inst }] };
  const j = withNew.mapping.length - 1;
  drawSeedUnlessLocked();
  const job: PieceRun = { full, map: withNew, view: modelView(full, withNew), target: { kind: 'track', j } };
  await run(requestFor(job), job, 'regenerate-track');
}

export async function regenerateTrack(): Promise<void> {
  const j = await viewIndex(useCantor.getState().piece.selectedTrack);
  if (j !== null) await start({ kind: 'track', j });
}

export async function regenerateBar(): Promise<void> {
  const { selectedBar } = useCantor.getState().piece;
  if (useCantor.getState().model.info?.fill !== true) return showAlert('This model cannot fill in single bars.');
  if (selectedBar === null)
    return showAlert('Select a bar first (click the bar numbers above the roll, or choose one beside Regenerate bar).');
  const score = useCantor.getState().piece.score;
  const problem = notFourFourBar(score, selectedBar, barCount(score));
  if (problem) return showAlert(`Cannot regenerate this bar: ${problem}.`);
  const j = await viewIndex(useCantor.getState().piece.selectedTrack);
  if (j !== null) await start({ kind: 'bar', j, bar: selectedBar });
}

/** Several candidates of a compose (empty piece) or a continuation, to audition and pick. */
export function variations(count = 3): Promise<void> {
  const empty = useCantor.getState().piece.score.tracks.every((t) => t.notes.length === 0);
  return start(empty ? { kind: 'compose', bars: useCantor.getState().settings.bars } : { kind: 'continue' }, count);
}

export function pickCandidate(index: number): void {
  const c = useCantor.getState().generation.candidates[index];
  if (c) commit(c.score, c.generated);
}

export function stop(): void {
  if (useCantor.getState().generation.running) engine().abort();
}
