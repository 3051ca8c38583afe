/** "Revenue by region": an SVG bar chart drawn at the size of its box, redrawn when the box resizes. */
import { h, s, svgTitle } from './dom'
import { formatCompactMoney, formatInteger, formatMoney } from './format'
import type { SalesRow } from './types'

export const CHART_NODE_ID = 'RevenueByRegion'

interface Bar {
  region: string
  revenue: number
  rows: number
}

export interface Chart {
  card: HTMLElement
  head: HTMLElement
  update(rows: SalesRow[]): void
}

/** A round axis maximum and its step (1, 2, 2.5 or 5 times a power of ten). */
function axis(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 0.25 }
  const raw = max / 4
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((c) => c >= raw) ?? 10 * power
  return { top: Math.ceil(max / step) * step, step }
}

export function createChart(options: { regionOrder: string[]; onSelect(region: string): void }): Chart {
  let bars: Bar[] = []
  let selected: string | null = null
  const total = h('span', { class: 'ewb-card-meta', testid: 'chart-total' })
  const head = h('div', { class: 'ewb-card-head' }, h('h2', { class: 'ewb-card-title' }, 'Revenue by region'), total)
  const plot = h('div', { class: 'ewb-chart-plot' })
  const card = h(
    'section',
    { class: 'ewb-card ewb-chart', testid: 'chart', 'aria-label': 'Revenue by region' },
    head,
    plot
  )

  const select = (region: string) => {
    selected = region
    for (const bar of plot.querySelectorAll<SVGRectElement>('.ewb-bar'))
      bar.classList.toggle('is-selected', bar.dataset.region === region)
    options.onSelect(region)
  }

  function draw(): void {
    const width = Math.max(200, Math.round(plot.clientWidth))
    const height = Math.max(160, Math.round(plot.clientHeight))
    const m = { top: 24, right: 12, bottom: 46, left: 62 }
    const plotW = width - m.left - m.right
    const plotH = height - m.top - m.bottom
    const base = m.top + plotH
    const svg = s('svg', {
      width: '100%',
      height: '100%',
      viewBox: `0 0 ${width} ${height}`,
      // A group, not an image: its bars are buttons, and an image's content is not reachable.
      role: 'group',
      'aria-label': 'Bar chart of revenue by region',
      class: 'ewb-chart-svg'
    })
    plot.replaceChildren(svg)
    if (!bars.length) {
      svg.append(
        s('text', { x: width / 2, y: height / 2, class: 'ewb-chart-empty', 'text-anchor': 'middle' }, 'No data')
      )
      return
    }
    const { top, step } = axis(Math.max(...bars.map((b) => b.revenue)))
    const y = (v: number) => base - (v / top) * plotH
    const grid = s('g', { class: 'ewb-chart-grid' })
    for (let v = 0; v <= top + step / 2; v += step) {
      grid.append(
        s('line', {
          x1: m.left,
          x2: width - m.right,
          y1: y(v),
          y2: y(v),
          class: v === 0 ? 'ewb-axis-line' : 'ewb-grid-line'
        }),
        s(
          'text',
          { x: m.left - 8, y: y(v), dy: '0.32em', 'text-anchor': 'end', class: 'ewb-tick' },
          formatCompactMoney(v)
        )
      )
    }
    svg.append(
      grid,
      s(
        'text',
        {
          class: 'ewb-axis-title',
          'text-anchor': 'middle',
          transform: `translate(14 ${m.top + plotH / 2}) rotate(-90)`
        },
        'Revenue (USD)'
      ),
      s('text', { class: 'ewb-axis-title', 'text-anchor': 'middle', x: m.left + plotW / 2, y: height - 8 }, 'Region')
    )
    const band = plotW / bars.length
    const barWidth = Math.min(72, band * 0.62)
    bars.forEach((bar, i) => {
      const x = m.left + i * band + (band - barWidth) / 2
      const label = `${bar.region}: ${formatMoney(bar.revenue)} (${formatInteger(bar.rows)} ${bar.rows === 1 ? 'row' : 'rows'})`
      const rect = s(
        'rect',
        {
          x,
          y: y(bar.revenue),
          width: barWidth,
          height: Math.max(1, base - y(bar.revenue)),
          rx: 3,
          class: `ewb-bar${bar.region === selected ? ' is-selected' : ''}`,
          testid: 'chart-bar',
          'data-region': bar.region,
          'data-value': bar.revenue.toFixed(2),
          role: 'button',
          tabindex: 0,
          'aria-label': label
        },
        svgTitle(label)
      )
      rect.addEventListener('click', () => select(bar.region))
      rect.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault()
          select(bar.region)
        }
      })
      svg.append(
        rect,
        s(
          'text',
          { x: x + barWidth / 2, y: y(bar.revenue) - 6, 'text-anchor': 'middle', class: 'ewb-bar-value' },
          formatCompactMoney(bar.revenue)
        ),
        s(
          'text',
          { x: x + barWidth / 2, y: base + 17, 'text-anchor': 'middle', class: 'ewb-tick ewb-tick-x' },
          bar.region
        )
      )
    })
  }

  let size = ''
  new ResizeObserver(() => {
    const next = `${plot.clientWidth}x${plot.clientHeight}`
    if (next === size) return
    size = next
    draw()
  }).observe(plot)

  return {
    card,
    head,
    update(rows) {
      const sums = new Map<string, Bar>()
      for (const row of rows) {
        const bar = sums.get(row.region) ?? { region: row.region, revenue: 0, rows: 0 }
        bar.revenue += row.revenue
        bar.rows++
        sums.set(row.region, bar)
      }
      const rank = (region: string) => {
        const i = options.regionOrder.indexOf(region)
        return i === -1 ? Number.MAX_SAFE_INTEGER : i
      }
      bars = [...sums.values()].sort((a, b) => rank(a.region) - rank(b.region) || a.region.localeCompare(b.region))
      for (const bar of bars) bar.revenue = Math.round(bar.revenue * 100) / 100
      if (selected && !sums.has(selected)) selected = null
      total.textContent = `Total ${formatMoney(bars.reduce((sum, b) => sum + b.revenue, 0))}`
      if (plot.isConnected) draw()
    }
  }
}
