/** Number formats: fixed to en-US so the emulated workbook looks the same on every machine. */
import type { Column, SalesRow } from './types'

const integer = new Intl.NumberFormat('en-US')
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })
const compactMoney = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1
})

export const formatInteger = (n: number): string => integer.format(n)
export const formatMoney = (n: number): string => money.format(n)
export const formatCompactMoney = (n: number): string => compactMoney.format(n)

/** "2,981 rows", or "742 of 3,000 rows" when a control narrows the rows. */
export function rowCountLabel(visible: number, total: number): string {
  const noun = (n: number) => (n === 1 ? 'row' : 'rows')
  return visible === total
    ? `${integer.format(total)} ${noun(total)}`
    : `${integer.format(visible)} of ${integer.format(total)} ${noun(total)}`
}

export function formatCell(column: Column, row: SalesRow): string {
  const value = row[column]
  if (column === 'revenue') return money.format(value as number)
  if (column === 'quantity') return integer.format(value as number)
  return String(value)
}
