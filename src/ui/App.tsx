import { useEffect, useState, type DragEvent } from 'react';
import { uploadFile } from '../store/fileActions';
import { initMidi } from '../store/midiActions';
import { startSession } from '../store/sessionActions';
import { AboutBox } from './AboutBox';
import { Candidates } from './Candidates';
import { ComposePanel } from './ComposePanel';
import { FilePanel } from './FilePanel';
import { Messages } from './Messages';
import { MidiPanel } from './MidiPanel';
import { ModelPanel } from './ModelPanel';
import { PianoRoll } from './PianoRoll';
import { SaveState } from './SaveState';
import { StatusBar } from './StatusBar';
import { TokenPanel } from './TokenPanel';
import { TrackList } from './TrackList';
import { Transport } from './Transport';
import { useShortcuts } from './useShortcuts';

/** Drag a .mid anywhere onto the page to upload it. */
function useDropUpload() {
  const [over, setOver] = useState(false);
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void uploadFile(file, file.name);
  };
  return { over, handlers: { onDragOver, onDragLeave: () => setOver(false), onDrop } };
}

export function App() {
  useEffect(() => {
    void startSession();
    void initMidi();
  }, []);
  useShortcuts();
  const drop = useDropUpload();
  return (
    <div className={drop.over ? 'app dropping' : 'app'} {...drop.handlers}>
      <header>
        <h1>Cantor</h1>
        <StatusBar />
        <SaveState />
        <AboutBox />
      </header>
      <Messages />
      {/* Controls in a sidebar that scrolls on its own, so the roll keeps the rest of the window at any size.
          The track list, which grows with the piece, comes last: it pushes nothing down. Opening the tokens
          never takes height from the roll. */}
      <aside className="sidebar" aria-label="Controls">
        <ModelPanel />
        <ComposePanel />
        <Candidates />
        <TokenPanel />
        <MidiPanel />
        <TrackList />
      </aside>
      <main className="workspace">
        <div className="toolbar">
          <FilePanel />
          <Transport />
        </div>
        <PianoRoll />
      </main>
    </div>
  );
}
