import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { applyTheme, readThemePreference } from './app/theme'
import './styles.css'

// Before the first paint, so a dark-theme user never sees a light flash.
applyTheme(readThemePreference())

const container = document.getElementById('root')
if (!container) throw new Error('Embed Workbench: #root is missing from index.html')

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>
)
