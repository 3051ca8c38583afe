/** `a1b2c3d4…9f8e7d6c`: keeps both ends of a long identifier readable in a dense table. */
export function shortenMiddle(value: string, head = 8, tail = 8): string {
  if (value.length <= head + tail + 1) return value
  return `${value.slice(0, head)}…${value.slice(-tail)}`
}

/** Local date and time, e.g. "21 Nov 2025, 22:27". Falls back to the raw value if unparsable. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit'
  })
}

/** Local date only, e.g. "Nov 21, 2025". */
export function formatDate(iso: string | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
}

/** Local time only, e.g. "10:27 PM". */
export function formatTime(iso: string | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
}

/** Full local timestamp with seconds, for titles. */
export function formatDateTimeLong(iso: string | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'medium' })
}

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

/** "⌘1" on macOS, "Ctrl+1" elsewhere. */
export function shortcutLabel(key: string): string {
  return isMac ? `⌘${key}` : `Ctrl+${key}`
}

/** A duration in words, e.g. "10 min", "1 h 30 min", "2 d". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return ''
  if (seconds < 60) return `${seconds} s`
  const days = Math.floor(seconds / 86400)
  const hours = Math.floor((seconds % 86400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const parts: string[] = []
  if (days) parts.push(`${days} d`)
  if (hours) parts.push(`${hours} h`)
  if (minutes && !days) parts.push(`${minutes} min`)
  return parts.join(' ') || `${seconds} s`
}

/** A countdown clock: "9:59", "7:59:59", or "3 d 4:05:06" beyond a day. */
export function formatCountdown(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds))
  const days = Math.floor(total / 86400)
  const hours = Math.floor((total % 86400) / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const secs = total % 60
  const pad = (n: number) => String(n).padStart(2, '0')
  const clock = hours || days ? `${hours}:${pad(minutes)}:${pad(secs)}` : `${minutes}:${pad(secs)}`
  return days ? `${days} d ${clock}` : clock
}

/** Unix seconds as a full local timestamp with seconds. */
export function formatUnixTime(seconds: number): string {
  return formatDateTimeLong(new Date(seconds * 1000).toISOString())
}

/** A length in characters as a size, e.g. "9.9 MB" (one byte a character, as pastes mostly are). */
export function formatSize(characters: number): string {
  if (characters < 1024) return `${characters} B`
  if (characters < 1024 * 1024) return `${(characters / 1024).toFixed(0)} KB`
  return `${(characters / 1024 / 1024).toFixed(1)} MB`
}

/** A moment as a local clock time to the millisecond, e.g. "14:03:27.091", for logs. */
export function formatClockTime(at: number | string): string {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return typeof at === 'string' ? at : ''
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** A signed shift of a clock, e.g. "+1 h", "−2 d", "0 s". */
export function formatOffset(seconds: number): string {
  if (!seconds) return '0 s'
  return `${seconds > 0 ? '+' : '−'}${formatDuration(Math.abs(seconds))}`
}

/** A URL without its origin (shown elsewhere once): the path, and with `query` the query too. */
export function urlPath(url: string, query = false): string {
  try {
    const parsed = new URL(url)
    return query ? `${parsed.pathname}${parsed.search}` : parsed.pathname
  } catch {
    return url
  }
}
