import { useMemo, useState } from 'react';
import { selectModel, selectRunning, selectScore } from '../store/selectors';
import { useCantor } from '../store/state';
import { tokenText } from '../store/tokenView';

/** The piece as mmmtrack tokens; encoded only while open, and not while the model writes. */
export function TokenPanel() {
  const [open, setOpen] = useState(false);
  const score = useCantor(selectScore);
  const running = useCantor(selectRunning);
  const info = useCantor(selectModel).info;
  const text = useMemo(() => (open && !running ? tokenText(score, info) : ''), [open, running, score, info]);
  return (
    <details
      className="tokens"
      onToggle={(e) => {
        const details = e.target as HTMLDetailsElement;
        setOpen(details.open);
        // It opens in the sidebar, perhaps near its foot: bring the text into view.
        if (details.open) requestAnimationFrame(() => details.scrollIntoView({ block: 'nearest' }));
      }}
    >
      <summary>Tokens</summary>
      <pre aria-label="mmmtrack tokens">
        {running ? '(the model is writing…)' : text.replace(/ (TRACK_START|FILL_START)/g, '\n$1')}
      </pre>
    </details>
  );
}
