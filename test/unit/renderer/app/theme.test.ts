import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  applyTheme,
  readThemePreference,
  resolveTheme,
  systemTheme,
  themeStorageKey
} from '../../../../renderer/src/app/theme'
import { installLocalStorage, type MemoryStorage } from '../memoryStorage'

let storage: MemoryStorage
let systemDark = false
const globals = globalThis as unknown as { window?: unknown; document?: unknown }

beforeEach(() => {
  storage = installLocalStorage()
  systemDark = false
  globals.window = {
    matchMedia: (query: string) => ({ matches: query === '(prefers-color-scheme: dark)' && systemDark })
  }
  globals.document = { documentElement: { dataset: {} as Record<string, string> } }
})

afterEach(() => {
  delete globals.window
  delete globals.document
})

describe('the theme (app/theme)', () => {
  it('reads the stored choice; anything else means "follow the system"', () => {
    expect(readThemePreference()).toBe('system')
    storage.setItem(themeStorageKey, 'dark')
    expect(readThemePreference()).toBe('dark')
    storage.setItem(themeStorageKey, 'light')
    expect(readThemePreference()).toBe('light')
    storage.setItem(themeStorageKey, '"dark"')
    expect(readThemePreference()).toBe('system')
    storage.failing = true
    expect(readThemePreference()).toBe('system')
  })

  it('"system" follows the system setting; an explicit choice does not', () => {
    expect(systemTheme()).toBe('light')
    expect(resolveTheme('system')).toBe('light')
    systemDark = true
    expect(resolveTheme('system')).toBe('dark')
    expect(resolveTheme('light')).toBe('light')
    expect(resolveTheme('dark')).toBe('dark')
  })

  it('puts the resolved theme on <html data-theme>, which every colour keys off', () => {
    const dataset = (globals.document as { documentElement: { dataset: Record<string, string> } }).documentElement
      .dataset
    expect(applyTheme('dark')).toBe('dark')
    expect(dataset['theme']).toBe('dark')
    systemDark = false
    expect(applyTheme('system')).toBe('light')
    expect(dataset['theme']).toBe('light')
  })

  it('treats a browser without matchMedia as light', () => {
    globals.window = {}
    expect(resolveTheme('system')).toBe('light')
  })
})
