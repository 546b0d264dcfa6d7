import { useLayoutEffect, useRef, useState } from 'react';
import { dismissAlert, showNotice } from '../store/messageActions';
import { selectAlert, selectNotice, selectNoticeDetails } from '../store/selectors';
import { useCantor } from '../store/state';

/** The text is cut by its line clamp: measured after layout and again whenever its box changes size. */
function useCut(text: string, open: boolean) {
  const ref = useRef<HTMLSpanElement>(null);
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || open) return; // open, nothing is cut: keep what was measured closed, so the button stays
    const measure = () => setCut(el.scrollHeight > el.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text, open]);
  return { ref, cut };
}

/**
 * One message: its line (cut to the reserved height) and, when there is more (a list, or a line too long for
 * its room), "Show all", which opens the whole message over what is below, so nothing on the page moves.
 */
function Message({
  text,
  details,
  dismiss,
}: {
  text: string;
  details: readonly string[];
  dismiss: { label: string; onClick: () => void };
}) {
  const [open, setOpen] = useState(false);
  const { ref, cut } = useCut(text, open);
  return (
    <div className={open ? 'message open' : 'message'}>
      <div className="body">
        <span className="text" ref={ref}>
          {text}
        </span>
        {details.length > 0 && (
          <ul className="details" hidden={!open}>
            {details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      {(cut || details.length > 0 || open) && (
        <button type="button" className="more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show less' : 'Show all'}
        </button>
      )}
      <button type="button" className="dismiss" aria-label={dismiss.label} onClick={dismiss.onClick}>
        ×
      </button>
    </div>
  );
}

/**
 * Errors in role="alert" (always present, so screen readers announce changes) and the notice,
 * side by side in a line of their own that is always there (a tip fills it when both are empty),
 * so a message never moves the page. Each stays until closed or until the next action succeeds.
 * A new message starts closed (keyed by its text).
 */
export function Messages() {
  const alert = useCantor(selectAlert);
  const notice = useCantor(selectNotice);
  const details = useCantor(selectNoticeDetails);
  return (
    <div className="messages">
      <div role="alert" className={alert ? 'alert' : 'alert empty'}>
        {alert && (
          <Message key={alert} text={alert} details={[]} dismiss={{ label: 'Dismiss error', onClick: dismissAlert }} />
        )}
      </div>
      {notice && (
        <div className="notice">
          <Message
            key={notice}
            text={notice}
            details={details}
            dismiss={{ label: 'Dismiss notice', onClick: () => showNotice(null) }}
          />
        </div>
      )}
      {!alert && !notice && (
        <p className="tip">
          Space: play / pause · Ctrl+Z: undo · Ctrl+Shift+Z: redo · drop a .mid file anywhere to upload it
        </p>
      )}
    </div>
  );
}
