/** Small helpers for the forms the renderer keeps in localStorage (never secrets, never signed URLs). */

export const isString = (value: unknown): value is string => typeof value === 'string'

export const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback

/** The object stored under `key`, or {} when it is missing, unreadable or not an object. */
export function readStoredObject(key: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '{}')
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>
  } catch {
    // Unreadable or unavailable storage: start from the defaults.
  }
  return {}
}

export function writeStored(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Storage may be full or unavailable; the form then lasts for this session only.
  }
}
