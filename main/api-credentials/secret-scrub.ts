/**
 * A secret can still reach what is shown by way of a signed header (an AWS session token is part
 * of the canonical request) or an API that echoes what it received: as itself, or encoded the way
 * it travelled (percent-encoded, base64, Basic's base64 of user:password). Every one of them is
 * masked, in any JSON-shaped value, before it leaves main.
 */
import { MASKED_SECRET } from '../../preload/contract/constants'

export function scrubSecrets<T>(value: T, secrets: readonly string[]): T {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (secret.length < 4) continue
    for (const form of [
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret, 'utf8').toString('base64'),
      Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''),
      Buffer.from(secret, 'utf8').toString('base64url')
    ])
      if (form.length >= 4) forms.add(form)
  }
  if (!forms.size) return value
  const json = JSON.stringify(value)
  let scrubbed = json
  // Longest first, so a form that contains another is masked whole.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    const escaped = JSON.stringify(form).slice(1, -1)
    scrubbed = scrubbed.split(escaped).join(MASKED_SECRET)
  }
  return scrubbed === json ? value : (JSON.parse(scrubbed) as T)
}
