/** Embed client credentials: summaries (never the secret) and the one-time reveal. */
import { z } from 'zod'
import type { credentialStatuses } from './constants'
import type { Notice } from './core'
import { accountType, channel, description, id, name, noInput, owner } from './schema'

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

// Personas, signing and the inspector

const credentialFields = {
  name,
  description: description.default(''),
  owner: owner.default(''),
  ownerAccountType: accountType.default('Admin')
}

/** Embed client credentials: list, create (the one reveal), import, revoke, regenerate, delete. */
export const credentialChannels = {
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
