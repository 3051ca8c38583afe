// The shared styles first: each screen's own stylesheet, imported by its top component, comes after.
import './styles/tokens.css'
import './styles/base.css'
import './styles/buttons.css'
import './styles/forms.css'
import './styles/feedback.css'
import './styles/shell.css'
import './styles/tables.css'
import './styles/modal.css'
import './styles/controls.css'
import './styles/findings.css'
import './styles/results.css'
import './styles/popover.css'
import './styles/logs.css'
import './styles/cards.css'
import './styles/editor.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { applyTheme, readThemePreference } from './app/theme'

// Before the first paint, so a dark-theme user never sees a light flash.
applyTheme(readThemePreference())

const container = document.getElementById('root')
if (!container) throw new Error('Embed Workbench: #root is missing from index.html')

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>
)
