import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

/** Fails the preload build when it would emit anything but one whole file per entry. */
function wholePreloads(): Plugin {
  return {
    name: 'whole-preloads',
    generateBundle(_options, bundle) {
      const shared = Object.values(bundle).filter((file) => file.type === 'chunk' && !file.isEntry)
      if (shared.length)
        this.error(
          `A sandboxed preload cannot load a split chunk, but the build made ${shared.map((c) => c.fileName).join(', ')}: ` +
            'the preload entries share a module with values (share only types, or give each its own copy).'
        )
    }
  }
}

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
    plugins: [wholePreloads()],
    build: {
      // A sandboxed preload cannot require npm modules or split chunks: bundle each one whole.
      // Two entries cannot be built with code splitting off, so the build fails instead if a
      // module both use would become a shared chunk (wholePreloads below).
      externalizeDeps: false,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'preload/index.ts'),
          // The customer-app window's own preload: it reports the embed's messages, exposes nothing.
          'customer-app': resolve(__dirname, 'preload/customer-app/index.ts')
        },
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      // Minified: the first screen's JavaScript was 1.36 MB as written (issue 18, item 6).
      minify: true,
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
