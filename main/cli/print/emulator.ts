import type { EmulatorFront, EmulatorRequest } from '../../../preload/contract'
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

/** What to tell a user whose emulator answers as the real host: where, the CA, and a browser line. */
export function frontLines(front: EmulatorFront): string[] {
  return [
    `Answering as ${front.origins.join(', ')} (TLS on 127.0.0.1:${front.port}, certified by the local CA)`,
    `  CA certificate: ${front.caPath}`,
    `  CA SPKI SHA-256: ${front.caSpki}`,
    '  A Chromium or Chrome that sends only these names to the emulator (a throwaway profile, nothing installed):',
    `    ${front.chromiumCommand}`,
    '  Parent pages other than the app and loopback must be allowed: --allow-parent ORIGIN.'
  ]
}
