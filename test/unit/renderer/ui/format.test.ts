import { describe, expect, it, vi } from 'vitest'

// format.ts reads navigator.platform when it loads (for the shortcut labels); Node 20 has none.
vi.hoisted(() => {
  Object.defineProperty(globalThis, 'navigator', {
    value: { platform: 'Linux x86_64', userAgent: 'Node' },
    configurable: true,
    writable: true
  })
})

import {
  formatClockTime,
  formatCountdown,
  formatDate,
  formatDateTime,
  formatDuration,
  formatOffset,
  formatSize,
  shortcutLabel,
  shortenMiddle,
  urlPath
} from '../../../../renderer/src/ui/format'

describe('shared formatting (ui/format)', () => {
  it('keeps both ends of a long identifier', () => {
    const clientId = 'f9f9218e5d394c31a359ea2d99dac2ce0d034e070beae419db7eb9ce47aa1bf6'
    expect(shortenMiddle(clientId)).toBe('f9f9218e…47aa1bf6')
    expect(shortenMiddle(clientId, 6, 4)).toBe('f9f921…1bf6')
    expect(shortenMiddle('short-id')).toBe('short-id')
    expect(shortenMiddle('a'.repeat(17))).toBe('a'.repeat(17))
  })

  it('says a duration in words', () => {
    expect(formatDuration(59)).toBe('59 s')
    expect(formatDuration(600)).toBe('10 min')
    expect(formatDuration(5400)).toBe('1 h 30 min')
    expect(formatDuration(3600)).toBe('1 h')
    expect(formatDuration(90_000)).toBe('1 d 1 h')
    expect(formatDuration(2_592_000)).toBe('30 d')
    expect(formatDuration(-1)).toBe('')
    expect(formatDuration(Number.NaN)).toBe('')
  })

  it('counts down like a clock, and never below zero', () => {
    expect(formatCountdown(599)).toBe('9:59')
    expect(formatCountdown(59.9)).toBe('0:59')
    expect(formatCountdown(28_799)).toBe('7:59:59')
    expect(formatCountdown(3 * 86_400 + 4 * 3600 + 5 * 60 + 6)).toBe('3 d 4:05:06')
    expect(formatCountdown(-30)).toBe('0:00')
  })

  it('signs a clock shift, with a real minus sign', () => {
    expect(formatOffset(3600)).toBe('+1 h')
    expect(formatOffset(-172_800)).toBe('−2 d')
    expect(formatOffset(0)).toBe('0 s')
  })

  it('sizes a paste', () => {
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(10 * 1024)).toBe('10 KB')
    expect(formatSize(Math.round(9.9 * 1024 * 1024))).toBe('9.9 MB')
  })

  it('shows a URL without its origin, with the query when asked', () => {
    expect(urlPath('http://127.0.0.1:4781/embed/1-abc?:nonce=1&x=2')).toBe('/embed/1-abc')
    expect(urlPath('http://127.0.0.1:4781/embed/1-abc?:nonce=1&x=2', true)).toBe('/embed/1-abc?:nonce=1&x=2')
    expect(urlPath('not a url')).toBe('not a url')
  })

  it('labels shortcuts for this platform (Ctrl off macOS)', () => {
    expect(shortcutLabel('S')).toBe('Ctrl+S')
  })

  it('labels shortcuts with ⌘ on macOS', async () => {
    vi.resetModules()
    Object.defineProperty(globalThis, 'navigator', {
      value: { platform: 'MacIntel', userAgent: '' },
      configurable: true,
      writable: true
    })
    const mac = await import('../../../../renderer/src/ui/format')
    expect(mac.shortcutLabel('1')).toBe('⌘1')
    Object.defineProperty(globalThis, 'navigator', {
      value: { platform: 'Linux x86_64', userAgent: 'Node' },
      configurable: true,
      writable: true
    })
  })

  it('gives back what it cannot read as a date, rather than "Invalid Date"', () => {
    expect(formatDate('yesterday')).toBe('yesterday')
    expect(formatDateTime('soon')).toBe('soon')
    expect(formatDate(undefined)).toBe('')
    expect(formatClockTime('later')).toBe('later')
  })

  it('prints log times to the millisecond in local time', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5, 67)
    expect(formatClockTime(at.getTime())).toBe('03:04:05.067')
    expect(formatClockTime(at.toISOString())).toBe('03:04:05.067')
  })
})
