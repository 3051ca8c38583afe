/** Small parts of the workbook page: the theme, which part of the workbook is embedded, control values, the RLS badge. */
import { CHART_NODE_ID } from './chart'
import { h, s } from './dom'
import { PIVOT_NODE_ID } from './pivot'
import { TABLE_NODE_ID } from './table'
import type { Session } from './types'

export type Scope = 'workbook' | 'page' | 'control' | 'chart' | 'table' | 'pivot'

/** The palette for `:theme` (case sensitive, as the host treats it); other names are custom themes. */
export function applyTheme(theme: string): { customName: string | null } {
  const palettes = new Map([
    ['', 'light'],
    ['Light', 'light'],
    ['Dark', 'dark'],
    ['Surface', 'surface']
  ])
  document.documentElement.classList.add(`ewb-theme-${palettes.get(theme) ?? 'light'}`)
  return { customName: palettes.has(theme) ? null : theme }
}

export function scopeOf(session: Session): Scope {
  if (session.elementId) {
    const known: Record<string, Scope> = {
      RegionControl: 'control',
      [CHART_NODE_ID]: 'chart',
      [TABLE_NODE_ID]: 'table',
      [PIVOT_NODE_ID]: 'pivot'
    }
    const scope = Object.hasOwn(known, session.elementId) ? known[session.elementId] : undefined
    if (scope) return scope
    const words = `${session.elementId} ${session.elementName ?? ''}`
    if (/control/i.test(words)) return 'control'
    if (/pivot/i.test(words)) return 'pivot'
    if (/chart/i.test(words)) return 'chart'
    if (/table/i.test(words)) return 'table'
  }
  return session.pageId || session.elementId ? 'page' : 'workbook'
}

/** A control value from the URL or the host page: '' and null mean "All"; undefined means "not a value". */
export function controlValue(value: unknown): string | null | undefined {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value) && value.length <= 1) return controlValue(value[0])
  return undefined
}

export function rlsBadge(filter: Record<string, string[]>): HTMLElement | null {
  const entries = Object.entries(filter)
  if (!entries.length) return null
  const lock = s(
    'svg',
    { class: 'ewb-badge-icon', viewBox: '0 0 16 16', width: 12, height: 12, 'aria-hidden': 'true' },
    s('rect', { x: 3, y: 7, width: 10, height: 7, rx: 1.5, fill: 'currentColor' }),
    s('path', { d: 'M5.5 7V5a2.5 2.5 0 0 1 5 0v2', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5 })
  )
  const text = entries.map(([column, values]) => `${column} = ${values.join(', ')}`).join('; ')
  return h(
    'span',
    { class: 'ewb-badge', testid: 'rls-badge', title: 'This user sees only the rows their user attributes allow.' },
    lock,
    `Row-level security: ${text}`
  )
}
