import { downloadMidi, uploadFile } from '../store/fileActions';
import { clearBar, redo, undo } from '../store/pieceActions';
import { selectCanRedo, selectCanUndo, selectRunning, selectSelectedBar, selectSelectedTrack } from '../store/selectors';
import { useCantor } from '../store/state';

/** Upload / Download MIDI, undo/redo, clear bar. */
export function FilePanel() {
  const canUndo = useCantor(selectCanUndo);
  const canRedo = useCantor(selectCanRedo);
  const running = useCantor(selectRunning);
  const bar = useCantor(selectSelectedBar);
  const track = useCantor(selectSelectedTrack);
  return (
    <fieldset className="panel">
      <legend>Piece</legend>
      <label className="upload">
        Upload MIDI
        <input
          aria-label="Upload MIDI"
          type="file"
          accept=".mid,.midi,audio/midi"
          disabled={running}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void uploadFile(file, file.name);
            e.target.value = '';
          }}
        />
      </label>
      <button type="button" onClick={downloadMidi}>
        Download MIDI
      </button>
      <button type="button" disabled={!canUndo || running} onClick={undo}>
        Undo
      </button>
      <button type="button" disabled={!canRedo || running} onClick={redo}>
        Redo
      </button>
      <button type="button" disabled={bar === null || running} onClick={() => bar !== null && clearBar(bar, track)}>
        Clear bar
      </button>
    </fieldset>
  );
}
