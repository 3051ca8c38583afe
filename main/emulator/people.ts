/**
 * The emulator's People: found by email through an index, bounded to the MAX_EMBED_USERS embed
 * users seen most recently, and kept up by each verified load without rewriting the org.
 *
 * An embed user's first load adds them (as "Embed User" unless the URL names them); a later one
 * with new teams, a new account type or a last-seen time over a minute old updates them; any other
 * load changes nothing. The org store applies a change with `withPerson`, which shares the rest of
 * the org and carries its email index over instead of building it again.
 */
import type { EmbedSession } from '../../preload/contract'
import { MAX_EMBED_USERS } from '../../preload/contract/constants'
import { deepFreeze } from '../core/freeze'
import type { Org, Person } from './org'

/** How stale a last-seen time may get before a load writes a new one. */
const LAST_SEEN_RESOLUTION_MS = 60_000

/**
 * Emails (lower case) to people. A changed org gets the previous index plus a few changes
 * (null: removed); past FLATTEN_AFTER changes they are folded into a new base, so one change costs
 * a small copy, and a full copy only every FLATTEN_AFTER changes.
 */
class EmailIndex {
  static readonly FLATTEN_AFTER = 64
  constructor(
    private readonly base: ReadonlyMap<string, Person>,
    private readonly changes: ReadonlyMap<string, Person | null> = new Map()
  ) {}

  get(key: string): Person | undefined {
    const changed = this.changes.get(key)
    if (changed !== undefined) return changed ?? undefined
    return this.base.get(key)
  }

  with(edits: [string, Person | null][]): EmailIndex {
    const changes = new Map(this.changes)
    for (const [key, person] of edits) changes.set(key, person)
    if (changes.size <= EmailIndex.FLATTEN_AFTER) return new EmailIndex(this.base, changes)
    const flat = new Map(this.base)
    for (const [key, person] of changes) {
      if (person) flat.set(key, person)
      else flat.delete(key)
    }
    return new EmailIndex(flat)
  }
}

const indexes = new WeakMap<Org, EmailIndex>()

function indexOf(org: Org): EmailIndex {
  let index = indexes.get(org)
  if (!index) {
    const base = new Map<string, Person>()
    for (const person of org.people) {
      const key = person.email.toLowerCase()
      if (!base.has(key)) base.set(key, person)
    }
    index = new EmailIndex(base)
    // Only a frozen org (the store's) stays as it is, so only it may keep its index.
    if (Object.isFrozen(org)) indexes.set(org, index)
  }
  return index
}

/** The person with this email (case-insensitive), looked up in an index built once per org. */
export function personByEmail(org: Org, email: string): Person | undefined {
  return indexOf(org).get(email.toLowerCase())
}

/** The embed user this load makes or updates; null when People stays as it is. */
export function personAfterLoad(org: Org, session: EmbedSession, at: Date): Person | null {
  const { identity } = session
  const existing = personByEmail(org, identity.email)
  if (existing) {
    if (existing.kind !== 'embed') return null
    const changed =
      existing.teams.join(',') !== identity.teams.join(',') ||
      (identity.accountType !== null && existing.accountType !== identity.accountType) ||
      !existing.lastSeenAt ||
      at.getTime() - Date.parse(existing.lastSeenAt) > LAST_SEEN_RESOLUTION_MS
    if (!changed) return null
    return {
      ...existing,
      lastSeenAt: at.toISOString(),
      teams: [...identity.teams],
      ...(identity.accountType ? { accountType: identity.accountType } : {})
    }
  }
  return {
    email: identity.email,
    name: [identity.firstName, identity.lastName].filter(Boolean).join(' ') || 'Embed User',
    kind: 'embed',
    accountType: identity.accountType ?? 'Viewer',
    teams: [...identity.teams],
    externalUserId: identity.externalUserId,
    createdAt: at.toISOString(),
    lastSeenAt: at.toISOString(),
    deactivated: false
  }
}

/**
 * The frozen org with `person` (frozen here) in place of the one with the same email, or added; past
 * the cap, the embed user seen longest ago goes. Everything else is shared, not copied.
 */
export function withPerson(org: Org, person: Person): Org {
  const key = person.email.toLowerCase()
  const previous = personByEmail(org, person.email)
  const edits: [string, Person | null][] = [[key, person]]
  let people: Person[]
  if (previous) people = org.people.map((p) => (p === previous ? person : p))
  else {
    people = [...org.people, person]
    let embedUsers = 0
    for (const p of people) if (p.kind === 'embed') embedUsers++
    if (person.kind === 'embed' && embedUsers > MAX_EMBED_USERS) {
      let oldest: Person | null = null
      for (const p of people) if (p.kind === 'embed' && (!oldest || seenStamp(p) < seenStamp(oldest))) oldest = p
      people = people.filter((p) => p !== oldest)
      const oldKey = oldest!.email.toLowerCase()
      if (personByEmail(org, oldKey) === oldest) edits.push([oldKey, null])
    }
  }
  // Everything in it is frozen already (the org was, the person is): freezing the new array and
  // object is enough, where a deep freeze would visit every person again.
  deepFreeze(person)
  const next = Object.freeze({ ...org, people: Object.freeze(people) as Person[] })
  indexes.set(next, indexOf(org).with(edits))
  return next
}

/**
 * When a person was last seen, as a string that sorts by time: the app writes toISOString's form,
 * compared as it is (a Date.parse for each of 1,000 people cost a millisecond per new user).
 */
function seenStamp(p: Person): string {
  const at = p.lastSeenAt ?? p.createdAt
  if (at.length === 24 && at[10] === 'T' && at[23] === 'Z') return at
  return new Date(Date.parse(at) || 0).toISOString()
}

/** The org with its embed users cut to the most recently seen MAX_EMBED_USERS (oldest first out). */
export function withinEmbedUserCap(org: Org): Org {
  const embed = org.people.filter((p) => p.kind === 'embed')
  if (embed.length <= MAX_EMBED_USERS) return org
  const keep = new Set(
    embed
      .sort((a, b) => (seenStamp(b) < seenStamp(a) ? -1 : seenStamp(b) > seenStamp(a) ? 1 : 0))
      .slice(0, MAX_EMBED_USERS)
  )
  return { ...org, people: org.people.filter((p) => p.kind !== 'embed' || keep.has(p)) }
}
