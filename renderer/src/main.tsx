import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startBridge } from './api/bridge';
import { App } from './app/app';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void startBridge();
