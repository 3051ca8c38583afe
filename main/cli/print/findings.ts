import type { Finding } from '../../../preload/contract'

/**
 * The findings' fixes name the app's screens (they are shown there too); on the command line the
 * same step is an option, said here so the shared vocabulary stays free of flags.
 */
const onTheCommandLine: Partial<Record<string, string>> = {
  SIGNATURE_UNCHECKED: 'On the command line: pass the secret with --secret-env VAR or --secret-file F.',
  PARENT_NOT_ALLOWED: 'On the command line: add --allow-parent ORIGIN.'
}

/** A finding's fix as the command line says it. */
function cliFix(f: Finding): string {
  const hint = onTheCommandLine[f.code]
  return hint ? `${f.fix} ${hint}` : f.fix
}

export function findingJson(f: Finding) {
  return { code: f.code, severity: f.severity, param: f.param, message: f.message, fix: cliFix(f) }
}

/** Findings as the CLI prints them: severity and code (and field), the sentence, the fix. */
export function findingLines(findings: Finding[]): string[] {
  if (!findings.length) return ['No findings.']
  return findings.flatMap((f) => [
    `${f.severity.toUpperCase()} ${f.code}${f.param ? ` (${f.param})` : ''}`,
    `  ${f.message}`,
    `  fix: ${cliFix(f)}`
  ])
}
