/**
 * Rows for `npm run bench`'s table from measurements that are not a vitest bench group (a load
 * generator, a browser, a scaling series). scripts/bench.mjs sets EWB_BENCH_ROWS; run alone under
 * vitest, the rows are only printed.
 */
import { appendFileSync } from 'node:fs'

export interface BenchRow {
  group: string
  operation: string
  /** The operation's cost (lower is better), in milliseconds. */
  value: number
  /** Its floor, measured in the same run (same unit), and what the floor is. */
  floor?: string
  floorValue?: number
  /** The most the ratio value / floorValue may be, or the most the value may be. */
  target?: number
  limit?: number
}

export function recordRow(row: BenchRow): void {
  const file = process.env['EWB_BENCH_ROWS']
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`)
  else console.log('bench row:', row)
}
