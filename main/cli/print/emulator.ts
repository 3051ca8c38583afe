import type { EmulatorRequest } from '../../../preload/contract'

/** One emulator request as the `emulator` command logs it: status, verdict, user, errors. */
export function verdictLine(e: EmulatorRequest): string {
  const head = `${e.at} ${e.status} ${e.verdict.toUpperCase()}${e.hostCode ? ` ${e.hostCode}` : ''}${e.user ? ` ${e.user}` : ''} ${e.url.replace(/\?.*$/, '?…')}`
  const errors = e.findings.filter((f) => f.severity === 'error')
  return [
    head,
    ...(e.message ? [`    ${e.message}`] : []),
    ...errors.map((f) => `    ${f.code}${f.param ? ` (${f.param})` : ''}: ${f.message}`)
  ].join('\n')
}
