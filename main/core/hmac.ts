/**
 * The one HMAC-SHA256 helper: embed signatures (signed URLs), the inspector's verification and
 * forensics, API request signing and the vault's key id all call this. A string key is used as its UTF-8 bytes
 * (never hex-decoded); a Buffer key as given (the forensics' "hex-decoded secret" variant).
 */
import { createHmac } from 'node:crypto'

export function hmacSha256(key: string | Buffer, message: string): Buffer {
  // createHmac reads a string key as UTF-8 itself: no Buffer made for it on every call.
  return createHmac('sha256', key).update(message, 'utf8').digest()
}

/** Lowercase hex, as the signed URL's `:signature` carries it. */
export function hmacHex(key: string | Buffer, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex')
}
