import { useState } from 'react';
import { isGmModel } from '../store/gmModel';
import { addTrackToPiece } from '../store/generationActions';
import { selectModel, selectModelReady, selectRunning } from '../store/selectors';
import { useCantor, type CantorState } from '../store/state';

const selectHasNotes = (s: CantorState) => s.piece.score.tracks.some((t) => t.notes.length > 0);
import { InstrumentPicker } from './InstrumentPicker';

/** Add an instrument to the piece in the roll: the model writes its part to fit the tracks already there. */
export function AddPieceTrack() {
  const instruments = useCantor(selectModel).info?.instruments ?? [];
  const ready = useCantor(selectModelReady);
  const running = useCantor(selectRunning);
  const hasNotes = useCantor(selectHasNotes);
  const idle = ready && !running;
  const [inst, setInst] = useState<string | null>(null);
  // For GM models only: a part model's voices are all in its Compose tracks already.
  if (!isGmModel(instruments)) return null;
  const value = inst !== null && instruments.includes(inst) ? inst : (instruments[0] ?? '');
  return (
    <span className="add-piece-track">
      <InstrumentPicker label="Instrument to add" value={value} instruments={instruments} onChange={setInst} />
      <button
        type="button"
        disabled={!idle || !hasNotes || value === ''}
        title="Add this instrument to the piece; the model writes its part to fit the other tracks"
        onClick={() => void addTrackToPiece(value)}
      >
        Add to piece
      </button>
    </span>
  );
}
