import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { errorMessage, showAlert } from './store/messageActions';
import './ui/styles.css';

// A promise nobody awaited still reaches the user as an alert, not only the console.
window.addEventListener('unhandledrejection', (e) => showAlert(`Unexpected error: ${errorMessage(e.reason)}`));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
