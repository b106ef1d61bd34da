import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles/app.css';
import { App } from './ui/App.tsx';
import { boot } from './ui/boot.ts';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

void boot().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
