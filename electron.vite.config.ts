import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// One build for three runtimes: the Electron main process (index), browser mode (browser-host)
// and later the CLI all bundle the same main/ services.
export default defineConfig({
  main: {
    build: {
      // electron-store and conf are ESM only; bundle them into the CommonJS main output.
      externalizeDeps: { exclude: ['electron-store', 'conf', 'jose'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          browser: resolve(__dirname, 'main/browser/index.ts'),
          cli: resolve(__dirname, 'main/cli/index.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload cannot require npm modules or split chunks: bundle it whole.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'renderer/index.html'),
          // The sample workbook page the emulator serves into preview frames.
          workbook: resolve(__dirname, 'renderer/workbook/workbook.html')
        }
      }
    }
  }
})
