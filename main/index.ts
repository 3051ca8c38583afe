/** Electron entry: the desktop shell (main/shell/) starts the app; everything else is shared. */
import { join } from 'node:path'
import { runDesktopApp } from './shell/app'

// out/main/index.js sits beside out/renderer and out/preload once built.
runDesktopApp({
  rendererDir: join(__dirname, '../renderer'),
  preloadPath: join(__dirname, '../preload/index.js'),
  customerPreloadPath: join(__dirname, '../preload/customer-app.js')
})
