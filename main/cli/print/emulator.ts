import type { EmulatorRequest } from '../../../preload/contract'
import { escapeControls as shown } from '../../core/terminal'

/** One emulator request as the `emulator` command logs it: status, verdict, user, errors. */
export function verdictLine(e: EmulatorRequest): string {
  // Every field from the request is escaped: a newline in an email cannot fake a log line.
  const head = `${e.at} ${e.status} ${e.verdict.toUpperCase()}${e.hostCode ? ` ${e.hostCode}` : ''}${e.user ? ` ${shown(e.user)}` : ''} ${shown(e.url.replace(/\?.*$/, '?…'))}`
  const errors = e.findings.filter((f) => f.severity === 'error')
  return [
    head,
    ...(e.message ? [`    ${shown(e.message)}`] : []),
    ...errors.map((f) => `    ${f.code}${f.param ? ` (${shown(f.param)})` : ''}: ${shown(f.message)}`)
  ].join('\n')
}
