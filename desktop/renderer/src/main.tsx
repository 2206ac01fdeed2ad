import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectHost } from './host/connect';
import { createAppModel } from './model/appModel';
import { browserNetwork } from './model/network';
import { browserHash } from './model/navigationStore';
import './styles.css';

const { host, link } = connectHost();
const model = createAppModel({ host, link, hash: browserHash(), network: browserNetwork() });
// A page kept in the back-forward cache keeps its model; one really unloading releases it.
window.addEventListener('pagehide', (e) => {
  if (!e.persisted) model.dispose();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App model={model} />
  </StrictMode>,
);
