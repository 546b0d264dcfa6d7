import { createRoot } from 'react-dom/client';

// Placeholder shell; the app lives in src/ui (see issue 5).
createRoot(document.getElementById('root')!).render(<h1>Cantor</h1>);
