import { useEffect, useState, type DragEvent } from 'react';
import { uploadFile } from '../store/fileActions';
import { loadModelList } from '../store/modelActions';
import { AboutBox } from './AboutBox';
import { Candidates } from './Candidates';
import { ComposePanel } from './ComposePanel';
import { FilePanel } from './FilePanel';
import { Messages } from './Messages';
import { ModelPanel } from './ModelPanel';
import { PianoRoll } from './PianoRoll';
import { StatusBar } from './StatusBar';
import { TokenPanel } from './TokenPanel';
import { TrackList } from './TrackList';
import { Transport } from './Transport';

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
    void loadModelList();
  }, []);
  const drop = useDropUpload();
  return (
    <div className={drop.over ? 'app dropping' : 'app'} {...drop.handlers}>
      <header>
        <h1>Cantor</h1>
        <StatusBar />
        <AboutBox />
      </header>
      <Messages />
      <div className="controls">
        <ModelPanel />
        <ComposePanel />
        <FilePanel />
      </div>
      <Candidates />
      <Transport />
      <div className="workspace">
        <TrackList />
        <PianoRoll />
      </div>
      <TokenPanel />
    </div>
  );
}
