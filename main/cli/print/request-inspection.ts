import type { RequestInspection } from '../../../preload/contract'
import { escapeControls as shown, escapeControlsKeepingLines as block } from '../../core/terminal'

/** The request inspector's verdict for a terminal: what it read, the verdict, what changed, the canonical request. */
export function inspectionText(i: RequestInspection): string {
  const lines: string[] = []
  if (i.source === 'har') {
    lines.push(
      `HAR: ${i.harEntries.length} entr${i.harEntries.length === 1 ? 'y carries' : 'ies carry'} authentication`
    )
    for (const e of i.harEntries)
      lines.push(
        `  ${e.index === i.entry ? '>' : ' '} [${e.index}] ${shown(e.method)} ${shown(e.url)} ${e.status ?? ''} (${shown(e.carries)})`
      )
    lines.push('')
  }
  lines.push(
    `${shown(i.request.method)} ${shown(i.request.url)}`,
    ...i.request.headers.map(([n, v]) => `${shown(n)}: ${shown(v)}`)
  )
  if (i.request.body) lines.push('', block(i.request.body))
  lines.push(
    '',
    `scheme: ${i.scheme.label}`,
    `credential: ${i.credential ? `${i.credential.name}${i.credential.org ? ` (${i.credential.org})` : ''}, matched by ${i.credential.matchedBy}` : 'none'}`,
    `as of: ${i.asOf.at} (${i.asOf.explanation})`,
    '',
    i.ok ? 'ACCEPTED' : `REFUSED: ${i.problems.length} problem${i.problems.length === 1 ? '' : 's'}`
  )
  for (const p of i.problems) lines.push(`  - ${shown(p)}`)
  if (i.change?.line)
    lines.push(
      `  ${i.change.of}, line ${i.change.line.line}:`,
      `    signed   ${shown(i.change.line.signed)}`,
      `    arrived  ${shown(i.change.line.arrived)}`
    )
  if (i.clientDiff) {
    lines.push(
      '',
      `client's ${i.clientCanonicalSigned === true ? 'canonical request (it is what was signed: its signature matches)' : i.clientCanonicalSigned === false ? 'canonical request (its signature does NOT match: another secret, time or scope)' : 'text'} against the request as it arrived:`
    )
    if (!i.clientDiff.length) lines.push('  the same, line for line')
    for (const d of i.clientDiff)
      lines.push(`  line ${d.line}: client  ${shown(d.client)}`, `  line ${d.line}: arrived ${shown(d.server)}`)
  }
  for (const t of i.tried) lines.push(`tried ${shown(t.name)}${t.org ? ` (${shown(t.org)})` : ''}: ${shown(t.why)}`)
  for (const n of i.notes) lines.push(`note: ${shown(n)}`)
  if (i.canonicalRequest) lines.push('', '--- canonical request (as it arrived)', block(i.canonicalRequest))
  if (i.stringToSign)
    lines.push(i.canonicalRequest ? '--- string to sign' : '--- string signed (HMAC-SHA256)', block(i.stringToSign))
  return lines.join('\n')
}
