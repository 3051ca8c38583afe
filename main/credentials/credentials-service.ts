/**
 * Embed client credentials, as the embed host's Developer Access page manages them: a client id
 * (64 hex characters) and an embed secret (128 hex characters) that is shown once at creation.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type {
  CreatedCredential,
  CredentialSummary,
  ImportedCredential,
  Notice,
  ParsedInput,
  RegeneratedCredential
} from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import { CipherError } from '../store/cipher'
import type { Vault } from '../store/vault'
import { credentialBinding, type StoredCredential } from '../store/vault-file'

export const CLIENT_ID_HEX_LENGTH = 64
export const SECRET_HEX_LENGTH = 128

/** First 12 hex characters of SHA-256 over the secret's UTF-8 bytes (`printf %s "$S" | sha256sum`). */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 12)
}

export interface CredentialsDeps {
  clock?: Clock
  randomHex?: (bytes: number) => string
}

type CredentialFields = ParsedInput<'createCredential'>

export function createCredentialsService(vault: Vault, deps: CredentialsDeps = {}) {
  const clock = deps.clock ?? systemClock
  const randomHex = deps.randomHex ?? ((bytes: number) => randomBytes(bytes).toString('hex'))

  /** The record's secret, or a typed error saying which credential is damaged. */
  async function decryptSecret(record: StoredCredential): Promise<string> {
    try {
      return await vault.decryptRemembered(record.secret, credentialBinding(record))
    } catch (error) {
      if (!(error instanceof CipherError)) throw error
      throw new WorkbenchError(
        'SECRET_UNREADABLE',
        `The stored secret of "${record.name}" cannot be decrypted: that part of the vault file is damaged. Delete the credential and import it again.`
      )
    }
  }

  async function summarize(record: StoredCredential): Promise<CredentialSummary> {
    const secret = await decryptSecret(record).catch((error: unknown) => {
      if (error instanceof WorkbenchError && error.code === 'SECRET_UNREADABLE') return null
      throw error
    })
    const summary: CredentialSummary = {
      id: record.id,
      name: record.name,
      description: record.description,
      owner: record.owner,
      ownerAccountType: record.ownerAccountType,
      clientId: record.clientId,
      origin: record.origin,
      createdAt: record.createdAt,
      status: record.status,
      fingerprint: secret === null ? null : secretFingerprint(secret)
    }
    if (record.revokedAt) summary.revokedAt = record.revokedAt
    return summary
  }

  /** The records with this one revoked now (if it was active): new records, the vault's are frozen. */
  function revoked(records: StoredCredential[], id: string): StoredCredential[] {
    return records.map((r) =>
      r.id === id && r.status === 'active'
        ? { ...r, status: 'revoked' as const, revokedAt: clock.now().toISOString() }
        : r
    )
  }

  function findById(id: string, records: StoredCredential[]): StoredCredential {
    const record = records.find((r) => r.id === id)
    if (!record) throw new WorkbenchError('CREDENTIAL_NOT_FOUND', 'That credential no longer exists. Refresh the list.')
    return record
  }

  /** Builds a record; the uniqueness checks run later, inside the synchronous vault update. */
  async function newRecord(
    fields: CredentialFields,
    clientId: string,
    secret: string,
    origin: StoredCredential['origin']
  ): Promise<StoredCredential> {
    const id = randomUUID()
    return {
      id,
      name: fields.name.trim(),
      description: fields.description.trim(),
      owner: fields.owner.trim(),
      ownerAccountType: fields.ownerAccountType.trim() || 'Admin',
      clientId,
      secret: await vault.requireCipher().encrypt(secret, credentialBinding({ id })),
      origin,
      createdAt: clock.now().toISOString(),
      status: 'active'
    }
  }

  async function signingKeyOf(record: StoredCredential) {
    if (record.status === 'revoked') {
      throw new WorkbenchError(
        'CREDENTIAL_REVOKED',
        `The credential "${record.name}" was revoked${record.revokedAt ? ` on ${record.revokedAt}` : ''}; it cannot sign. Use its regenerated successor.`
      )
    }
    return { name: record.name, clientId: record.clientId, secret: await decryptSecret(record) }
  }

  function assertNameFree(name: string, records: StoredCredential[], exceptId?: string): void {
    const taken = records.find(
      (r) => r.status === 'active' && r.id !== exceptId && r.name.toLowerCase() === name.toLowerCase()
    )
    if (taken)
      throw new WorkbenchError(
        'NAME_TAKEN',
        `An active credential is already named "${taken.name}". Choose another name, or revoke that one first.`,
        'name'
      )
  }

  function assertClientIdFree(clientId: string, records: StoredCredential[]): void {
    const existing = records.find((r) => r.clientId.toLowerCase() === clientId.toLowerCase())
    if (existing)
      throw new WorkbenchError(
        'CLIENT_ID_EXISTS',
        `This client id is already stored as "${existing.name}" (${existing.status}).`,
        'clientId'
      )
  }

  function requireName(name: string): string {
    const trimmed = name.trim()
    if (!trimmed)
      throw new WorkbenchError(
        'NAME_REQUIRED',
        'Give the credential a name, so you can tell it apart from the others.',
        'name'
      )
    return trimmed
  }

  return {
    async list(): Promise<CredentialSummary[]> {
      const { credentials } = vault.peek()
      const summaries = await Promise.all(credentials.map(summarize))
      // Active first, then newest first: the one you want to sign with is on top.
      return summaries.sort((a, b) =>
        a.status === b.status ? b.createdAt.localeCompare(a.createdAt) : a.status === 'active' ? -1 : 1
      )
    },

    async create(fields: CredentialFields): Promise<CreatedCredential> {
      const name = requireName(fields.name)
      assertNameFree(name, vault.peek().credentials)
      const secret = randomHex(SECRET_HEX_LENGTH / 2)
      const record = await newRecord(fields, randomHex(CLIENT_ID_HEX_LENGTH / 2), secret, 'created')
      vault.update((data) => {
        assertNameFree(name, data.credentials)
        assertClientIdFree(record.clientId, data.credentials)
        return { ...data, credentials: [...data.credentials, record] }
      })
      return { credential: await summarize(record), secret }
    },

    async import(input: ParsedInput<'importCredential'>): Promise<ImportedCredential> {
      const notices: Notice[] = []
      const name = requireName(input.name)
      const clientId = input.clientId.trim()
      if (clientId !== input.clientId && clientId) {
        notices.push({
          code: 'CLIENT_ID_TRIMMED',
          severity: 'info',
          message: 'The client id had surrounding whitespace; it was removed.'
        })
      }
      checkClientId(clientId)
      const secret = input.secret.trim()
      if (!secret)
        throw new WorkbenchError('SECRET_REQUIRED', 'Paste the embed secret that belongs to this client id.', 'secret')
      if (/[\s\p{Cc}]/u.test(secret)) {
        throw new WorkbenchError(
          'SECRET_INVALID',
          'The secret has whitespace or control characters inside it, so it was pasted damaged (a line break from a wrapped email?). Copy it again as one piece.',
          'secret'
        )
      }
      if (secret !== input.secret) {
        const removed = input.secret.length - secret.length
        notices.push({
          code: 'SECRET_TRIMMED',
          severity: 'warning',
          message: `The secret had ${removed} whitespace character${removed === 1 ? '' : 's'} around it (such as a trailing newline); ${removed === 1 ? 'it was' : 'they were'} removed. A trailing newline in a secret is a classic cause of "Invalid embed signature": check that the customer's server trims it too.`
        })
      }
      if (!new RegExp(`^[0-9a-fA-F]{${SECRET_HEX_LENGTH}}$`).test(secret)) {
        notices.push({
          code: 'SECRET_UNUSUAL_FORMAT',
          severity: 'info',
          message: `Secrets the host generates are ${SECRET_HEX_LENGTH} hex characters; this one is ${secret.length} characters${/^[0-9a-fA-F]+$/.test(secret) ? '' : ' and not all hex'}. It was stored exactly as given.`
        })
      }
      assertNameFree(name, vault.peek().credentials)
      const record = await newRecord(input, clientId, secret, 'imported')
      vault.update((data) => {
        assertNameFree(name, data.credentials)
        assertClientIdFree(clientId, data.credentials)
        return { ...data, credentials: [...data.credentials, record] }
      })
      return { credential: await summarize(record), notices }
    },

    async revoke({ id }: { id: string }): Promise<CredentialSummary> {
      const data = vault.update((d) => {
        findById(id, d.credentials)
        return { ...d, credentials: revoked(d.credentials, id) }
      })
      return summarize(findById(id, data.credentials))
    },

    /** Revokes the credential and creates a new client id and secret under the same name. */
    async regenerate({ id }: { id: string }): Promise<RegeneratedCredential> {
      const old = findById(id, vault.peek().credentials)
      // Only the org that issued a credential can issue its next secret; one made here would be unknown there.
      if (old.origin === 'imported')
        throw new WorkbenchError(
          'INVALID_INPUT',
          `"${old.name}" was imported from a customer's org: only that org's admin can regenerate it. Import the new client id and secret when they do.`,
          'id'
        )
      const secret = randomHex(SECRET_HEX_LENGTH / 2)
      const record = await newRecord(old, randomHex(CLIENT_ID_HEX_LENGTH / 2), secret, 'created')
      const data = vault.update((d) => {
        findById(id, d.credentials)
        const credentials = revoked(d.credentials, id)
        assertNameFree(record.name, credentials)
        return { ...d, credentials: [...credentials, record] }
      })
      return { revoked: await summarize(findById(id, data.credentials)), credential: await summarize(record), secret }
    },

    async delete({ id }: { id: string }): Promise<{ id: string }> {
      vault.update((d) => {
        findById(id, d.credentials)
        return { ...d, credentials: d.credentials.filter((r) => r.id !== id) }
      })
      return { id }
    },

    /**
     * The secret to sign with, for main-process signing and verification only; never exposed
     * over a channel. A revoked credential is refused, as the host refuses it.
     */
    async signingSecret(clientId: string): Promise<string> {
      const record = vault.peek().credentials.find((r) => r.clientId === clientId)
      if (!record)
        throw new WorkbenchError(
          'CREDENTIAL_NOT_FOUND',
          `No stored credential has the client id ${clientId.slice(0, 8)}…. Import it first.`
        )
      return (await signingKeyOf(record)).secret
    },

    /** The key of a credential by id, for signing in main. Refuses a revoked one. */
    async signingKey(id: string): Promise<{ name: string; clientId: string; secret: string }> {
      return signingKeyOf(findById(id, vault.peek().credentials))
    },

    /**
     * Every stored credential with its secret, for verification in main (inspector, emulator).
     * Empty while the vault is locked; damaged secrets are left out. Never crosses a channel.
     */
    async verificationKeys(): Promise<
      { name: string; clientId: string; secret: string; status: StoredCredential['status'] }[]
    > {
      let records: StoredCredential[]
      try {
        records = vault.peek().credentials
      } catch {
        return []
      }
      const keys = await Promise.all(
        records.map(async (r) => ({
          name: r.name,
          clientId: r.clientId,
          status: r.status,
          secret: await decryptSecret(r).catch(() => null)
        }))
      )
      return keys.filter((k): k is typeof k & { secret: string } => k.secret !== null)
    }
  }
}

export type CredentialsService = ReturnType<typeof createCredentialsService>

function checkClientId(clientId: string): void {
  if (!clientId)
    throw new WorkbenchError(
      'CLIENT_ID_INVALID',
      'Paste the client id (64 hex characters, from Administration > Developer Access).',
      'clientId'
    )
  const bad = /[^0-9a-fA-F]/.exec(clientId)
  if (bad) {
    const shown = /^[\x21-\x7e]$/.test(bad[0])
      ? `"${bad[0]}"`
      : `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    throw new WorkbenchError(
      'CLIENT_ID_INVALID',
      `A client id is hex (0-9, a-f); character ${bad.index + 1} is ${shown}.`,
      'clientId'
    )
  }
  if (clientId.length !== CLIENT_ID_HEX_LENGTH) {
    const hint =
      clientId.length < CLIENT_ID_HEX_LENGTH
        ? ' Was it truncated when it was copied?'
        : ' Were two values pasted together?'
    throw new WorkbenchError(
      'CLIENT_ID_INVALID',
      `A client id is ${CLIENT_ID_HEX_LENGTH} hex characters; this one has ${clientId.length}.${hint}`,
      'clientId'
    )
  }
}
