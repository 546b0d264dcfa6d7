import { Component, type ReactNode } from 'react';
import { clearSavedSession } from '../store/persist';

/**
 * A rendering bug shows what went wrong instead of a blank page. A reload restores the autosaved
 * session; if that session is what breaks the page, "Start fresh" forgets it first.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const startFresh = () => void clearSavedSession().finally(() => location.reload());
    return (
      <div className="app error-page">
        <h1>Cantor</h1>
        <div role="alert" className="alert message">
          Something went wrong while drawing the page: {this.state.error.message}
        </div>
        <p>
          <button type="button" onClick={() => location.reload()}>
            Reload
          </button>{' '}
          <button type="button" title="Forget the autosaved piece and settings, then reload" onClick={startFresh}>
            Start fresh
          </button>
        </p>
      </div>
    );
  }
}
