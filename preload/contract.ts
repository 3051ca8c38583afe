/**
 * The one shared vocabulary between the renderer and the main process.
 *
 * Every channel has a zod schema for its input (checked in main before any service runs) and a
 * result type. The renderer imports only the types from this file; the preload exposes one named
 * function per channel; main/ipc.ts (Electron) and main/browser-host.ts (browser mode) both
 * dispatch through the same table, so the renderer cannot tell which transport it has.
 */
import { z } from 'zod'

// ---------------------------------------------------------------------------------------------
// Results and errors

/** Stable error codes. Renderer code and tests switch on these; never rename one. */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'BRIDGE_UNREACHABLE',
  'VAULT_LOCKED',
  'VAULT_NOT_SET_UP',
  'VAULT_ALREADY_SET_UP',
  'VAULT_UNAVAILABLE',
  'PASSPHRASE_WRONG',
  'PASSPHRASE_TOO_SHORT',
  'PASSPHRASE_MISMATCH',
  'NAME_REQUIRED',
  'NAME_TAKEN',
  'CLIENT_ID_INVALID',
  'CLIENT_ID_EXISTS',
  'SECRET_REQUIRED',
  'SECRET_INVALID',
  'CREDENTIAL_NOT_FOUND',
  'CREDENTIAL_REVOKED',
  'SECRET_UNREADABLE',
  'STORE_WRITE_FAILED',
  'INTERNAL'
] as const
export type ErrorCode = (typeof errorCodes)[number]

export interface WorkbenchFailure {
  code: ErrorCode
  /** One sentence that says what happened and what to do. Never contains a secret. */
  message: string
  /** The input field the error is about, when there is one (for showing it beside the field). */
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WorkbenchFailure }

// ---------------------------------------------------------------------------------------------
// Domain types that cross the boundary (none of them carries a secret, except CreatedCredential)

/** Something the user must be told once, e.g. that a corrupt store file was moved aside. */
export interface Notice {
  code: 'STORE_MOVED_ASIDE' | 'SECRET_TRIMMED' | 'SECRET_UNUSUAL_FORMAT' | 'CLIENT_ID_TRIMMED'
  severity: 'info' | 'warning'
  message: string
}

export type VaultScheme = 'passphrase' | 'safestorage'

export interface VaultStatus {
  /**
   * needs-setup: no vault yet and a master passphrase must be chosen;
   * locked: the passphrase must be entered; unlocked: ready;
   * unavailable: the vault exists but cannot be opened here (see `reason`).
   */
  state: 'needs-setup' | 'locked' | 'unlocked' | 'unavailable'
  scheme: VaultScheme
  /** Human description of how secrets are protected, e.g. "Master passphrase (scrypt, AES-256-GCM)". */
  protection: string
  reason?: string
  /** Where the vault file lives, so the user can back it up. */
  storePath: string
  notices: Notice[]
}

export const credentialStatuses = ['active', 'revoked'] as const
export type CredentialStatus = (typeof credentialStatuses)[number]

export interface CredentialSummary {
  id: string
  name: string
  description: string
  owner: string
  ownerAccountType: string
  clientId: string
  /** 'created' here, or 'imported' from a customer's org. */
  origin: 'created' | 'imported'
  createdAt: string
  status: CredentialStatus
  revokedAt?: string
  /**
   * First 12 hex characters of SHA-256 over the secret's UTF-8 bytes; null when the stored secret
   * cannot be decrypted (the vault file was damaged): delete and re-import that credential.
   */
  fingerprint: string | null
}

/** The one-time reveal: the only result type in the contract that carries a secret. */
export interface CreatedCredential {
  credential: CredentialSummary
  secret: string
}

export interface ImportedCredential {
  credential: CredentialSummary
  notices: Notice[]
}

export interface RegeneratedCredential extends CreatedCredential {
  revoked: CredentialSummary
}

// ---------------------------------------------------------------------------------------------
// Input schemas

const noInput = z.object({}).strict()
const id = z.string().min(1).max(100)
const passphrase = z.string().max(1024)
const name = z.string().max(200)
const description = z.string().max(2000)
const owner = z.string().max(320)
const accountType = z.string().max(100)

const credentialFields = {
  name,
  description: description.default(''),
  owner: owner.default(''),
  ownerAccountType: accountType.default('Admin')
}

// ---------------------------------------------------------------------------------------------
// The channel table

interface Channel<S extends z.ZodType, R> {
  input: S
  /** Phantom: carries the result type for the renderer and the dispatcher. Never read. */
  result?: R
}
function channel<R>() {
  return <S extends z.ZodType>(input: S): Channel<S, R> => ({ input })
}

export const contract = {
  getVaultStatus: channel<VaultStatus>()(noInput),
  setUpVault: channel<VaultStatus>()(
    z.object({ passphrase, confirmation: passphrase }).strict()
  ),
  unlockVault: channel<VaultStatus>()(z.object({ passphrase }).strict()),
  lockVault: channel<VaultStatus>()(noInput),
  changePassphrase: channel<VaultStatus>()(
    z.object({ current: passphrase, next: passphrase, confirmation: passphrase }).strict()
  ),

  listCredentials: channel<CredentialSummary[]>()(noInput),
  createCredential: channel<CreatedCredential>()(z.object(credentialFields).strict()),
  importCredential: channel<ImportedCredential>()(
    z
      .object({
        ...credentialFields,
        clientId: z.string().max(10_000),
        secret: z.string().max(10_000)
      })
      .strict()
  ),
  revokeCredential: channel<CredentialSummary>()(z.object({ id }).strict()),
  regenerateCredential: channel<RegeneratedCredential>()(z.object({ id }).strict()),
  deleteCredential: channel<{ id: string }>()(z.object({ id }).strict())
} as const

export type Contract = typeof contract
export type ChannelName = keyof Contract
export const channelNames = Object.keys(contract) as ChannelName[]

/** What the renderer sends (defaults not yet applied). */
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>
/** What a service receives (after the schema has parsed and applied defaults). */
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>
export type ChannelResult<K extends ChannelName> = NonNullable<Contract[K]['result']>

/** The object the preload exposes as `window.workbench`: one named function per channel. */
export type Bridge = {
  [K in ChannelName]: {} extends ChannelInput<K>
    ? (input?: ChannelInput<K>) => Promise<Result<ChannelResult<K>>>
    : (input: ChannelInput<K>) => Promise<Result<ChannelResult<K>>>
}

/** The name under which the bridge is exposed on `window`. */
export const bridgeGlobalName = 'workbench'
