/** Longest text a table cell shows; the rest is cut with "…" so a huge paste stays responsive. */
export const CELL_CHARS = 200
/** Longest tooltip (title) text. */
export const TITLE_CHARS = 2000
/** Most rows a table renders. */
export const MAX_ROWS = 500

export function clip(text: string, max = CELL_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** The tooltip for a clipped cell: the longer text, when the cell cut it. */
export function clipTitle(text: string): string | undefined {
  return text.length > CELL_CHARS ? clip(text, TITLE_CHARS) : undefined
}

/** Unix seconds as a datetime-local value (local time, to the second). */
export function toLocalInput(seconds: number): string {
  const date = new Date(seconds * 1000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}

/** A datetime-local value (local time) as Unix seconds, or null when it is not a complete one. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?/.test(value)) return null
  const time = new Date(value).getTime()
  return Number.isNaN(time) ? null : Math.floor(time / 1000)
}

export const nowSeconds = () => Math.floor(Date.now() / 1000)

/**
 * The first source of a catalogue reference, short enough for a table cell: a help page by its
 * name ("Docs: embed-url-parameters"), a vendor sample by its file. The cell's title has it whole.
 */
export function shortReference(reference: string): string {
  const first = reference.split('; ')[0]!
  const page = /help\.sigmacomputing\.com\/docs\/([\w-]+)/.exec(first)
  if (page) return `Docs: ${page[1]}`
  const sample = /sigmacomputing\/[\w-]+, (?:\S+\/)?([\w.-]+)/.exec(first)
  if (sample) return `Sample: ${sample[1]}`
  return `Notes: ${first}`
}

/**
 * Where `value` differs from `other`: the run between their common prefix and common suffix, as
 * `[start, end)` in `value`. Each diff view marks this run.
 */
export function differingRun(value: string, other: string): { start: number; end: number } {
  let start = 0
  while (start < value.length && start < other.length && value[start] === other[start]) start++
  let tail = 0
  while (
    tail < value.length - start &&
    tail < other.length - start &&
    value[value.length - 1 - tail] === other[other.length - 1 - tail]
  )
    tail++
  return { start, end: value.length - tail }
}
