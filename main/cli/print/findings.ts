import type { Finding } from '../../../preload/contract'

export function findingJson(f: Finding) {
  return { code: f.code, severity: f.severity, param: f.param, message: f.message, fix: f.fix }
}

/** Findings as the CLI prints them: severity and code (and field), the sentence, the fix. */
export function findingLines(findings: Finding[]): string[] {
  if (!findings.length) return ['No findings.']
  return findings.flatMap((f) => [
    `${f.severity.toUpperCase()} ${f.code}${f.param ? ` (${f.param})` : ''}`,
    `  ${f.message}`,
    `  fix: ${f.fix}`
  ])
}
