/**
 * The vault file's one schema. Reading, move-aside and atomic writes are main/store/json-file.ts.
 */
import { z } from 'zod'
import { apiAuthTypes, apiContentTypes, apiEnvironments, credentialStatuses } from '../../preload/contract'
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
      keyId: z.string().regex(/^[0-9a-f]{32}$/)
    })
    .passthrough(),
  z
    .object({
      scheme: z.literal('safestorage'),
      /** The keychain backend that encrypted the vault; decryption is refused if it changes. */
      backend: z.string(),
      /** A known text encrypted by the keychain: proves the keychain still opens this vault. */
      check: tagged
    })
    .passthrough()
])
export type CipherHeader = z.infer<typeof cipherHeaderSchema>

export const vaultDataSchema = z
  .object({
    version: z.literal(1),
    cipher: cipherHeaderSchema.nullable(),
    credentials: z.array(storedCredentialSchema),
    certificates: z.array(storedCertificateSchema).default([]),
    apiCredentials: z.array(storedApiCredentialSchema).default([]),
    /** Which environment's API credentials are used: a test credential only in test, and the reverse. */
    apiEnvironment: z.enum(apiEnvironments).default('test')
  })
  .passthrough()
  .refine(
    (v) =>
      v.cipher !== null || (v.credentials.length === 0 && v.certificates.length === 0 && v.apiCredentials.length === 0),
    {
      message: 'secrets are stored but no cipher header says how they were encrypted'
    }
  )
export type VaultData = z.infer<typeof vaultDataSchema>

export const emptyVault = (): VaultData => ({
  version: 1,
  cipher: null,
  credentials: [],
  certificates: [],
  apiCredentials: [],
  apiEnvironment: 'test'
})

export const VAULT_FILE_NAME = 'vault'

export function loadVaultFile(dataDir: string, now: Date) {
  return loadStoreFile(storeFilePath(dataDir, VAULT_FILE_NAME), vaultDataSchema, emptyVault, 'vault', now)
}
