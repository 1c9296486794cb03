import './zod-jitless'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { stateSnapshot } from './stores/state-snapshot'
import './ui/styles.css'

window.__keywardenState = stateSnapshot

const root = document.getElementById('root')
if (!root) throw new Error('Keywarden: #root is missing from index.html')

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
