import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp } from './AdminApp';
import { serverFromSearch } from './serverUrl';
import '../styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('admin.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AdminApp server={serverFromSearch(window.location.search)} />
  </StrictMode>,
);
