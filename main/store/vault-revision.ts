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
 * When `data` is older than the mark: re-applies the revocations made since (in place), moves its
 * revision up to the mark, and returns the notice that says so. Null when it is not older.
 */
export function reapplyRevocations(data: VaultData, mark: RevisionMark, now: Date): Notice | null {
  if (data.revision >= mark.revision) return null
  const undone: string[] = []
  for (const revoked of mark.revoked) {
    const record = data.credentials.find((c) => c.id === revoked.id && c.status === 'active')
    if (!record) continue
    record.status = 'revoked'
    record.revokedAt = revoked.revokedAt ?? now.toISOString()
    undone.push(`"${record.name}"`)
  }
  const notice: Notice = {
    code: 'VAULT_ROLLED_BACK',
    severity: 'warning',
    message: `The vault file is older than the one this data folder last had (revision ${data.revision}; the app had written ${mark.revision}): it was restored from a backup or put back by another program. Changes made since then are missing.${
      undone.length
        ? ` Credentials revoked since then stay revoked: ${undone.join(', ')}.`
        : ' No revocation was undone by it.'
    }`
  }
  data.revision = mark.revision
  return notice
}
