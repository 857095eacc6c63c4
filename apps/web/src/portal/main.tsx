import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalApp } from './PortalApp.tsx';
import './portal.css';

createRoot(document.getElementById('root') as HTMLElement).render(<StrictMode><PortalApp /></StrictMode>);
