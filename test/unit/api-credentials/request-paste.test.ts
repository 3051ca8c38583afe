/** The three ways a customer hands over a request, read into one shape; and fuzzed: nothing throws. */
import { describe, expect, it } from 'vitest'
import { readPaste } from '../../../main/api-credentials/request-paste'

const request = async (text: string) => {
  const paste = await readPaste(text)
  if (paste.kind !== 'http' && paste.kind !== 'curl' && paste.kind !== 'har-entry')
    throw new Error(`read as ${paste.kind}: ${'problem' in paste ? paste.problem : ''}`)
  return paste
}

describe('reading a pasted request', () => {
  it('raw HTTP: CRLF or LF, a folded header kept, an absolute target split into host and path', async () => {
    const { request: r } = await request(
      'POST https://api.example.com:8443/v1/orders?x=1 HTTP/1.1\r\nContent-Type: application/json\r\nX-Note: one\r\n  two\r\n\r\n{"a":1}'
    )
    expect(r).toMatchObject({
      method: 'POST',
      origin: 'https://api.example.com:8443',
      target: '/v1/orders?x=1',
      body: '{"a":1}'
    })
    expect(r.headers).toEqual([
      ['Host', 'api.example.com:8443'],
      ['Content-Type', 'application/json'],
      ['X-Note', 'one\n  two']
    ])
  })

  it('HTTP/2 as devtools show it: pseudo-headers become the method, path and Host', async () => {
    const { request: r } = await request(
      ':method: GET\n:authority: api.example.com\n:scheme: https\n:path: /v1/me\nauthorization: Bearer abc'
    )
    expect(r).toMatchObject({ method: 'GET', target: '/v1/me', origin: 'https://api.example.com' })
    expect(r.headers).toEqual([
      ['Host', 'api.example.com'],
      ['authorization', 'Bearer abc']
    ])
  })

  it('Chrome’s "Copy as cURL (bash)": $\'…\' bodies, line continuations, --data-raw makes a POST', async () => {
    const { kind, request: r } = await request(
      `curl 'https://api.example.com/v1/orders' \\\n  -H 'accept: application/json' \\\n  -H $'x-note: it\\'s' \\\n  --data-raw $'{"qty":1,\\n"sku":"A"}' \\\n  --compressed`
    )
    expect(kind).toBe('curl')
    expect(r.method).toBe('POST')
    expect(r.body).toBe('{"qty":1,\n"sku":"A"}')
    expect(r.headers).toContainEqual(['x-note', "it's"])
    expect(r.headers).toContainEqual(['Content-Type', 'application/x-www-form-urlencoded'])
  })

  it('cURL options: -u is Basic, -G moves -d to the query, --json sets its headers, -X wins, -H "X;" sends it empty', async () => {
    const basic = (await request(`curl -u ops:pw https://h/x`)).request
    expect(basic.headers).toContainEqual(['Authorization', `Basic ${Buffer.from('ops:pw').toString('base64')}`])
    expect((await request(`curl -G -d a=1 -d b=2 https://h/x`)).request).toMatchObject({
      method: 'GET',
      target: '/x?a=1&b=2',
      body: ''
    })
    const json = (await request(`curl --json '{"a":1}' https://h/x`)).request
    expect(json.headers).toContainEqual(['Content-Type', 'application/json'])
    expect((await request(`curl -XPUT --data=@file.json https://h/x`)).request.method).toBe('PUT')
    expect((await request(`curl -H 'X-Empty;' https://h/x`)).request.headers).toContainEqual(['X-Empty', ''])
    const signedByCurl = await request(`curl --aws-sigv4 aws:amz:us-east-1:s3 --user K:S https://h/x`)
    expect(signedByCurl.notes.join(' ')).toMatch(/curl signs this request itself/)
  })

  it('a HAR entry, or just its request, as JSON', async () => {
    const entry = {
      startedDateTime: '2026-12-01T09:30:00.000Z',
      request: { method: 'get', url: 'https://h/x?y=1', headers: [{ name: 'Authorization', value: 'Bearer t' }] }
    }
    expect((await request(JSON.stringify(entry))).request).toMatchObject({
      method: 'GET',
      target: '/x?y=1',
      sentAt: '2026-12-01T09:30:00.000Z'
    })
    expect((await request(JSON.stringify(entry.request))).request.sentAt).toBeNull()
  })

  it('says what it cannot read, in words', async () => {
    for (const [text, pattern] of [
      ['', /Paste a raw HTTP request/],
      ['hello there', /request line/],
      ['curl -H "X: y"', /no URL/],
      ['curl https://h/x | jq .', /goes on after the request/],
      ['{"a": 1}', /not a HAR, a HAR entry/],
      ['{"log": {"entries": [', /./]
    ] as const) {
      const paste = await readPaste(text)
      if (paste.kind === 'unreadable') expect(paste.problem).toMatch(pattern)
      else expect(paste.kind).toBe('har')
    }
  })

  it('fuzzed: 3,000 random and mutated pastes, each read or refused in words, none throws', async () => {
    let seed = 17
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
    const seeds = [
      'GET /x?a=1 HTTP/1.1\r\nHost: h\r\nAuthorization: AWS4-HMAC-SHA256 Credential=K/20261201/us-east-1/s/aws4_request, SignedHeaders=host, Signature=ab\r\n\r\n',
      `curl 'https://h/x' -H 'a: b' --data-raw $'x\\ny' -u u:p -G`,
      JSON.stringify({
        log: {
          version: '1.2',
          entries: [{ startedDateTime: 'x', request: { method: 'GET', url: 'https://h/', headers: [] } }]
        }
      }),
      ':method: GET\n:path: /\n:authority: h'
    ]
    const alphabet = [
      '"',
      "'",
      '\\',
      '$',
      '{',
      '}',
      '[',
      ']',
      ':',
      '\n',
      '\r',
      ' ',
      '%',
      '?',
      '&',
      '=',
      '\u2028',
      '\u0000',
      'é',
      '\uD800',
      '|',
      ';',
      '`'
    ]
    for (let i = 0; i < 3000; i++) {
      let text = pick(seeds)
      const edits = 1 + Math.floor(random() * 6)
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (text.length + 1))
        text =
          random() < 0.5
            ? text.slice(0, at) + pick(alphabet) + text.slice(at)
            : text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 5))
      }
      if (i % 10 === 0) text = Array.from({ length: 50 }, () => pick(alphabet)).join('')
      const paste = await readPaste(text)
      expect(['http', 'curl', 'har', 'har-entry', 'unreadable']).toContain(paste.kind)
      if (paste.kind === 'unreadable') expect(paste.problem.length).toBeGreaterThan(10)
    }
  })
})
