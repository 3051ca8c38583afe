/** The "Sales" table: 100 rows a page with a pager; clicking a cell reports it to the host page. */
import { h } from './dom'
import { formatCell, formatInteger, rowCountLabel } from './format'
import type { Column, SalesRow } from './types'

export const TABLE_NODE_ID = 'SalesTable'
export const PAGE_SIZE = 100

export const columns: { key: Column; label: string; numeric?: boolean }[] = [
  { key: 'date', label: 'Date' },
  { key: 'region', label: 'Region' },
  { key: 'store', label: 'Store' },
  { key: 'product', label: 'Product' },
  { key: 'quantity', label: 'Quantity', numeric: true },
  { key: 'revenue', label: 'Revenue', numeric: true }
]

export interface SelectedCell {
  column: Column
  value: string | number
  rowIndex: number
  /** The whole row the cell is in (the SDK's underlyingData). */
  row: SalesRow
}

export interface Table {
  card: HTMLElement
  head: HTMLElement
  update(rows: SalesRow[], total: number, resetPage: boolean): void
}

export function createTable(options: { onCellSelect(cell: SelectedCell): void }): Table {
  let rows: SalesRow[] = []
  let page = 0
  let selected: { rowIndex: number; column: Column } | null = null

  const count = h('span', { class: 'ewb-card-meta', testid: 'row-count', 'aria-live': 'polite' })
  const head = h('div', { class: 'ewb-card-head' }, h('h2', { class: 'ewb-card-title' }, 'Sales'), count)
  const tbody = h('tbody')
  const table = h(
    'table',
    { class: 'ewb-table', testid: 'sales-table' },
    h(
      'thead',
      {},
      h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'is-numeric' : null }, c.label)))
    ),
    tbody
  )
  // Focusable, so the rows can be scrolled from the keyboard as well.
  const scroller = h(
    'div',
    { class: 'ewb-table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Sales rows' },
    table
  )
  const prev = h(
    'button',
    { type: 'button', class: 'ewb-btn ewb-btn-small', testid: 'pager-prev', 'aria-label': 'Prev 100 rows' },
    '‹ Prev'
  )
  const next = h(
    'button',
    { type: 'button', class: 'ewb-btn ewb-btn-small', testid: 'pager-next', 'aria-label': 'Next 100 rows' },
    'Next ›'
  )
  const status = h('span', { class: 'ewb-pager-status', testid: 'pager-status' })
  const pager = h(
    'div',
    { class: 'ewb-pager', testid: 'pager' },
    status,
    h('span', { class: 'ewb-pager-buttons' }, prev, next)
  )
  const card = h('section', { class: 'ewb-card ewb-table-card', 'aria-label': 'Sales' }, head, scroller, pager)

  const pages = () => Math.max(1, Math.ceil(rows.length / PAGE_SIZE))

  function renderPage(): void {
    const start = page * PAGE_SIZE
    const slice = rows.slice(start, start + PAGE_SIZE)
    if (!slice.length) {
      tbody.replaceChildren(h('tr', { class: 'ewb-table-empty' }, h('td', { colspan: columns.length }, 'No rows')))
    } else {
      tbody.replaceChildren(
        ...slice.map((row, i) =>
          h(
            'tr',
            { testid: 'sales-row', 'data-region': row.region, 'data-index': start + i },
            ...columns.map((c) =>
              h(
                'td',
                {
                  'data-column': c.key,
                  class:
                    [
                      c.numeric ? 'is-numeric' : '',
                      selected?.rowIndex === start + i && selected.column === c.key ? 'is-selected' : ''
                    ]
                      .join(' ')
                      .trim() || null
                },
                formatCell(c.key, row)
              )
            )
          )
        )
      )
    }
    pager.hidden = rows.length <= PAGE_SIZE
    status.textContent = rows.length
      ? `${formatInteger(start + 1)}–${formatInteger(start + slice.length)} of ${formatInteger(rows.length)}`
      : ''
    prev.disabled = page === 0
    next.disabled = page >= pages() - 1
  }

  tbody.addEventListener('click', (event) => {
    const td = (event.target as Element).closest('td[data-column]')
    const tr = td?.closest('tr[data-index]')
    if (!td || !tr) return
    const rowIndex = Number(tr.getAttribute('data-index'))
    const column = td.getAttribute('data-column') as Column
    const row = rows[rowIndex]
    if (!row) return
    selected = { rowIndex, column }
    for (const cell of tbody.querySelectorAll('td.is-selected')) cell.classList.remove('is-selected')
    td.classList.add('is-selected')
    options.onCellSelect({ column, value: row[column], rowIndex, row })
  })
  const go = (delta: number) => {
    page = Math.min(pages() - 1, Math.max(0, page + delta))
    renderPage()
    scroller.scrollTop = 0
  }
  prev.addEventListener('click', () => go(-1))
  next.addEventListener('click', () => go(1))

  return {
    card,
    head,
    update(next, total, resetPage) {
      rows = next
      if (resetPage) {
        page = 0
        selected = null
        scroller.scrollTop = 0
      }
      page = Math.min(page, pages() - 1)
      count.textContent = rowCountLabel(rows.length, total)
      renderPage()
    }
  }
}
