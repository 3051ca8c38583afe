/**
 * The customer-app window's message log (main/emulator/customer-messages.ts): what counts as the
 * embed's, what is dropped, and that it stays bounded whatever a page sends.
 */
import { describe, expect, it } from 'vitest'
import { createCustomerAppMessages, MESSAGE_CHARS } from '../../../main/emulator/customer-messages'

const HOST = 'https://app.sigmacomputing.com'
const PARENT = { origin: 'http://localhost:3000' }
const log = () => createCustomerAppMessages((origin) => origin === HOST)
const fromEmbed = (data: unknown, origin = HOST) => ({
  kind: 'from-embed',
  origin,
  json: JSON.stringify(data),
  truncated: false
})

describe("the customer-app window's message log", () => {
  it("keeps the embed's events and the mutations it received, with both origins", () => {
    const messages = log()
    expect(messages.report(fromEmbed({ type: 'workbook:loaded' }), PARENT, 1000)).toBe(true)
    expect(
      messages.report(
        { ...fromEmbed({ type: 'workbook:bookmark:create' }, PARENT.origin), kind: 'from-parent' },
        {
          origin: HOST
        }
      )
    ).toBe(true)
    expect(messages.since()).toMatchObject([
      { id: 1, at: 1000, direction: 'in', type: 'workbook:loaded', parent: PARENT.origin, embed: HOST },
      { id: 2, direction: 'out', type: 'workbook:bookmark:create', parent: PARENT.origin, embed: HOST }
    ])
    expect(messages.since(1).map((m) => m.id)).toEqual([2])
  })

  it("drops what is not between a served host and its parent, and reports it can't read", () => {
    const messages = log()
    expect(messages.report(fromEmbed({ type: 'x' }, 'https://ads.example'), PARENT)).toBe(false)
    // A frame that is not on the host cannot report mutations "received by the embed".
    expect(messages.report({ ...fromEmbed({ type: 'x' }), kind: 'from-parent' }, PARENT)).toBe(false)
    for (const bad of [null, 'text', [], {}, { ...fromEmbed({}), extra: 1 }, { ...fromEmbed({}), kind: 'from-self' }])
      expect(messages.report(bad, PARENT)).toBe(false)
    expect(messages.report({ ...fromEmbed({}), json: 'x'.repeat(MESSAGE_CHARS + 1) }, PARENT)).toBe(false)
    expect(messages.since()).toEqual([])
  })

  it('names the type of a message cut at 64 KB, and of one that is not an object', () => {
    const messages = log()
    const cut = JSON.stringify({ type: 'workbook:variables:onchange', big: 'x'.repeat(MESSAGE_CHARS) }).slice(
      0,
      MESSAGE_CHARS
    )
    messages.report({ kind: 'from-embed', origin: HOST, json: cut, truncated: true }, PARENT)
    messages.report(fromEmbed('just a string'), PARENT)
    messages.report(fromEmbed({ type: 7 }), PARENT)
    expect(messages.since().map((m) => [m.type, m.truncated])).toEqual([
      ['workbook:variables:onchange', true],
      ['(no type)', false],
      ['(no type)', false]
    ])
  })

  it('stays bounded: at most 1,000 messages and 8 MB, the oldest dropped first', () => {
    const messages = log()
    for (let i = 0; i < 1200; i++) messages.report(fromEmbed({ type: `t${i}` }), PARENT)
    expect(messages.since()).toHaveLength(1000)
    expect(messages.since()[0]!.type).toBe('t200')
    const big = { kind: 'from-embed', origin: HOST, json: `"${'y'.repeat(MESSAGE_CHARS - 2)}"`, truncated: false }
    for (let i = 0; i < 200; i++) messages.report(big, PARENT)
    const kept = messages.since()
    expect(kept.reduce((sum, m) => sum + m.json.length, 0)).toBeLessThanOrEqual(8 * 1024 * 1024)
    expect(kept.at(-1)!.id).toBe(1400)
  })

  it('takes random reports without throwing, keeping only well-formed ones from the host', () => {
    const messages = log()
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!
    let expected = 0
    for (let i = 0; i < 2000; i++) {
      const report: Record<string, unknown> = {
        kind: pick(['from-embed', 'from-parent', 'other', 3]),
        origin: pick([HOST, PARENT.origin, '', 'null', 42]),
        json: pick(['{}', '{"type":"a"}', '{"type":', '', '\u0000', 5]),
        truncated: pick([true, false, 'no'])
      }
      if (random() < 0.1) report['more'] = 1
      const frame = { origin: pick([HOST, PARENT.origin]) }
      const valid =
        ['from-embed', 'from-parent'].includes(report['kind'] as string) &&
        typeof report['origin'] === 'string' &&
        typeof report['json'] === 'string' &&
        typeof report['truncated'] === 'boolean' &&
        !('more' in report) &&
        (report['kind'] === 'from-embed' ? report['origin'] : frame.origin) === HOST
      if (valid) expected++
      expect(messages.report(report, frame)).toBe(valid)
    }
    expect(messages.since()).toHaveLength(Math.min(expected, 1000))
  })
})
