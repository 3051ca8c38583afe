/**
 * The data folder's revision mark, outside the vault file: the highest revision written and every
 * credential ever revoked there. An older vault file put back is recognised, and its revocations
 * are re-applied (a restored backup must not bring a revoked credential back to life).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Notice } from '../../preload/contract'
import { writeFileAtomic } from './json-file'
import type { VaultData } from './vault-file'

/**
 * Outside the vault file: the highest revision this data folder has seen and every credential ever
 * revoked in it. An older vault file put back is recognised, and its revocations re-applied.
 */
export interface RevisionMark {
  revision: number
  revoked: { id: string; name: string; revokedAt?: string }[]
}
const MARK_FILE = 'vault-revision.json'

export function readRevisionMark(dataDir: string): RevisionMark {
  try {
    const mark = JSON.parse(readFileSync(join(dataDir, MARK_FILE), 'utf8')) as RevisionMark
    if (typeof mark.revision === 'number' && Array.isArray(mark.revoked)) return mark
  } catch {
    // No mark yet (a new folder, or format 1): nothing to compare with.
  }
  return { revision: 0, revoked: [] }
}

export function writeRevisionMark(dataDir: string, data: VaultData): void {
  const previous = readRevisionMark(dataDir)
  const revoked = new Map(previous.revoked.map((r) => [r.id, r]))
  for (const c of data.credentials)
    if (c.status === 'revoked')
      revoked.set(c.id, { id: c.id, name: c.name, ...(c.revokedAt ? { revokedAt: c.revokedAt } : {}) })
  const mark: RevisionMark = { revision: Math.max(previous.revision, data.revision), revoked: [...revoked.values()] }
  try {
    writeFileAtomic(join(dataDir, MARK_FILE), JSON.stringify(mark))
  } catch {
    // The mark only strengthens rollback detection; the vault itself was written.
  }
}

/**
 * When `data` is older than the mark: the vault with the revocations made since re-applied and its
 * revision moved up to the mark (a new object: `data` is not changed), and the notice that says
 * so. Null when it is not older.
 */
export function reapplyRevocations(
  data: VaultData,
  mark: RevisionMark,
  now: Date
): { data: VaultData; notice: Notice } | null {
  if (data.revision >= mark.revision) return null
  const undone: string[] = []
  const revokedHere = new Map(mark.revoked.map((r) => [r.id, r]))
  // A new vault with the revoked records replaced: the one given is the vault's own, and frozen.
  const credentials = data.credentials.map((record) => {
    const revoked = revokedHere.get(record.id)
    if (!revoked || record.status !== 'active') return record
    undone.push(`"${record.name}"`)
    return { ...record, status: 'revoked' as const, revokedAt: revoked.revokedAt ?? now.toISOString() }
  })
  const notice: Notice = {
    code: 'VAULT_ROLLED_BACK',
    severity: 'warning',
    message: `The vault file is older than the one this data folder last had (revision ${data.revision}; the app had written ${mark.revision}): it was restored from a backup or put back by another program. Changes made since then are missing.${
      undone.length
        ? ` Credentials revoked since then stay revoked: ${undone.join(', ')}.`
        : ' No revocation was undone by it.'
    }`
  }
  return { data: { ...data, credentials, revision: mark.revision }, notice }
}
