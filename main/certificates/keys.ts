/** Opening a private key block as the user gave it: PKCS#8 (plain or encrypted), PKCS#1, SEC1, legacy PEM, off the event loop when it may be slow. */
import { createPrivateKey, type KeyObject } from 'node:crypto'
import type { Finding, PassphraseState } from '../../preload/contract'
import { certificateFinding } from '../protocol/findings'
import { encryptedKeyAlgorithm, parseDer } from './asn1'
import { openPrivateKey, type KeyResult } from './off-thread'
import type { Block } from './read-material'

export const keyTypes: Record<string, 'pkcs8' | 'pkcs1' | 'sec1'> = {
  'private-key': 'pkcs8',
  'encrypted-private-key': 'pkcs8',
  'rsa-private-key': 'pkcs1',
  'ec-private-key': 'sec1'
}

export async function openKeyBlock(
  block: Block,
  passphrase: string,
  encoding: string | null
): Promise<{ key: KeyObject | null; format: string; passphrase: PassphraseState; findings: Finding[] }> {
  const findings: Finding[] = []
  const type = keyTypes[block.kind]
  const der = encoding && encoding !== 'PEM' ? ', DER' : ''
  const plainName =
    block.kind === 'rsa-private-key' ? 'PKCS#1 RSA' : block.kind === 'ec-private-key' ? 'SEC1 EC' : 'PKCS#8'
  let format: string
  let encryption: ReturnType<typeof encryptedKeyAlgorithm> | null = null
  if (block.kind === 'encrypted-private-key') {
    const parsed = parseDer(block.der)
    encryption = parsed.ok ? encryptedKeyAlgorithm(parsed.node) : null
    format = `Encrypted PKCS#8${der} (${encryption?.text ?? 'unknown scheme'})`
  } else if (block.legacyCipher) {
    format = `Legacy OpenSSL encrypted PEM (${plainName}, ${block.legacyCipher}, MD5-based key derivation)`
  } else {
    format = `${plainName}${der} (unencrypted)`
  }
  const encrypted = block.kind === 'encrypted-private-key' || block.legacyCipher !== null
  if (!type) {
    findings.push(
      certificateFinding('UNSUPPORTED_FORMAT', 'key', `${block.label} is not a key format this tool reads.`)
    )
    return { key: null, format, passphrase: 'not-checked', findings }
  }
  if (encrypted && !passphrase) {
    findings.push(certificateFinding('PASSPHRASE_REQUIRED', 'passphrase', `The key is encrypted: ${format}.`))
    return { key: null, format, passphrase: 'required', findings }
  }
  // Only decryption is slow (PBKDF2/scrypt): an unencrypted key is read right here, sparing the worker hop.
  const task =
    block.pem !== null ? { key: block.pem, format: 'pem' as const } : { key: block.der, format: 'der' as const, type }
  const result = encrypted ? await openPrivateKey({ ...task, passphrase }) : openKeyHere(task)
  if (!result.ok) {
    const looksUnsupported = (r: { code: string; message: string }) =>
      /unsupported|not supported/i.test(`${r.code} ${r.message}`)
    let unsupported = looksUnsupported(result)
    if (encrypted && unsupported) {
      // A wrong passphrase usually fails the padding check ("bad decrypt"), but about one time in
      // 256 it decrypts to garbage that OpenSSL reports as an unsupported structure. Decrypting
      // with a random passphrase tells them apart: if that gets as far as "bad decrypt", the
      // format is supported and the passphrase given was wrong.
      const probe = await openPrivateKey({ ...task, passphrase: `${passphrase}\u0000probe${Math.random()}` })
      unsupported = !probe.ok && looksUnsupported(probe)
    }
    if (encrypted && !unsupported) {
      findings.push(
        certificateFinding('PASSPHRASE_WRONG', 'passphrase', `The passphrase does not decrypt the key: ${format}.`)
      )
      return { key: null, format, passphrase: 'wrong', findings }
    }
    if (encrypted && encryption?.kdf === 'scrypt') {
      findings.push(
        certificateFinding(
          'UNSUPPORTED_FORMAT',
          'key',
          `This build's crypto library cannot open a PKCS#8 key encrypted with scrypt (${result.message}).`,
          'Re-encrypt it with PBKDF2: openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -in key.pem -out key-pbkdf2.pem'
        )
      )
      return { key: null, format, passphrase: 'not-checked', findings }
    }
    findings.push(
      certificateFinding(
        unsupported ? 'UNSUPPORTED_FORMAT' : 'INPUT_DAMAGED',
        'key',
        `node:crypto could not read the key (${result.message}).`,
        'Export the key again as PKCS#8 PEM: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'
      )
    )
    return { key: null, format, passphrase: 'not-checked', findings }
  }
  const key = result.key
  if (!encrypted && passphrase) {
    findings.push(
      certificateFinding('PASSPHRASE_NOT_NEEDED', 'passphrase', 'A passphrase was given, but the key is not encrypted.')
    )
    return { key, format, passphrase: 'unused', findings }
  }
  return { key, format, passphrase: encrypted ? 'correct' : 'not-needed', findings }
}

export function openKeyHere(task: {
  key: string | Buffer
  format: 'pem' | 'der'
  type?: 'pkcs8' | 'pkcs1' | 'sec1'
}): KeyResult {
  try {
    const key = createPrivateKey(task)
    return { ok: true, key }
  } catch (error) {
    return {
      ok: false,
      code: String((error as NodeJS.ErrnoException).code ?? 'ERR'),
      message: (error as Error).message
    }
  }
}
