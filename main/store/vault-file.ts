/**
 * The vault file: its one schema, how it is read, and what happens when it cannot be read.
 * Writes go through electron-store (in Electron) or conf (under plain Node); both write atomically
 * (temporary file + rename), so a crash mid-write never leaves half a vault.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import Conf from 'conf'
import type { Notice } from '../../preload/contract'
import { credentialStatuses } from '../../preload/contract'

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
    credentials: z.array(storedCredentialSchema)
  })
  .passthrough()
  .refine((v) => v.cipher !== null || v.credentials.length === 0, {
    message: 'secrets are stored but no cipher header says how they were encrypted'
  })
export type VaultData = z.infer<typeof vaultDataSchema>

export const emptyVault = (): VaultData => ({ version: 1, cipher: null, credentials: [] })

/** Where the vault lives and how it is written. */
export interface BackingStore {
  readonly path: string
  write(data: VaultData): void
}
export type BackingStoreFactory = (options: { cwd: string; name: string }) => BackingStore

export const VAULT_FILE_NAME = 'vault'

/** conf under plain Node (browser mode, CLI, tests). Electron passes an electron-store factory. */
export const confBackingStore: BackingStoreFactory = ({ cwd, name }) => {
  const conf = new Conf<VaultData>({
    cwd,
    configName: name,
    configFileMode: 0o600,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false
  })
  return {
    path: conf.path,
    write: (data) => {
      conf.store = data
    }
  }
}

export interface LoadedVaultFile {
  data: VaultData
  notices: Notice[]
}

/**
 * Reads and validates the vault file. A file that cannot be parsed or validated is moved aside
 * with a timestamp (never overwritten) and an empty vault starts in its place; the notice says
 * where the old file went. Throws only when the bad file cannot even be moved aside.
 */
export function loadVaultFile(path: string, now: Date): LoadedVaultFile {
  if (!existsSync(path)) return { data: emptyVault(), notices: [] }
  let problem: string
  try {
    const text = readFileSync(path, 'utf8')
    const parsed = vaultDataSchema.safeParse(JSON.parse(text))
    if (parsed.success) return { data: parsed.data, notices: [] }
    problem = `it does not have the shape of a vault (${describeIssues(parsed.error)})`
  } catch (error) {
    problem =
      error instanceof SyntaxError
        ? 'it is not valid JSON'
        : `it could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`
  }
  const aside = asidePath(path, now)
  try {
    renameSync(path, aside)
  } catch (error) {
    throw new Error(
      `The vault file ${path} is unusable because ${problem}, and it could not be moved aside (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Move or fix it by hand, then start again.`
    )
  }
  return {
    data: emptyVault(),
    notices: [
      {
        code: 'STORE_MOVED_ASIDE',
        severity: 'warning',
        message: `The vault file could not be used because ${problem}. It was moved to ${aside} and an empty vault was started. Nothing was deleted: restore the old file from there if you can repair it.`
      }
    ]
  }
}

export function vaultFilePath(dataDir: string): string {
  return join(dataDir, `${VAULT_FILE_NAME}.json`)
}

function asidePath(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let candidate = `${path}.corrupt-${stamp}`
  for (let n = 1; existsSync(candidate); n++) candidate = `${path}.corrupt-${stamp}-${n}`
  return candidate
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'top level'}: ${issue.message}`)
    .join('; ')
}
