/**
 * The HAR framer, checked against JSON.parse: for random HAR-shaped documents with every kind of
 * hard string (escaped quotes, backslashes, unicode, braces inside strings, keys that look like
 * "entries"), cut into random slices (a slice boundary inside an escape, a key, a number), the
 * frames are exactly log.entries, log.pages, version, creator and browser, in order.
 */
import { describe, expect, it } from 'vitest'
import { harFramer, type FrameKind } from '../../../main/har/har-frames'

let seed = 20261201
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!

const hard = [
  '"',
  '\\',
  '\\"',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  'é',
  '✓',
  '\u2028',
  '\n',
  '\t',
  'entries',
  'log',
  '\\u0041',
  ' ',
  'x'
]
const hardString = () => Array.from({ length: Math.floor(random() * 12) }, () => pick(hard)).join('')

function value(depth: number): unknown {
  const r = random()
  if (depth > 3 || r < 0.3) return pick([hardString(), 42, -1.5e-7, true, false, null, 0])
  if (r < 0.65) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1))
  return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [hardString(), value(depth + 1)]))
}

function document() {
  const entries = Array.from({ length: Math.floor(random() * 6) }, () => ({
    [hardString()]: value(1),
    request: { method: 'GET', url: `https://x/${hardString()}` },
    entries: [{ not: 'these' }],
    extra: value(0)
  }))
  const pages = Array.from({ length: Math.floor(random() * 3) }, () => ({ id: hardString(), title: value(2) }))
  const log: Record<string, unknown> = { [hardString()]: value(0), entries, version: pick(['1.2', '1.1']), pages }
  if (random() < 0.7) log['creator'] = { name: hardString(), version: '1' }
  if (random() < 0.5) log['browser'] = { name: hardString(), version: '2' }
  return { before: value(0), log, after: { entries: [1, 2] } }
}

function frames(text: string, slices: number[]) {
  const out: [FrameKind, unknown][] = []
  const framer = harFramer((kind, json) => out.push([kind, JSON.parse(json)]))
  let at = 0
  for (const size of slices) {
    framer.write(text.slice(at, at + size))
    at += size
  }
  framer.write(text.slice(at))
  return { out, end: framer.end() }
}

describe('the HAR framer', () => {
  it('finds exactly the values JSON.parse finds, whatever the slices', () => {
    for (let run = 0; run < 400; run++) {
      const doc = document()
      const text = JSON.stringify(doc, null, random() < 0.3 ? 2 : undefined)
      const slices = Array.from({ length: 30 }, () => 1 + Math.floor(random() * (random() < 0.5 ? 3 : 200)))
      const { out, end } = frames(text, slices)
      expect(end).toEqual({ truncated: false, error: null, sawText: true })
      const log = doc.log as {
        entries: unknown[]
        pages: unknown[]
        version: string
        creator?: unknown
        browser?: unknown
      }
      const expected = [
        ...Object.keys(log).flatMap((key): [FrameKind, unknown][] =>
          key === 'entries'
            ? log.entries.map((e) => ['entry', e])
            : key === 'pages'
              ? log.pages.map((p) => ['page', p])
              : key === 'version' || key === 'creator' || key === 'browser'
                ? [[key, log[key]]]
                : []
        )
      ]
      expect(out).toEqual(expected)
    }
  })

  it('says where a text stops: cut short, not an object, a bracket that closes nothing', () => {
    const text = JSON.stringify({
      log: { version: '1.2', entries: [{ request: { url: 'a' } }, { request: { url: 'b' } }] }
    })
    for (let cut = 1; cut < text.length; cut++) {
      const { out, end } = frames(text.slice(0, cut), [7, 3])
      expect(end.truncated).toBe(true)
      expect(out.filter(([k]) => k === 'entry').length).toBe(
        cut >= text.indexOf('},{') + 1 ? (cut >= text.length - 3 ? 2 : 1) : 0
      )
    }
    expect(frames('hello', []).end.error).toMatch(/does not start/)
    expect(frames('[1]', []).end.error).toMatch(/does not start/)
    expect(frames('{"log":{]}', []).end.error).toMatch(/closes nothing/)
    expect(frames('   ', []).end.sawText).toBe(false)
  })

  it('random bytes never throw or hang', () => {
    const alphabet = '{}[]":,\\ \nabc1eE.-tnul'
    for (let run = 0; run < 2000; run++) {
      const text = Array.from({ length: Math.floor(random() * 80) }, () => pick([...alphabet])).join('')
      const framer = harFramer(() => {})
      expect(() => {
        framer.write(`{"log":{"entries":[${text.slice(0, 40)}`)
        framer.write(text.slice(40))
        framer.end()
      }).not.toThrow()
    }
  })
})
