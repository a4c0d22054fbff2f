import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Sarabun: the Thai subset lacks ',' and '.', so the Latin subset is loaded beside it.
import '@fontsource/sarabun/thai-400.css';
import '@fontsource/sarabun/latin-400.css';
import '@fontsource/sarabun/thai-700.css';
import '@fontsource/sarabun/latin-700.css';
import './styles.css';
import { App } from './App.tsx';
import { PrefsProvider } from './prefs.tsx';
import { SessionProvider } from './session.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrefsProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </PrefsProvider>
  </StrictMode>,
);
