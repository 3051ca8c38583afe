/** The HAR import over IPC: slices in order, one import at a time, cancel, and a clear message for a stale one. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzeHarFile } from '../../../main/har/har-import'
import { createHarService } from '../../../main/har/har-service'
import { findInBody, isEmbedJwt, isEmbedUrl } from '../../../main/har/embed-requests'
import { WorkbenchError } from '../../../main/core/errors'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'
import { entry, har, jwtUrl, signedUrl, T0 } from '../../fixtures/har'

const deps = {
  credentials: async () => [{ name: 'Staging', clientId: CLIENT_ID, secret: SECRET, status: 'active' as const }]
}

describe('a HAR sent in slices', () => {
  it('answers each slice with the bytes read and the last with the report, bytes counted as UTF-8', async () => {
    const text = har([
      entry({
        at: T0,
        url: 'https://customer.example/api',
        mimeType: 'application/json',
        body: JSON.stringify({ note: 'Zürich ✓', url: signedUrl() })
      })
    ])
    const service = createHarService(deps)
    const { importId } = service.open({ fileName: 'customer.har', bytes: Buffer.byteLength(text) })
    const at = text.indexOf('✓')
    expect(await service.chunk({ importId, text: text.slice(0, at), last: false })).toEqual({
      done: false,
      bytes: Buffer.byteLength(text.slice(0, at))
    })
    const done = await service.chunk({ importId, text: text.slice(at), last: true })
    expect(done.done && done.report.requests[0]!.signature).toBe('valid')
    expect(done.done && done.report.bytes).toBe(Buffer.byteLength(text))
  })

  it('a new import replaces the running one; a cancelled or replaced import says what to do', async () => {
    const service = createHarService(deps)
    const a = service.open({ fileName: 'a.har', bytes: 10 })
    const b = service.open({ fileName: 'b.har', bytes: 10 })
    await expect(service.chunk({ importId: a.importId, text: '{', last: false })).rejects.toThrow(/no longer running/)
    expect(service.cancel({ importId: b.importId })).toEqual({ cancelled: true })
    expect(service.cancel({ importId: b.importId })).toEqual({ cancelled: false })
    const error = await service.chunk({ importId: b.importId, text: '{', last: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WorkbenchError)
    expect((error as WorkbenchError).code).toBe('HAR_IMPORT_NOT_FOUND')
  })

  it('slices sent at once (not one after the other) are refused, not interleaved', async () => {
    const service = createHarService(deps)
    const { importId } = service.open({ fileName: 'a.har', bytes: 10 })
    const big = `{"log":{"version":"1.2","entries":[${'1,'.repeat(200_000)}1]`
    const [one, two] = await Promise.allSettled([
      service.chunk({ importId, text: big, last: false }),
      service.chunk({ importId, text: '}}', last: true })
    ])
    expect(one.status).toBe('fulfilled')
    expect(two.status === 'rejected' && String(two.reason)).toMatch(/one at a time/)
  })
})

describe('a HAR file on disk', () => {
  it('is read as a stream with progress to the end', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ewb-har-unit-')), 'big.har')
    const padding = 'x'.repeat(200_000)
    const entries = Array.from({ length: 30 }, (_, i) =>
      entry({ at: T0 + i, url: `https://cdn.example/${i}.js`, mimeType: 'text/javascript', body: padding })
    )
    entries.push(entry({ at: T0 + 40, url: signedUrl(T0 + 40) }))
    writeFileSync(path, har(entries))
    const seen: number[] = []
    const report = await analyzeHarFile(deps, path, (bytes) => seen.push(bytes))
    expect(seen.length).toBeGreaterThan(3)
    expect(seen.at(-1)).toBe(report.bytes)
    expect(report.entries).toBe(31)
    expect(report.requests.map((r) => r.index)).toEqual([30])
  })
})

describe('what counts as an embed request', () => {
  it('an embed URL in either form, a JWT whose kid is a client id, and nothing else', async () => {
    expect(isEmbedUrl(signedUrl())).toBe(true)
    expect(isEmbedUrl(await jwtUrl())).toBe(true)
    expect(isEmbedUrl('https://app.sigmacomputing.com/embed/1-abc')).toBe(false)
    expect(isEmbedUrl('/embed/x?:jwt=abc')).toBe(false)
    const token = new URL((await jwtUrl()).replace(/^https/, 'http')).searchParams.get(':jwt')!
    expect(isEmbedJwt(token)).toBe(true)
    const login = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"1"}').toString('base64url')}.sig`
    expect(isEmbedJwt(login)).toBe(false)
    expect(findInBody(JSON.stringify({ session: login, embed: { src: signedUrl() } })).map((f) => f.foundAt)).toEqual([
      '$.embed.src'
    ])
  })

  it('random text and broken JSON never throw', () => {
    let seed = 11
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const alphabet = 'https://:jwt=&?"{}[],eyJ.%3A\\<>amp;'
    for (let i = 0; i < 500; i++) {
      const text = Array.from(
        { length: Math.floor(random() * 400) },
        () => alphabet[Math.floor(random() * alphabet.length)]
      ).join('')
      expect(() => findInBody(text)).not.toThrow()
      expect(() => findInBody(`{"a":"${text}`)).not.toThrow()
    }
  })
})
