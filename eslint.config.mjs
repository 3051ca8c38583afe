// The linter guards the borders of the house (../shared/ARCHITECTURE.md):
// - `electron` only in main/shell/ and preload/; `ipcMain` only in main/shell/ipc.ts; `ipcRenderer`
//   only in the two preload entries (preload/index.ts for the app's window, preload/customer-app/
//   index.ts for the customer-app window), so the CLI, browser mode and the tests run the real code
//   under Node;
// - the renderer never imports main/, imports only types from the contract (values come from
//   preload/contract/constants.ts, which is zod-free), and no feature folder imports another.
import { dirname, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const root = dirname(fileURLToPath(import.meta.url))
const inRepo = (file) => relative(root, file).split(sep).join('/')

/** Where a relative import lands, as a repository path (no extension resolution needed). */
function target(context, source) {
  if (!source.startsWith('.')) return null
  return inRepo(resolve(dirname(context.filename), source))
}

const featureOf = (path) => /^renderer\/src\/features\/([^/]+)\//.exec(path)?.[1] ?? null

const house = {
  rules: {
    'renderer-borders': {
      meta: { type: 'problem', schema: [], messages: {} },
      create(context) {
        const from = inRepo(context.filename)
        const check = (node, source, typeOnly) => {
          const to = target(context, source)
          if (!to) return
          if (to === 'main' || to.startsWith('main/')) {
            context.report({
              node,
              message: 'The renderer never imports main/: reach it through a preload function (preload/contract).'
            })
          }
          const a = featureOf(from)
          const b = featureOf(`${to}/`)
          if (a && b && a !== b) {
            context.report({
              node,
              message: `Feature "${a}" imports feature "${b}": move what both use to renderer/src/shared/ or renderer/src/ui/.`
            })
          }
          if (/^preload\/contract(\/(index|[a-z-]+))?$/.test(to) && to !== 'preload/contract/constants' && !typeOnly) {
            context.report({
              node,
              message: 'The renderer imports only types from the contract; values come from preload/contract/constants.'
            })
          }
        }
        return {
          ImportDeclaration(node) {
            const typeOnly =
              node.importKind === 'type' ||
              (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'))
            check(node, node.source.value, typeOnly)
          },
          ExportNamedDeclaration(node) {
            if (node.source) check(node, node.source.value, node.exportKind === 'type')
          },
          ExportAllDeclaration(node) {
            check(node, node.source.value, node.exportKind === 'type')
          },
          ImportExpression(node) {
            if (node.source.type === 'Literal' && typeof node.source.value === 'string')
              check(node, node.source.value, false)
          }
        }
      }
    }
  }
}

const electronOnlyInShell = {
  name: 'electron',
  message:
    'Only main/shell/ and preload/ import electron, so the CLI, browser mode and the tests run this code under plain Node.'
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }]
    }
  },
  {
    files: [
      'main/**/*.ts',
      'preload/**/*.ts',
      'scripts/**',
      'test/**/*.ts',
      'test/bench/*.mjs',
      'bin/**',
      '*.config.*',
      'eslint.config.mjs'
    ],
    languageOptions: { globals: { ...globals.node } }
  },
  {
    // CommonJS on purpose: the bin stub and the electron stub preloaded with `node --require`.
    files: ['bin/**/*.js', 'test/fixtures/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    // Stand-ins for Electron's API (vi.mock): they take whatever shape the shell hands them.
    files: ['test/unit/shell/**/*.ts', 'test/unit/preload/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' }
  },
  {
    // The shell may import electron, but ipcMain is bound in one file only.
    files: ['main/shell/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain'], message: 'ipcMain is bound only in main/shell/ipc.ts.' }
          ]
        }
      ]
    }
  },
  {
    files: ['main/shell/ipc.ts'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcRenderer'],
              message:
                'ipcRenderer is used only in the preload entries (preload/index.ts, preload/customer-app/index.ts).'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['preload/index.ts', 'preload/customer-app/index.ts'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: ['preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract is shared with the renderer and main: no electron here.' }]
        }
      ]
    }
  },
  {
    files: ['test/**/*.ts'],
    // The shell's tests mock electron (vi.mock) to run it under Node.
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, house },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'house/renderer-borders': 'error'
    }
  }
)
