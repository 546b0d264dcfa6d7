import { dismissAlert, showNotice } from '../store/messageActions';
import { selectAlert, selectNotice } from '../store/selectors';
import { useCantor } from '../store/state';

/**
 * Errors in role="alert" (always present, so screen readers announce changes) and the notice,
 * side by side in a line of their own that is always there (a tip fills it when both are empty),
 * so a message never moves the page. Each stays until closed or until the next action succeeds.
 */
export function Messages() {
  const alert = useCantor(selectAlert);
  const notice = useCantor(selectNotice);
  return (
    <div className="messages">
      <div role="alert" className={alert ? 'alert message' : 'alert empty'}>
        {alert && (
          <>
            <span className="text" title={alert}>
              {alert}
            </span>
            <button type="button" className="dismiss" aria-label="Dismiss error" onClick={dismissAlert}>
              ×
            </button>
          </>
        )}
      </div>
      {notice && (
        <p className="notice message">
          <span className="text" title={notice}>
            {notice}
          </span>
          <button type="button" className="dismiss" aria-label="Dismiss notice" onClick={() => showNotice(null)}>
            ×
          </button>
        </p>
      )}
      {!alert && !notice && <p className="tip">Space: play / pause · Ctrl+Z: undo · Ctrl+Shift+Z: redo · drop a .mid file anywhere to upload it</p>}
    </div>
  );
}
