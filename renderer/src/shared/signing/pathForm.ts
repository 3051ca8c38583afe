import type { EmbedTarget, SigningMethod } from '../../../../preload/contract'

/** A target's identity that survives a new emulator port: kind and ids, no origin. */
export function targetKey(target: EmbedTarget): string {
  return [target.kind, target.workbookId, target.pageId ?? '', target.elementId ?? ''].join(':')
}

/** The pathname of an absolute URL, or null. */
function pathnameOf(url: string): string | null {
  try {
    return new URL(url.trim()).pathname.replace(/\/+$/, '')
  } catch {
    return null
  }
}

/** The emulator target a path names, in any of its forms (origins aside: its paths are the host's). */
export function targetFor(path: string, targets: readonly EmbedTarget[]): EmbedTarget | null {
  const current = pathnameOf(path)
  if (current === null) return null
  const forms = (t: EmbedTarget) => [pathnameOf(t.embedPath), pathnameOf(t.workbookUrl), pathnameOf(t.apiUrl)]
  return targets.find((t) => forms(t).includes(current)) ?? null
}

/**
 * The same target in the other method's path form: a signed URL embeds `/embed/{id}`, a JWT the
 * workbook URL (`/{org}/workbook/{name}-{id}…`). Matched by path against the emulator's targets,
 * whose paths are the real host's, so `https://app.sigmacomputing.com/...` keeps its origin.
 * Null when the path is not one of them (it is then left as typed).
 */
export function pathFor(method: SigningMethod, path: string, targets: readonly EmbedTarget[]): string | null {
  const target = targetFor(path, targets)
  if (!target) return null
  const next = targetPath(target, method, new URL(path.trim()).origin)
  return next === path.trim() ? null : next
}

/** The origin of an absolute http(s) URL as typed, or null. */
export function originOf(path: string): string | null {
  try {
    const url = new URL(path.trim())
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null
  } catch {
    return null
  }
}

/** A target's path in the form the method signs, on the given origin. */
export function targetPath(target: EmbedTarget, method: SigningMethod, origin: string): string {
  return `${origin}${new URL(method === 'url' ? target.embedPath : target.workbookUrl).pathname}`
}

/** A host as a select shows it: an https origin without its scheme. */
export const hostLabel = (origin: string) => origin.replace(/^https:\/\//, '')
