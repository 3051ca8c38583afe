import type { CertificateReport, Finding } from '../../../preload/contract'
import { findingLines } from './findings'

export function certificateText(report: CertificateReport, findings: Finding[]): string {
  const yes = (v: boolean | null, unknown: string) => (v === null ? unknown : v ? 'yes' : 'NO')
  const lines: string[] = []
  const c = report.certificate
  if (c) {
    lines.push(
      `subject       ${c.subject}`,
      `issuer        ${c.issuer}`,
      ...(c.subjectAltNames.length ? [`alt names     ${c.subjectAltNames.join(', ')}`] : []),
      `serial        ${c.serialNumber}`,
      `valid         ${c.validFrom} .. ${c.validTo}`,
      `key           ${c.keyDescription}`,
      `signature     ${c.signatureAlgorithm}`,
      `sha256        ${c.fingerprintSha256}`,
      `format        ${report.certificateFormat}${report.keyFormat && report.keyFormat !== report.certificateFormat ? `; key: ${report.keyFormat}` : ''}`
    )
  }
  lines.push(
    `key matches   ${yes(report.keyMatches, 'no key given')}`,
    `passphrase    ${report.passphrase}`,
    `chain valid   ${yes(report.chainValid, 'not checked (no --ca)')}`
  )
  for (const link of report.links)
    lines.push(
      `  ${link.ok ? '✓' : '✗'} ${link.subject} <- ${link.issuedBy ?? '?'}${link.problem ? `: ${link.problem}` : ''}`
    )
  lines.push('')
  lines.push(...findingLines(findings))
  return lines.join('\n')
}
