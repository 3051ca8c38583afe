/** The "Download" action: the rows the user sees, as CSV. */
import { columns } from './table'
import type { SalesRow } from './types'

function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value)
  // Never let a spreadsheet read a cell as a formula.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function downloadCsv(rows: SalesRow[], fileName: string): void {
  const lines = [
    columns.map((c) => c.key).join(','),
    ...rows.map((row) => columns.map((c) => csvField(row[c.key])).join(','))
  ]
  const url = URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
