import { useEffect, useRef } from 'react';
import { setLoop, setTempoScale, stopPlayback, togglePlay } from '../store/playbackActions';
import { toggleRecording } from '../store/recordActions';
import { pieceBars, selectBpm, selectLoop, selectPlaying, selectScore, selectTempoScale } from '../store/selectors';
import { barIndexAt, barLength } from '../music/meter';
import { endTick, type Score } from '../music/score';
import { rollBars } from './pianoRoll/bars';
import { useCantor } from '../store/state';

/** Loop from bar A to bar B (counted from 1, on the piece's real bar lines; the ruler's shift-click sets it too). */
function LoopControl() {
  const loop = useCantor(selectLoop);
  const score = useCantor(selectScore);
  const last = pieceBars(score).length;
  // Bars from 1 up to `n`, past the piece's end too (there is room to draw there).
  const barsTo = (n: number) => rollBars(score, endTick(score) + n * barLength(score.ppq, 4, 4));
  const all = barsTo(0);
  const from = loop ? barIndexAt(all, loop[0]) + 1 : 1;
  const to = loop ? barIndexAt(rollBars(score, loop[1]), loop[1] - 1) + 1 : last;
  const set = (a: number, b: number) => {
    const bars = barsTo(b);
    if (bars[a - 1] && bars[b - 1]) setLoop([bars[a - 1].start, bars[b - 1].end]);
  };
  return (
    <span className="loop">
      <label>
        <input
          type="checkbox"
          checked={loop !== null}
          onChange={(e) => (e.target.checked ? set(1, last) : setLoop(null))}
        />
        Loop
      </label>
      <label>
        from bar
        <input
          type="number"
          min={1}
          value={from}
          disabled={!loop}
          onChange={(e) =>
            e.target.valueAsNumber >= 1 && set(e.target.valueAsNumber, Math.max(to, e.target.valueAsNumber))
          }
        />
      </label>
      <label>
        to
        <input
          type="number"
          min={1}
          value={to}
          disabled={!loop}
          onChange={(e) => e.target.valueAsNumber >= from && set(from, e.target.valueAsNumber)}
        />
      </label>
    </span>
  );
}

/** "bar 3 beat 2" on the piece's real bar lines: written straight into the DOM from a store subscription, so the playhead never re-renders React. */
function Position() {
  const out = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const show = (tick: number, score: Score) => {
      if (!out.current) return;
      const bars = rollBars(score, tick + 1);
      const i = barIndexAt(bars, tick);
      const beat = Math.floor((tick - bars[i].start) / ((score.ppq * 4) / bars[i].denominator));
      out.current.textContent = `bar ${i + 1} beat ${beat + 1}`;
      out.current.dataset.tick = String(Math.round(tick));
    };
    const s = useCantor.getState();
    show(s.playback.position, s.piece.score);
    return useCantor.subscribe((next, prev) => {
      if (
        next.playback.position !== prev.playback.position ||
        next.piece.score.timeSignatures !== prev.piece.score.timeSignatures
      )
        show(next.playback.position, next.piece.score);
    });
  }, []);
  // role="timer", not <output>: the page keeps a single role="status" region (model + backend).
  return <span ref={out} role="timer" aria-label="Position" className="position" />;
}

/** Record from the MIDI input (R); while recording it ends the take, and says where the count-in is. */
function RecordButton() {
  const recording = useCantor((s) => s.midi.recording);
  const beat = useCantor((s) => s.midi.countInBeat);
  const startMs = useCantor((s) => s.midi.takeStartMs);
  return (
    <>
      <button
        type="button"
        className={recording === 'idle' ? 'record' : 'record on'}
        title={
          recording === 'idle'
            ? 'Record from the MIDI input into the Draw into track, after a one-bar count-in (R)'
            : 'End the take (R)'
        }
        onClick={() => void toggleRecording()}
      >
        {recording === 'idle' ? 'Record' : 'Stop recording'}
      </button>
      {recording !== 'idle' && (
        <span className="rec-state" aria-live="polite" data-start-ms={startMs ?? undefined}>
          {recording === 'count-in' ? `Count-in ${beat > 0 ? beat : '…'}` : '● Recording'}
        </span>
      )}
    </>
  );
}

/** Play/Pause, back to start, record, loop, tempo. */
export function Transport() {
  const playing = useCantor(selectPlaying);
  const tempo = useCantor(selectTempoScale);
  const bpm = useCantor(selectBpm);
  return (
    <div className="transport">
      <button type="button" className="play" onClick={() => void togglePlay()}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" title="Stop playing and go back to the start" onClick={stopPlayback}>
        To start
      </button>
      <RecordButton />
      <Position />
      <LoopControl />
      <label>
        Tempo
        <input
          aria-label="Tempo"
          type="range"
          min={0.25}
          max={2}
          step={0.05}
          value={tempo}
          onChange={(e) => setTempoScale(e.target.valueAsNumber)}
        />
        <span className="tempo-value">
          {Math.round(tempo * 100)}% ({Math.round(bpm * tempo)} BPM)
        </span>
      </label>
    </div>
  );
}
