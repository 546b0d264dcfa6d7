import { useEffect, useRef } from 'react';
import { setLoop, setTempoScale, stopPlayback, togglePlay } from '../store/playbackActions';
import { barCount, selectBpm, selectLoop, selectPlaying, selectScore, selectTempoScale } from '../store/selectors';
import { useCantor } from '../store/state';

function LoopControl() {
  const loop = useCantor(selectLoop);
  const score = useCantor(selectScore);
  const bt = score.ppq * 4;
  const bars = barCount(score);
  const from = loop ? loop[0] / bt + 1 : 1;
  const to = loop ? loop[1] / bt : bars;
  const set = (a: number, b: number) => setLoop([(a - 1) * bt, b * bt]);
  return (
    <span className="loop">
      <label>
        <input type="checkbox" checked={loop !== null} onChange={(e) => (e.target.checked ? set(1, bars) : setLoop(null))} />
        Loop
      </label>
      <label>
        from bar
        <input type="number" min={1} value={from} disabled={!loop} onChange={(e) => e.target.valueAsNumber >= 1 && set(e.target.valueAsNumber, Math.max(to, e.target.valueAsNumber))} />
      </label>
      <label>
        to
        <input type="number" min={1} value={to} disabled={!loop} onChange={(e) => e.target.valueAsNumber >= from && set(from, e.target.valueAsNumber)} />
      </label>
    </span>
  );
}

/** "bar 3 beat 2": written straight into the DOM from a store subscription, so the playhead never re-renders React. */
function Position() {
  const out = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const show = (tick: number, ppq: number) => {
      if (!out.current) return;
      const beat = Math.floor(tick / ppq);
      out.current.textContent = `bar ${Math.floor(beat / 4) + 1} beat ${(beat % 4) + 1}`;
      out.current.dataset.tick = String(Math.round(tick));
    };
    const s = useCantor.getState();
    show(s.playback.position, s.piece.score.ppq);
    return useCantor.subscribe((next, prev) => {
      if (next.playback.position !== prev.playback.position) show(next.playback.position, next.piece.score.ppq);
    });
  }, []);
  // role="timer", not <output>: the page keeps a single role="status" region (model + backend).
  return <span ref={out} role="timer" aria-label="Position" className="position" />;
}

/** Play/Pause, back to start, loop, tempo. */
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
      <Position />
      <LoopControl />
      <label>
        Tempo
        <input aria-label="Tempo" type="range" min={0.25} max={2} step={0.05} value={tempo} onChange={(e) => setTempoScale(e.target.valueAsNumber)} />
        <span className="tempo-value">
          {Math.round(tempo * 100)}% ({Math.round(bpm * tempo)} BPM)
        </span>
      </label>
    </div>
  );
}
