/** The emulator's People: embed users bounded, indexed, and kept without rewriting the org on each load. */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openOrg, PEOPLE_WRITE_DELAY_MS } from '../../../main/emulator/org'
import { personByEmail, withinEmbedUserCap } from '../../../main/emulator/people'
import { MAX_EMBED_USERS } from '../../../preload/contract/constants'

describe('embed users are bounded and indexed (issue 18, item 2)', () => {
  it(`keeps the ${MAX_EMBED_USERS} seen most recently (internal people always), and finds anyone by email at once`, async () => {
    const store = openOrg({ dataDir: mkdtempSync(join(tmpdir(), 'ewb-cap-')) })
    const internal = store.get().people.filter((p) => p.kind === 'internal')
    const seen = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()
    const embed = Array.from({ length: MAX_EMBED_USERS + 5 }, (_, i) => ({
      email: `user${i}@example.com`,
      name: 'Embed User',
      kind: 'embed' as const,
      accountType: 'Viewer',
      teams: [],
      externalUserId: `u${i}`,
      createdAt: seen(i),
      lastSeenAt: seen(i),
      deactivated: false
    }))
    const capped = store.update((o) => withinEmbedUserCap({ ...o, people: [...o.people, ...embed.reverse()] }))
    expect(capped.people.filter((p) => p.kind === 'embed')).toHaveLength(MAX_EMBED_USERS)
    expect(capped.people.filter((p) => p.kind === 'internal')).toHaveLength(internal.length)
    for (let i = 0; i < 5; i++) expect(personByEmail(capped, `user${i}@example.com`)).toBeUndefined()
    expect(personByEmail(capped, 'USER5@example.com')?.externalUserId).toBe('u5')
    expect(personByEmail(capped, `user${MAX_EMBED_USERS + 4}@example.com`)).toBeDefined()
  })
})

describe('People bookkeeping does not rewrite the org (issue 18, item 2)', () => {
  const person = (i: number, seenAt: string) => ({
    email: `load${i}@example.com`,
    name: 'Embed User',
    kind: 'embed' as const,
    accountType: 'Viewer',
    teams: ['Sales_People'],
    externalUserId: `u${i}`,
    createdAt: seenAt,
    lastSeenAt: seenAt,
    deactivated: false
  })
  const onDisk = (dir: string) =>
    (JSON.parse(readFileSync(join(dir, 'emulator.json'), 'utf8')) as { people: { email: string }[] }).people.map(
      (p) => p.email
    )

  it('a new embed user is in the org at once, shares the rest of it, and is on disk within the write delay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ewb-people-'))
    const store = openOrg({ dataDir: dir })
    const before = store.get()
    const after = store.putPerson(person(1, new Date().toISOString()))
    expect(store.get()).toBe(after)
    expect(personByEmail(after, 'LOAD1@example.com')?.externalUserId).toBe('u1')
    expect(personByEmail(before, 'load1@example.com')).toBeUndefined()
    // Nothing but People is copied: the workbooks (with their rows) are the same objects.
    expect(after.workbooks).toBe(before.workbooks)
    expect(Object.isFrozen(after.people.at(-1))).toBe(true)
    expect(onDisk(dir)).not.toContain('load1@example.com')
    await new Promise((r) => setTimeout(r, PEOPLE_WRITE_DELAY_MS + 300))
    expect(onDisk(dir)).toContain('load1@example.com')
    // An unknown field or a wrong type is refused, as the file's schema would refuse it.
    expect(() => store.putPerson({ ...person(2, 'x'), teams: 'Sales' as unknown as string[] })).toThrow()
  })

  it('an update or a flush writes the bookkeeping with it; a replaced person keeps one row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ewb-people-'))
    const store = openOrg({ dataDir: dir })
    store.putPerson(person(1, '2026-01-01T00:00:00.000Z'))
    store.update((o) => ({ ...o, teams: [...o.teams, { name: 'Finance_Team' }] }))
    expect(onDisk(dir)).toContain('load1@example.com')
    store.putPerson({ ...person(1, '2026-01-02T00:00:00.000Z'), teams: ['Sales_Managers'] })
    store.putPerson(person(3, '2026-01-02T00:00:00.000Z'))
    store.flush()
    const written = onDisk(dir)
    expect(written.filter((e) => e === 'load1@example.com')).toHaveLength(1)
    expect(written).toContain('load3@example.com')
    expect(
      openOrg({ dataDir: dir })
        .get()
        .people.find((p) => p.email === 'load1@example.com')?.teams
    ).toEqual(['Sales_Managers'])
  })

  it(`past ${MAX_EMBED_USERS} embed users, a new one pushes out the one seen longest ago, and lookups follow`, () => {
    const store = openOrg({ dataDir: mkdtempSync(join(tmpdir(), 'ewb-people-')) })
    const seen = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()
    // Seen in a shuffled order, so "oldest" is not simply "first added".
    const order = Array.from({ length: MAX_EMBED_USERS }, (_, i) => (i * 7919) % MAX_EMBED_USERS)
    for (const i of order) store.putPerson(person(i, seen(i + 10)))
    expect(store.get().people.filter((p) => p.kind === 'embed')).toHaveLength(MAX_EMBED_USERS)
    const after = store.putPerson(person(5000, seen(99_999)))
    expect(after.people.filter((p) => p.kind === 'embed')).toHaveLength(MAX_EMBED_USERS)
    expect(personByEmail(after, 'load0@example.com')).toBeUndefined()
    expect(personByEmail(after, 'load1@example.com')).toBeDefined()
    expect(personByEmail(after, 'load5000@example.com')).toBeDefined()
    // Internal people are never pushed out.
    expect(after.people.filter((p) => p.kind === 'internal').length).toBeGreaterThan(0)
    store.flush()
  })
})
