/** Request text on its way to a terminal: shown, never obeyed (issue 11, item 7). */
import { describe, expect, it } from 'vitest'
import { verdictLine } from '../../../main/cli/print/emulator'
import { verdictLines } from '../../../main/cli/print/request'
import { escapeControls, escapeControlsKeepingLines } from '../../../main/core/terminal'
import type { EmulatorRequest } from '../../../preload/contract'

/** Any control character but the newlines the printer itself puts between lines. */
const anyControlButNewline = (text: string) =>
  [...text].some(
    (c) =>
      c !== '\n' && (c.charCodeAt(0) <= 0x1f || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) || c === '\u202e')
  )

const hostile = 'ada@example.com\n2026-12-01T00:00:00Z 200 ALLOWED boss@example.com\u001b[2J\u009b31m\u202eevil\r'

describe('escaping control characters', () => {
  it('names every C0, C1, line-separator and bidi control; leaves text alone', () => {
    expect(escapeControls(hostile)).toBe(
      'ada@example.com\\n2026-12-01T00:00:00Z 200 ALLOWED boss@example.com\\x1b[2J\\x9b31m\\u202eevil\\r'
    )
    expect(escapeControls('Ünïcödé text, tabs\tand all')).toBe('Ünïcödé text, tabs\\tand all')
    expect(escapeControlsKeepingLines('one\r\ntwo\tthree\u001b')).toBe('one\ntwo\tthree\\x1b')
  })

  it('leaves a backslash-t the app wrote alone: JSON output with an escaped tab stays valid JSON', () => {
    const json = JSON.stringify({ email: 'a\tb', path: 'C:\\temp' }, null, 2)
    expect(escapeControlsKeepingLines(json)).toBe(json)
    expect(JSON.parse(escapeControlsKeepingLines(json))).toEqual({ email: 'a\tb', path: 'C:\\temp' })
  })

  it('a long text without controls comes back as it is', () => {
    const text = `${'a'.repeat(1_000_000)}\n${'b'.repeat(10)}`
    expect(escapeControlsKeepingLines(text)).toBe(text)
    expect(escapeControls('plain')).toBe('plain')
  })

  it('an emulator log entry keeps to its own lines whatever the request carried', () => {
    const entry = {
      at: '2026-12-01T10:00:00.000Z',
      status: 400,
      verdict: 'refused',
      hostCode: 'EINVAL',
      user: hostile,
      url: `http://127.0.0.1:4781/embed/x\u001b[31m?:email=${hostile}`,
      message: 'Invalid embed request.',
      findings: [{ code: 'EMAIL_INVALID', severity: 'error', param: ':email', message: `"${hostile}" is not valid` }]
    } as unknown as EmulatorRequest
    const lines = verdictLine(entry).split('\n')
    expect(lines).toHaveLength(3)
    expect(anyControlButNewline(lines.join('\n'))).toBe(false)
    expect(lines.some((l) => l.startsWith('2026-12-01T00:00:00Z 200 ALLOWED'))).toBe(false)
  })

  it('a verification-server verdict too, including the client certificate subject', () => {
    const text = verdictLines({
      at: '2026-12-01T10:00:00.000Z',
      ok: false,
      method: 'GET',
      path: '/orders\u001b]0;title\u0007',
      scheme: 'bearer',
      clientCertificate: { presented: true, subject: `CN=${hostile}` },
      problems: [`The token ${hostile} does not match`]
    })
    expect(text.split('\n')).toHaveLength(2)
    expect(anyControlButNewline(text)).toBe(false)
  })
})
