/**
 * Current-format PKCS#12 files (PBES2: PBKDF2 + AES, the SHA-256 MAC OpenSSL 3 writes by default)
 * opened with node:crypto: OpenSSL itself checks the MAC and the passphrase (a TLS context made from
 * the file, as Node's own `pfx` option reads it), and node:crypto's PBKDF2 and AES decrypt the
 * certificates and the key, where node-forge's pure-JS key derivation cost ten times as much
 * (issue 18, item 8). node-forge's ASN.1 reader (asn1.ts) reads the structure.
 *
 * Anything else (the legacy RC2-40 / 3DES formats OpenSSL 3 no longer opens, or a file this reader
 * does not follow) answers null, and the caller opens it with node-forge as before.
 */
import { createDecipheriv, createPrivateKey, pbkdf2Sync } from 'node:crypto'
import { createSecureContext } from 'node:tls'
import {
  children,
  encryptedKeyAlgorithm,
  isContext,
  isType,
  integerOf,
  octets,
  oidOf,
  parseDer,
  T,
  toDer,
  type Asn1
} from './asn1'
import type { Pkcs12Result } from './off-thread'

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21'
}
const PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512'
}
const CIPHER: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 }
}

/**
 * The most key-derivation rounds read here, in this thread (OpenSSL writes 2,048, Windows 2,000).
 * A file asking for more goes to node-forge in the worker, where it cannot stall the app.
 */
const MAX_ROUNDS_HERE = 100_000

/** A structure this reader does not follow: the caller falls back to node-forge. */
class NotCurrent extends Error {}

const bytesOf = (node: Asn1 | undefined): Buffer => {
  if (!node) throw new NotCurrent('missing')
  return Buffer.from(octets(node), 'binary')
}
const der = (node: Asn1 | undefined): Asn1 => {
  const parsed = parseDer(bytesOf(node))
  if (!parsed.ok) throw new NotCurrent(parsed.reason)
  return parsed.node
}

/** The file opened, or null when it is not a current-format file this reader follows. */
export async function openCurrentPkcs12(file: Buffer, passphrase: string): Promise<Pkcs12Result | null> {
  const parsed = parseDer(file)
  // A legacy file (RC2-40, 3DES) fails OpenSSL's own read below as unsupported: null, for node-forge.
  if (!parsed.ok) return null
  const macRounds = children(children(parsed.node)[2])[2]
  if (macRounds && (integerOf(macRounds) ?? Infinity) > MAX_ROUNDS_HERE) return null
  try {
    // OpenSSL checks the MAC with the passphrase (an empty one is tried both ways, as written).
    createSecureContext({ pfx: file, passphrase })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (/mac verify failure|mac verify error|invalid password/i.test(message))
      return { ok: false, reason: 'mac', message }
    return null
  }
  try {
    return { ok: true, ...readBags(parsed.node, passphrase) }
  } catch (error) {
    if (error instanceof NotCurrent) return null
    // The MAC opened but a bag did not (a key under another passphrase, a damaged bag).
    return { ok: false, reason: 'decrypt', message: error instanceof Error ? error.message : String(error) }
  }
}

function readBags(pfx: Asn1, passphrase: string) {
  const [, authSafe] = children(pfx)
  if (oidOf(children(authSafe)[0]) !== OID.data) throw new NotCurrent('authSafe is not data')
  const certificates: { der: Buffer; localKeyId: string | null }[] = []
  const keys: { der: Buffer; localKeyId: string | null }[] = []
  for (const info of children(der(children(children(authSafe)[1])[0]))) {
    const [type, wrapped] = children(info)
    const content = children(wrapped)[0]
    let safeContents: Asn1
    if (oidOf(type) === OID.data) safeContents = der(content)
    else if (oidOf(type) === OID.encryptedData) safeContents = decryptContents(content, passphrase)
    else throw new NotCurrent('unknown content type')
    for (const bag of children(safeContents)) {
      const [bagType, value, attributes] = children(bag)
      const localKeyId = localKeyIdOf(attributes)
      const inner = children(value)[0]
      switch (oidOf(bagType)) {
        case OID.certBag: {
          const [certType, certValue] = children(inner)
          if (oidOf(certType) !== OID.x509Certificate) break
          certificates.push({ der: bytesOf(children(certValue)[0]), localKeyId })
          break
        }
        case OID.shroudedKeyBag: {
          const rounds = encryptedKeyAlgorithm(inner!)
          if (rounds.kdf !== 'pbkdf2' || (rounds.iterations ?? Infinity) > MAX_ROUNDS_HERE)
            throw new NotCurrent('key derivation')
          const key = createPrivateKey({ key: toDer(inner!), format: 'der', type: 'pkcs8', passphrase })
          keys.push({ der: key.export({ format: 'der', type: 'pkcs8' }), localKeyId })
          break
        }
        case OID.keyBag:
          keys.push({ der: toDer(inner!), localKeyId })
          break
      }
    }
  }
  return { certificates, keys }
}

/** An EncryptedData's SafeContents, decrypted by PBES2 (PBKDF2 + a CBC cipher). */
function decryptContents(encryptedData: Asn1 | undefined, passphrase: string): Asn1 {
  const [, encryptedContentInfo] = children(encryptedData)
  const [, algorithm, encrypted] = children(encryptedContentInfo)
  const [schemeOid, params] = children(algorithm)
  if (oidOf(schemeOid) !== OID.pbes2 || !isContext(encrypted, 0)) throw new NotCurrent('not PBES2')
  const [kdf, scheme] = children(params)
  const [kdfOid, kdfParams] = children(kdf)
  if (oidOf(kdfOid) !== OID.pbkdf2) throw new NotCurrent('not PBKDF2')
  const [saltNode, iterationsNode, ...rest] = children(kdfParams)
  const prfNode = rest.find((x) => isType(x, T.SEQUENCE))
  const digest = prfNode ? PRF[oidOf(children(prfNode)[0]) ?? ''] : 'sha1'
  const [cipherOid, ivNode] = children(scheme)
  const cipher = CIPHER[oidOf(cipherOid) ?? '']
  const iterations = integerOf(iterationsNode)
  if (!digest || !cipher || !iterations || iterations > MAX_ROUNDS_HERE || !isType(saltNode, T.OCTETSTRING))
    throw new NotCurrent('parameters')
  // Synchronous, as OpenSSL's own check above is: a thread-pool hop cost more than these 2,048 rounds.
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), bytesOf(saltNode), iterations, cipher.keyLength, digest)
  const decipher = createDecipheriv(cipher.name, key, bytesOf(ivNode))
  const plain = Buffer.concat([decipher.update(bytesOf(encrypted)), decipher.final()])
  const parsed = parseDer(plain)
  if (!parsed.ok) throw new NotCurrent(parsed.reason)
  return parsed.node
}

function localKeyIdOf(attributes: Asn1 | undefined): string | null {
  for (const attribute of children(attributes)) {
    const [oid, values] = children(attribute)
    if (oidOf(oid) === OID.localKeyId) return bytesOf(children(values)[0]).toString('hex')
  }
  return null
}
