import { dismissAlert, showNotice } from '../store/messageActions';
import { selectAlert, selectNotice } from '../store/selectors';
import { useCantor } from '../store/state';

/** Errors in role="alert" (always present, so screen readers announce changes); notices below it. */
export function Messages() {
  const alert = useCantor(selectAlert);
  const notice = useCantor(selectNotice);
  return (
    <div className="messages">
      <div role="alert" className={alert ? 'alert' : 'alert empty'}>
        {alert}
        {alert && (
          <button type="button" className="dismiss" aria-label="Dismiss error" onClick={dismissAlert}>
            ×
          </button>
        )}
      </div>
      {notice && (
        <p className="notice">
          {notice}
          <button type="button" className="dismiss" aria-label="Dismiss notice" onClick={() => showNotice(null)}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}
