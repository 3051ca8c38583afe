/**
 * The vault file's one schema. Reading, move-aside and atomic writes are main/store/json-file.ts.
 */
import { z } from 'zod'
import {
  apiAuthTypes,
  apiContentTypes,
  apiDestinationOf,
  apiEnvironments,
  credentialStatuses
} from '../../preload/contract'
import type { SecretBinding } from './cipher'
import { loadStoreFile, storeFilePath } from './json-file'

const tagged = z.string().regex(/^[a-z0-9-]+:v\d+:/, 'an encrypted value tagged with its scheme')

export const storedCredentialSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    description: z.string(),
    owner: z.string(),
    ownerAccountType: z.string(),
    clientId: z.string(),
    secret: tagged,
    origin: z.enum(['created', 'imported']),
    createdAt: z.string(),
    status: z.enum(credentialStatuses),
    revokedAt: z.string().optional()
  })
  .passthrough() // fields written by a newer version are kept, not dropped
export type StoredCredential = z.infer<typeof storedCredentialSchema>

/**
 * A client certificate. The certificate chain, CA and report are public; `key` (the material that
 * carries the private key: the key field, or a PKCS#12 file) and `passphrase` are encrypted.
 */
export const storedCertificateSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    description: z.string(),
    domains: z.array(z.string()),
    certificatePem: z.string(),
    caPem: z.string().nullable(),
    key: tagged.nullable(),
    passphrase: tagged.nullable(),
    /** The validation report at the last save (public facts only); time findings are recomputed on read. */
    report: z.object({ findings: z.array(z.object({ code: z.string() }).passthrough()) }).passthrough(),
    createdAt: z.string(),
    updatedAt: z.string()
  })
  .passthrough()
export type StoredCertificate = z.infer<typeof storedCertificateSchema>

const storedAuth = z.object({ type: z.enum(apiAuthTypes) }).passthrough()

/** An API credential: public settings in the clear, `secrets` (JSON of the secret fields) encrypted. */
export const storedApiCredentialSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    baseUrl: z.string(),
    environment: z.enum(apiEnvironments),
    contentType: z.enum(apiContentTypes),
    headers: z.array(z.object({ name: z.string(), value: z.string() })),
    orgSpecific: z.boolean(),
    auth: storedAuth,
    secrets: tagged.nullable(),
    secretsStored: z.array(z.string()),
    orgs: z.array(
      z
        .object({ org: z.string(), auth: storedAuth, secrets: tagged.nullable(), secretsStored: z.array(z.string()) })
        .passthrough()
    ),
    createdAt: z.string(),
    updatedAt: z.string()
  })
  .passthrough()
export type StoredApiCredential = z.infer<typeof storedApiCredentialSchema>

/**
 * The local CA of the emulator's TLS front (it answers as the vendor's host names): the
 * certificate is public, the key encrypted like every secret. Made once per data folder.
 */
export const storedHostCaSchema = z
  .object({ certificatePem: z.string(), key: tagged, createdAt: z.string() })
  .passthrough()
export type StoredHostCa = z.infer<typeof storedHostCaSchema>

export const cipherHeaderSchema = z.discriminatedUnion('scheme', [
  z
    .object({
      scheme: z.literal('passphrase'),
      kdf: z.literal('scrypt'),
      N: z.number().int().positive(),
      r: z.number().int().positive(),
      p: z.number().int().positive(),
      salt: z.string().min(1),
      /**
       * HMAC-SHA256(key, label), truncated: identifies the right key without decrypting anything,
       * so a wrong passphrase is told apart from a damaged ciphertext.
       */
      keyId: z.string().regex(/^[0-9a-f]{32}$/),
      /** Format 2: the vault key, wrapped by the passphrase's key with this header as associated data. */
      wrappedKey: tagged.optional()
    })
    .passthrough(),
  z
    .object({
      scheme: z.literal('safestorage'),
      /** The keychain backend that encrypted the vault; decryption is refused if it changes. */
      backend: z.string(),
      /** Format 2: the vault key, encrypted by the keychain. */
      wrappedKey: tagged.optional(),
      /** Format 1: a known text encrypted by the keychain, proving it still opens this vault. */
      check: tagged.optional()
    })
    .passthrough()
])
export type CipherHeader = z.infer<typeof cipherHeaderSchema>

export const vaultDataSchema = z
  .object({
    /** 1: secrets without associated data, no seal (upgraded on unlock). 2: bound secrets, sealed. */
    version: z.union([z.literal(1), z.literal(2)]),
    cipher: cipherHeaderSchema.nullable(),
    /** Counts the app's writes; the seal carries it, so an older file put back is recognised. */
    revision: z.number().int().nonnegative().default(0),
    /** Every field but `cipher` and `seal`, encrypted with the seal key: what the app itself wrote. */
    seal: tagged.nullable().optional(),
    credentials: z.array(storedCredentialSchema),
    certificates: z.array(storedCertificateSchema).default([]),
    apiCredentials: z.array(storedApiCredentialSchema).default([]),
    emulatorCa: storedHostCaSchema.nullable().default(null),
    /** Which environment's API credentials are used: a test credential only in test, and the reverse. */
    apiEnvironment: z.enum(apiEnvironments).default('test')
  })
  .passthrough()
  .refine(
    (v) =>
      v.cipher !== null ||
      (v.credentials.length === 0 &&
        v.certificates.length === 0 &&
        v.apiCredentials.length === 0 &&
        v.emulatorCa === null),
    {
      message: 'secrets are stored but no cipher header says how they were encrypted'
    }
  )
export type VaultData = z.infer<typeof vaultDataSchema>

export const emptyVault = (): VaultData => ({
  version: 2,
  cipher: null,
  revision: 0,
  seal: null,
  credentials: [],
  certificates: [],
  apiCredentials: [],
  emulatorCa: null,
  apiEnvironment: 'test'
})

export const VAULT_FILE_NAME = 'vault'

export function loadVaultFile(dataDir: string, now: Date) {
  return loadStoreFile(storeFilePath(dataDir, VAULT_FILE_NAME), vaultDataSchema, emptyVault, 'vault', now)
}

// ---------------------------------------------------------------------------------------------
// What each secret is bound to. Changing a destination (where a secret may be sent) makes the
// stored ciphertext unopenable, so the service must ask for the secret again.

export function credentialBinding(record: Pick<StoredCredential, 'id'>): SecretBinding {
  return { record: 'credential', id: record.id, field: 'secret' }
}

/** Where a certificate's key may be presented: its authorized domains, in a canonical order. */
export function certificateDestination(domains: readonly string[]): string {
  return [...new Set(domains.map((d) => d.trim().toLowerCase()))].sort().join(',')
}

export function certificateBinding(
  record: Pick<StoredCertificate, 'id' | 'domains'>,
  field: 'key' | 'passphrase'
): SecretBinding {
  return { record: 'certificate', id: record.id, field, destination: certificateDestination(record.domains) }
}

export function apiCredentialBinding(
  record: Pick<StoredApiCredential, 'id' | 'environment' | 'baseUrl'>,
  auth: { type: string; endpoint?: unknown },
  org: string | null
): SecretBinding {
  return {
    record: 'apiCredential',
    id: record.id,
    field: org === null ? 'secrets' : `orgs/${org}/secrets`,
    destination: JSON.stringify(apiDestinationOf(record, auth))
  }
}

/** The CA key may sign only the emulator's own certificates. */
export const hostCaBinding: SecretBinding = { record: 'emulatorCa', id: 'ca', field: 'key', destination: 'emulator' }

export interface SecretSlot {
  /** Names the record in messages: `credential "Staging"`. */
  owner: string
  binding: SecretBinding
  value: string
  set(value: string): void
}

/** Every encrypted value in the vault with what it is bound to. */
export function secretSlots(data: VaultData): SecretSlot[] {
  const slots: SecretSlot[] = []
  for (const c of data.credentials)
    slots.push({
      owner: `credential "${c.name}"`,
      binding: credentialBinding(c),
      value: c.secret,
      set: (v) => (c.secret = v)
    })
  for (const c of data.certificates)
    for (const field of ['key', 'passphrase'] as const) {
      const value = c[field]
      if (value !== null)
        slots.push({
          owner: `certificate "${c.name}"`,
          binding: certificateBinding(c, field),
          value,
          set: (v) => (c[field] = v)
        })
    }
  for (const a of data.apiCredentials) {
    if (a.secrets !== null)
      slots.push({
        owner: `API credential "${a.name}"`,
        binding: apiCredentialBinding(a, a.auth, null),
        value: a.secrets,
        set: (v) => (a.secrets = v)
      })
    for (const o of a.orgs)
      if (o.secrets !== null)
        slots.push({
          owner: `API credential "${a.name}" (organization "${o.org}")`,
          binding: apiCredentialBinding(a, o.auth, o.org),
          value: o.secrets,
          set: (v) => (o.secrets = v)
        })
  }
  const ca = data.emulatorCa
  if (ca)
    slots.push({ owner: "the emulator's local CA", binding: hostCaBinding, value: ca.key, set: (v) => (ca.key = v) })
  return slots
}
