/**
 * The runner's history (main/api-credentials/request-history.ts): kept per data folder, never with
 * a value that may be a secret, bounded, saved requests kept, a damaged file moved aside.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { maskBody, openRequestHistory, type RecordedRequest } from '../../../main/api-credentials/request-history'
import { tempDir } from '../helpers'

const sent = (over: Partial<RecordedRequest> = {}): RecordedRequest => ({
  credentialId: 'c1',
  credentialName: 'Orders API',
  org: null,
  method: 'POST',
  path: '/orders?status=open',
  headers: [
    { name: 'X-Tenant', value: 'acme' },
    { name: 'X-Api-Key', value: 'sk_live_123456' },
    { name: 'Authorization', value: 'Bearer abc.def' }
  ],
  body: JSON.stringify({ item: 'plug', password: 'hunter2', nested: { access_token: 'tok-9' } }),
  status: 201,
  error: null,
  ...over
})

describe("the runner's history", () => {
  it('keeps a sent request without its possible secrets, and says which it left out; it survives a restart', () => {
    const dataDir = tempDir()
    const history = openRequestHistory({ dataDir })
    const entry = history.record(sent())
    expect(entry.headers).toEqual([
      { name: 'X-Tenant', value: 'acme' },
      { name: 'X-Api-Key', value: '' },
      { name: 'Authorization', value: '' }
    ])
    expect(JSON.parse(entry.body)).toEqual({ item: 'plug', password: '', nested: { access_token: '' } })
    expect(entry.masked).toEqual([
      'header X-Api-Key',
      'header Authorization',
      'body field password',
      'body field access_token'
    ])
    const file = readFileSync(join(dataDir, 'requests.json'), 'utf8')
    for (const secret of ['sk_live_123456', 'abc.def', 'hunter2', 'tok-9']) expect(file).not.toContain(secret)
    expect(openRequestHistory({ dataDir }).list()).toEqual([entry])
  })

  it('keeps the newest 200; saved requests stay through clearing and roll-over', () => {
    const history = openRequestHistory({ dataDir: tempDir() })
    const first = history.record(sent({ path: '/first' }))
    history.save(first.id, 'The first one')
    for (let i = 0; i < 205; i++) history.record(sent({ path: `/n${i}` }))
    const list = history.list()
    expect(list.filter((e) => e.savedAs === null)).toHaveLength(200)
    expect(list.find((e) => e.savedAs === 'The first one')?.path).toBe('/first')
    expect(history.clear()).toMatchObject([{ savedAs: 'The first one' }])
    expect(() => history.save(first.id, '  ')).toThrow(/name/)
    expect(history.save(first.id, null)[0]!.savedAs).toBeNull()
    expect(history.remove(first.id)).toEqual([])
  })

  it('a damaged file is moved aside with a notice, and the history starts empty', () => {
    const dataDir = tempDir()
    writeFileSync(join(dataDir, 'requests.json'), '{"version":1,"entries":[{"id":')
    const history = openRequestHistory({ dataDir })
    expect(history.list()).toEqual([])
    expect(history.notices[0]).toMatchObject({ code: 'STORE_MOVED_ASIDE' })
  })

  it('masks form bodies too, and leaves other text alone; random bodies never throw', () => {
    expect(maskBody('user=ada&password=hunter2&x=1')).toEqual({
      body: 'user=ada&password=&x=1',
      masked: ['body field password']
    })
    expect(maskBody('plain text with password=inside it')).toEqual({
      body: 'plain text with password=inside it',
      masked: []
    })
    let seed = 11
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pieces = ['{', '}', '[', ']', '"password"', ':', '"x"', ',', '=', '&', 'token', '1', ' ', '\n', '%', '\\']
    for (let i = 0; i < 3000; i++) {
      const body = Array.from(
        { length: Math.floor(random() * 20) },
        () => pieces[Math.floor(random() * pieces.length)]
      ).join('')
      const out = maskBody(body)
      expect(typeof out.body).toBe('string')
    }
  })
})
