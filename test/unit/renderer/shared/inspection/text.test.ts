import { describe, expect, it } from 'vitest'
import {
  CELL_CHARS,
  clip,
  clipTitle,
  fromLocalInput,
  shortReference,
  TITLE_CHARS,
  toLocalInput
} from '../../../../../renderer/src/shared/inspection/text'

describe('the inspector text helpers (inspector/text)', () => {
  it('cuts a long cell with an ellipsis and leaves a short one alone', () => {
    expect(clip('a'.repeat(CELL_CHARS))).toBe('a'.repeat(CELL_CHARS))
    expect(clip('a'.repeat(CELL_CHARS + 1))).toBe(`${'a'.repeat(CELL_CHARS)}…`)
    expect(clip('abcdef', 3)).toBe('abc…')
  })

  it('gives a clipped cell the longer text as its tooltip, itself cut at the tooltip length', () => {
    expect(clipTitle('short')).toBeUndefined()
    const long = 'x'.repeat(TITLE_CHARS + 50)
    expect(clipTitle(long)).toBe(`${'x'.repeat(TITLE_CHARS)}…`)
    expect(clipTitle('y'.repeat(CELL_CHARS + 1))).toBe('y'.repeat(CELL_CHARS + 1))
  })

  it('round-trips a moment through the date-time field, to the second', () => {
    const seconds = Math.floor(new Date(2026, 4, 6, 7, 8, 9).getTime() / 1000)
    expect(toLocalInput(seconds)).toBe('2026-05-06T07:08:09')
    expect(fromLocalInput(toLocalInput(seconds))).toBe(seconds)
    expect(fromLocalInput('2026-05-06T07:08')).toBe(seconds - 9)
  })

  it('reads nothing from a date-time field that is not filled in completely', () => {
    for (const value of ['', '2026-05-06', '2026-05-06T07', 'soon']) expect(fromLocalInput(value), value).toBeNull()
  })

  it('shortens a catalogue reference to its first source: a help page by name, a sample by its file', () => {
    expect(shortReference('help.sigmacomputing.com/docs/embed-url-parameters ("Required parameters"); x')).toBe(
      'Docs: embed-url-parameters'
    )
    expect(
      shortReference(
        'sigmacomputing/quickstarts-public, embedding_qs_series_2_api_use_cases/helpers/build-embed-url.js (JWT URLs); y'
      )
    ).toBe('Sample: build-embed-url.js')
    expect(shortReference('shared/embed-protocol.md ("Control-Id=value")')).toBe(
      'Notes: shared/embed-protocol.md ("Control-Id=value")'
    )
  })
})

describe('differingRun', () => {
  it('is the run between the common prefix and suffix, never overlapping them', async () => {
    const { differingRun } = await import('../../../../../renderer/src/shared/inspection/text')
    expect(differingRun('content-type:application/json; charset=utf-8', 'content-type:application/json')).toEqual({
      start: 29,
      end: 44
    })
    expect(differingRun('x-tenant:acme', 'x-tenant:globex')).toEqual({ start: 9, end: 13 })
    expect(differingRun('aaa', 'aa')).toEqual({ start: 2, end: 3 })
    expect(differingRun('same', 'same')).toEqual({ start: 4, end: 4 })
    expect(differingRun('', 'x')).toEqual({ start: 0, end: 0 })
  })
})
