import { escapeControls as shown } from '../../core/terminal'
import type { ApiRequestResult } from '../../../preload/contract'

export function requestText(result: ApiRequestResult): string {
  const lines = [
    `${result.request.method} ${result.request.url}`,
    ...result.request.headers.map(([n, v]) => `${n}: ${v}`),
    ''
  ]
  if (result.request.body) lines.push(result.request.body, '')
  lines.push(`client certificate: ${result.certificate.name ?? 'none'} (${result.certificate.explanation})`)
  if (result.signing?.kind === 'aws4')
    lines.push(
      '',
      '--- canonical request',
      result.signing.canonicalRequest,
      '--- string to sign',
      result.signing.stringToSign,
      `--- signature ${result.signing.signature}`
    )
  if (result.signing?.kind === 'hmac')
    lines.push(
      '',
      '--- string signed (HMAC-SHA256)',
      result.signing.stringToSign,
      `--- signature ${result.signing.signature}`
    )
  if (result.error) lines.push('', `FAILED ${result.error.code}: ${result.error.message}`)
  const r = result.response
  if (r) {
    lines.push(
      '',
      `HTTP ${r.status} ${r.statusText}  (${r.timing.totalMs} ms${r.tls ? `, ${r.tls.protocol} ${r.tls.cipher}` : ''})`
    )
    if (result.verifier) {
      lines.push(result.verifier.ok ? 'verification server: OK' : 'verification server says:')
      for (const p of result.verifier.problems) lines.push(`  - ${p}`)
      for (const d of result.canonicalDiff ?? [])
        lines.push(`  line ${d.line}: ours   ${d.ours}`, `  line ${d.line}: server ${d.server}`)
    } else lines.push(r.body.length > 2000 ? `${r.body.slice(0, 2000)}…` : r.body)
  }
  return lines.join('\n')
}

/** One verification-server verdict as the `verify-server` command logs it; request fields escaped. */
export function verdictLines(v: {
  at: string
  ok: boolean
  method: string
  path: string
  scheme: string
  clientCertificate: { presented: boolean; subject?: string | null }
  problems: string[]
}): string {
  const cert = v.clientCertificate.presented ? ` cert: ${shown(v.clientCertificate.subject ?? '')}` : ''
  return [
    `${v.at} ${v.ok ? 'OK  ' : 'FAIL'} ${shown(v.method)} ${shown(v.path)} [${shown(v.scheme)}]${cert}`,
    ...v.problems.map((p) => `    ${shown(p)}`)
  ].join('\n')
}
