import type { EmbedTarget, SigningMethod } from '../../../../preload/contract'

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
  const wanted = method === 'url' ? target.embedPath : target.workbookUrl
  const origin = new URL(path.trim()).origin
  const next = `${origin}${new URL(wanted).pathname}`
  return next === path.trim() ? null : next
}
