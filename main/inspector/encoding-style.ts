/**
 * How a signed URL was encoded, in words: which of the vendor's samples it looks like, and whether
 * the host accepts it (it does, as long as nothing re-encodes the URL after signing: the host
 * verifies the URL exactly as received). Facts: shared/embed-protocol.md, "Encoding".
 */
import type { Finding } from '../../preload/contract'
import type { ParsedUrl } from '../protocol/embed-url'
import { finding } from '../protocol/findings'

export function encodingStyleFinding(parsed: ParsedUrl): Finding | null {
  const params = parsed.params.filter((p) => p.name !== ':signature')
  if (!params.length) return null
  const traits: string[] = []
  const colonEncoded = params.some((p) => /^%3a/i.test(p.rawName))
  const plusForSpace = params.some((p) => (p.rawValue ?? '').includes('+'))
  const componentEncoded = params.some((p) => /%40|%2C/i.test(p.rawValue ?? ''))
  const rawSpecials = params.some((p) => /[@ ,]/.test(p.rawValue ?? ''))
  if (colonEncoded)
    traits.push(
      `parameter names have ":" as %3A and values are form-encoded${plusForSpace ? ' (space as +)' : ''}, as Node's URLSearchParams writes them`
    )
  else if (componentEncoded) traits.push('values are percent-encoded with encodeURIComponent ("@" as %40)')
  else
    traits.push(
      `names and values are raw${rawSpecials ? ' ("@" and "," unencoded)' : ''}, as the QuickStart builds them`
    )
  const time = params.find((p) => p.name === ':time')
  if (time && /^\d+\.\d+$/.test(time.value))
    traits.push(`":time" is a float (${time.value}), as Python's time.time() gives it`)
  return finding('ENCODING_STYLE', null, `This URL's encoding: ${traits.join('; ')}. The host accepts it.`)
}
