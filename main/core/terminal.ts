/**
 * Text from a request (a URL, an email, a header, a certificate subject) on its way to a terminal
 * or a log: control characters are shown, not obeyed. An embedded newline cannot fake a log line,
 * an escape sequence cannot recolour or clear the terminal, a bidi override cannot reorder it.
 */
const NAMED: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' }
/** Line and paragraph separators, bidi embeddings, overrides, isolates and marks. */
const FORMAT_CONTROLS = new Set([
  0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c
])

function isControl(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || FORMAT_CONTROLS.has(code)
}

/** Whether any character would be rewritten (most text has none, and is returned as it is). */
function hasControl(text: string, keepLines: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isControl(code) && !(keepLines && (code === 0x09 || code === 0x0a))) return true
  }
  return false
}

function escapeEach(text: string, keepTab: boolean): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (!isControl(code) || (keepTab && code === 0x09)) out += text[i]
    else
      out +=
        NAMED[code] ??
        (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  }
  return out
}

export function escapeControls(text: string): string {
  return hasControl(text, false) ? escapeEach(text, false) : text
}

/**
 * For text the app wrote itself: its own line breaks (LF, or CRLF as in node-forge's PEM) and tabs
 * stay, every other control is shown. What is already written as an escape (JSON's "\\t") is text
 * and stays as it is.
 */
export function escapeControlsKeepingLines(text: string): string {
  const lines = text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text
  if (!hasControl(lines, true)) return lines
  return lines
    .split('\n')
    .map((line) => escapeEach(line, true))
    .join('\n')
}
