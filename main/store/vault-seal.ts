/**
 * The vault's seal: every field of the vault file except the cipher header and the seal itself,
 * encrypted with a key derived from the vault key. The public fields stay readable in the file;
 * the seal is what the app wrote, so after an edit outside the app the vault can say exactly what
 * was changed and put its own values back.
 */
import { isDeepStrictEqual } from 'node:util'
import type { Notice } from '../../preload/contract'
import { gcmOpen, gcmSeal } from './cipher'
import { keepCopyAside } from './json-file'
import { secretSlots } from './vault-file'
import { vaultDataSchema, type VaultData } from './vault-file'

const SEAL_AAD = 'embed-workbench vault seal v2'

type Sealed = Omit<VaultData, 'cipher' | 'seal'>

function sealedPart(data: VaultData): Sealed {
  const { cipher: _cipher, seal: _seal, ...rest } = data
  return rest
}

export function sealOf(data: VaultData, sealKey: Buffer): string {
  return gcmSeal(sealKey, JSON.stringify(sealedPart(data)), SEAL_AAD)
}

/** The vault as the app wrote it, with the file's header; null when the seal is missing or does not open. */
export function openSeal(data: VaultData, sealKey: Buffer): VaultData | null {
  if (!data.seal) return null
  try {
    const sealed = JSON.parse(gcmOpen(sealKey, data.seal, SEAL_AAD).toString('utf8')) as unknown
    const parsed = vaultDataSchema.safeParse({ ...(sealed as object), cipher: data.cipher, seal: data.seal })
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

const SECRET_FIELDS = new Set(['secret', 'key', 'passphrase', 'secrets'])
const collections = [
  ['credentials', 'credential'],
  ['certificates', 'certificate'],
  ['apiCredentials', 'API credential']
] as const

function shown(value: unknown): string {
  if (value === undefined) return 'absent'
  const text = JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}

/**
 * What differs between the file and its seal, in words, naming records by the name the app gave
 * them. Ciphertexts are never shown: only that a secret was replaced.
 */
export function describeChanges(authentic: VaultData, file: VaultData): string[] {
  const changes: string[] = []
  for (const [key, label] of collections) {
    const theirs = new Map<string, Record<string, unknown>>(
      (file[key] as unknown as Record<string, unknown>[]).map((r) => [String(r['id']), r])
    )
    const ours = authentic[key] as unknown as Record<string, unknown>[]
    for (const record of ours) {
      const name = `${label} "${String(record['name'])}"`
      const other = theirs.get(String(record['id']))
      theirs.delete(String(record['id']))
      if (!other) {
        changes.push(`${name} was removed from the file`)
        continue
      }
      for (const field of new Set([...Object.keys(record), ...Object.keys(other)])) {
        if (isDeepStrictEqual(record[field], other[field])) continue
        if (SECRET_FIELDS.has(field)) changes.push(`${name}: its ${field} was replaced`)
        else if (field === 'orgs') changes.push(`${name}: its organizations and their keys were changed`)
        else
          changes.push(`${name}: ${field} is ${shown(other[field])} in the file; the app wrote ${shown(record[field])}`)
      }
    }
    for (const added of theirs.values())
      changes.push(`a ${label} "${String(added['name'])}" was added to the file that the app never wrote`)
  }
  const skip = new Set<string>(['cipher', 'seal', 'revision', ...collections.map(([key]) => key)])
  const ours = authentic as unknown as Record<string, unknown>
  const theirs = file as unknown as Record<string, unknown>
  for (const field of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    if (skip.has(field) || isDeepStrictEqual(ours[field], theirs[field])) continue
    changes.push(`the setting ${field} is ${shown(theirs[field])} in the file; the app wrote ${shown(ours[field])}`)
  }
  return changes
}

/** Lists this many changes in a notice, then counts the rest. */
const MAX_CHANGES_LISTED = 12

/**
 * The vault as the app wrote it: the seal's copy, and what differs in the file (null when nothing
 * does). With no usable seal, the file itself: each secret still opens only for its own record.
 */
export function authenticate(found: VaultData, sealKey: Buffer): { authentic: VaultData; problem: string | null } {
  const sealed = openSeal(found, sealKey)
  if (!sealed) {
    if (found.seal === null && secretSlots(found).length === 0 && found.revision === 0)
      return { authentic: found, problem: null }
    return {
      authentic: { ...found },
      problem:
        'its seal is missing or damaged, so what else was changed cannot be named or undone. Each secret still opens only for its own record: a secret moved to another record shows as unreadable there'
    }
  }
  const changes = describeChanges(sealed, found)
  if (changes.length === 0) return { authentic: found, problem: null }
  const listed = changes.slice(0, MAX_CHANGES_LISTED).join('; ')
  const more = changes.length > MAX_CHANGES_LISTED ? `; and ${changes.length - MAX_CHANGES_LISTED} more` : ''
  return { authentic: sealed, problem: `${listed}${more}. The app's own values were restored` }
}

/** The warning for a file changed outside the app; the file as found is copied aside first. */
export function changedOutsideNotice(path: string, now: Date, what: string): Notice {
  let kept: string
  try {
    kept = ` The file as found is kept at ${keepCopyAside(path, now)}.`
  } catch {
    kept = ''
  }
  return {
    code: 'VAULT_CHANGED_OUTSIDE',
    severity: 'warning',
    message: `The vault file was changed outside Embed Workbench: ${what}.${kept} If you did not make this change, another program on this computer can write to your data folder.`
  }
}
