import type { HarReport } from '../../../preload/contract'
import { findingJson, findingLines } from './findings'

/** The report as `har --json` prints it: one entry per embed request, then the file's problems. */
export function harJson(report: HarReport) {
  return {
    file: {
      name: report.fileName,
      bytes: report.bytes,
      creator: report.creator,
      browser: report.browser,
      pages: report.pages,
      entries: report.entries,
      truncated: report.truncated
    },
    entries: report.requests.map((r) => ({
      index: r.index,
      startedDateTime: r.startedDateTime,
      method: r.method,
      url: r.url,
      kind: r.kind,
      embed: r.kind === 'embed-url' ? undefined : r.embed,
      foundAt: r.foundAt ?? undefined,
      status: r.status,
      hostCode: r.hostCode,
      timeMs: r.timeMs,
      embedMethod: r.embedMethod,
      signature: r.signature,
      verdict: r.verdict,
      findings: r.findings.map(findingJson)
    })),
    sequence: report.sequence.map((f) => ({ ...findingJson(f), entries: f.entries })),
    problems: report.problems.map(findingJson),
    summary: { ...report.summary, credentialsTried: report.credentialsTried }
  }
}

const mark = { ok: '✓', warning: '!', error: '✗' } as const

export function harText(report: HarReport): string {
  const lines = [
    `${report.fileName}: ${report.entries} entries${report.truncated ? ' (cut short)' : ''}${report.creator ? `, from ${report.creator}` : ''}${report.browser ? ` / ${report.browser}` : ''}`,
    ''
  ]
  for (const problem of report.problems) lines.push(...findingLines([problem]), '')
  for (const r of report.requests) {
    const status = r.status === null ? '' : ` ${r.status}${r.hostCode ? ` ${r.hostCode}` : ''}`
    lines.push(
      `${mark[r.verdict]} #${r.index}  ${r.startedDateTime}  ${r.kind}${status}  ${r.embedMethod} · signature ${r.signature}${r.verifiedWith ? ` (${r.verifiedWith})` : ''}`,
      `  ${r.method} ${r.url.length > 160 ? `${r.url.slice(0, 160)}…` : r.url}${r.foundAt ? `  (found at ${r.foundAt})` : ''}`
    )
    const notable = r.findings.filter((f) => f.severity !== 'info')
    if (notable.length) lines.push(...findingLines(notable).map((line) => `    ${line}`))
    lines.push('')
  }
  const s = report.summary
  lines.push(
    `${s.requests} embed request${s.requests === 1 ? '' : 's'}: ${s.errors} with errors, ${s.warnings} with warnings, ${s.ok} fine; ` +
      (report.credentialsTried
        ? `signatures checked with ${report.credentialsTried} credential${report.credentialsTried === 1 ? '' : 's'}.`
        : 'no credential to check signatures with (structure only).')
  )
  return lines.join('\n')
}
