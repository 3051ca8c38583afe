/**
 * The theme tokens meet WCAG 2.2 AA in both themes where axe-core cannot look: the edge of an
 * input, select or segmented control (non-text contrast, 1.4.11: 3:1 against every surface a
 * control sits on). Text contrast is checked by axe-core on every screen (accessibility e2e).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const css = readFileSync(join(__dirname, '../../../renderer/src/styles/tokens.css'), 'utf8')

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`)
  const body = css.slice(start, css.indexOf('}', start))
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]))
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

const ratio = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

const themes = { light: block(':root'), dark: { ...block(':root'), ...block(":root[data-theme='dark']") } }

describe.each(Object.entries(themes))('the %s theme', (_name, tokens) => {
  it.each(['bg', 'bg-sidebar', 'surface', 'surface-subtle', 'surface-sunken'])(
    'a control’s edge stands out 3:1 on --%s',
    (surface) => {
      expect(tokens['control-border'], 'no --control-border').toMatch(/^#/)
      expect(ratio(tokens['control-border']!, tokens[surface]!)).toBeGreaterThanOrEqual(3)
    }
  )
})
