/**
 * "Revenue by region and product": a pivot table (regions down, products across, revenue summed).
 * Clicking a value or a row header reports the cell to the host page as the SDK's
 * workbook:pivottable:oncellselect, with the row and column paths that lead to it.
 */
import { h } from './dom'
import { formatCompactMoney, formatMoney } from './format'
import type { SalesRow } from './types'

export const PIVOT_NODE_ID = 'RevenuePivot'
export const PIVOT_TITLE = 'Revenue by region and product'

export interface PivotCell {
  value: unknown
  cellType: 'valueCell' | 'rowHeader'
  columnName: string
  rowPath: { name: string; value: unknown }[] | null
  columnPath: { name: string; value: unknown }[] | null
}

export interface Pivot {
  card: HTMLElement
  head: HTMLElement
  update(rows: SalesRow[]): void
}

export function createPivot(options: {
  regions: string[]
  products: string[]
  onCellSelect(cell: PivotCell): void
}): Pivot {
  const head = h('div', { class: 'ewb-card-head' }, h('h2', { class: 'ewb-card-title' }, PIVOT_TITLE))
  const tbody = h('tbody')
  const table = h(
    'table',
    { class: 'ewb-table ewb-pivot', testid: 'pivot-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Region'),
        ...options.products.map((p) => h('th', { scope: 'col', class: 'is-numeric' }, p))
      )
    ),
    tbody
  )
  const card = h(
    'section',
    { class: 'ewb-card ewb-pivot-card', testid: 'pivot', 'aria-label': PIVOT_TITLE },
    head,
    h('div', { class: 'ewb-table-scroll', tabindex: 0, role: 'region', 'aria-label': `${PIVOT_TITLE} rows` }, table)
  )
  const sums = new Map<string, number>()

  tbody.addEventListener('click', (event) => {
    const cell = (event.target as Element).closest<HTMLElement>('[data-region]')
    if (!cell) return
    const region = cell.dataset['region']!
    const product = cell.dataset['product']
    for (const c of tbody.querySelectorAll('.is-selected')) c.classList.remove('is-selected')
    cell.classList.add('is-selected')
    options.onCellSelect(
      product === undefined
        ? {
            value: region,
            cellType: 'rowHeader',
            columnName: 'Region',
            rowPath: [{ name: 'Region', value: region }],
            columnPath: null
          }
        : {
            value: sums.get(`${region}\u0000${product}`) ?? 0,
            cellType: 'valueCell',
            columnName: 'Revenue',
            rowPath: [{ name: 'Region', value: region }],
            columnPath: [{ name: 'Product', value: product }]
          }
    )
  })

  return {
    card,
    head,
    update(rows) {
      sums.clear()
      for (const r of rows) {
        const key = `${r.region}\u0000${r.product}`
        sums.set(key, (sums.get(key) ?? 0) + r.revenue)
      }
      const regions = options.regions.filter((region) => rows.some((r) => r.region === region))
      tbody.replaceChildren(
        ...(regions.length
          ? regions.map((region) =>
              h(
                'tr',
                { testid: 'pivot-row' },
                h('th', { scope: 'row', 'data-region': region, testid: 'pivot-row-header' }, region),
                ...options.products.map((product) => {
                  const sum = sums.get(`${region}\u0000${product}`) ?? 0
                  return h(
                    'td',
                    {
                      class: 'is-numeric',
                      'data-region': region,
                      'data-product': product,
                      testid: 'pivot-cell',
                      title: `${region}, ${product}: ${formatMoney(sum)}`
                    },
                    formatCompactMoney(sum)
                  )
                })
              )
            )
          : [h('tr', { class: 'ewb-table-empty' }, h('td', { colspan: options.products.length + 1 }, 'No rows'))])
      )
    }
  }
}
