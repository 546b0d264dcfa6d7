import { Component, type ReactNode } from 'react';

/** A rendering bug shows what went wrong instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="app">
        <h1>Cantor</h1>
        <div role="alert" className="alert">
          Something went wrong while drawing the page: {this.state.error.message}
        </div>
        <p>
          <button type="button" onClick={() => location.reload()}>
            Reload
          </button>
        </p>
      </div>
    );
  }
}
