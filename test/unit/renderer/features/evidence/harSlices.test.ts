import { describe, expect, it } from 'vitest'
import { HAR_CHUNK_CHARS } from '../../../../../preload/contract/constants'
import { HAR_SLICE_BYTES, HAR_SLICE_CHARS, harSlices } from '../../../../../renderer/src/features/evidence/harSlices'

async function readAll(blob: Blob, sliceBytes?: number) {
  const slices = []
  for await (const slice of harSlices(blob, sliceBytes)) slices.push(slice)
  return slices
}

describe('a HAR file read in slices', () => {
  it('sends at most what sendHarChunk takes: the contract’s HAR_CHUNK_CHARS', () => {
    expect(HAR_SLICE_CHARS).toBe(HAR_CHUNK_CHARS)
    expect(HAR_SLICE_BYTES).toBeLessThan(HAR_CHUNK_CHARS)
  })

  it('decodes a character split between two slices whole, once', async () => {
    // "é" is 2 bytes, "€" 3, "😀" 4 (two UTF-16 units): 5-byte slices cut through each of them.
    const text = '{"a":"é€😀é€😀 café"}'.repeat(7)
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const slices = await readAll(new Blob([text]), size)
      expect(slices.map((slice) => slice.text).join('')).toBe(text)
      expect(slices.every((slice) => !slice.text.includes('\uFFFD'))).toBe(true)
      expect(slices.filter((slice) => slice.last)).toHaveLength(1)
      expect(slices.at(-1)!.last).toBe(true)
      expect(slices.at(-1)!.end).toBe(new Blob([text]).size)
    }
  })

  it('never yields more characters than bytes plus the 3 carried over from the slice before', async () => {
    const text = 'a😀'.repeat(1000) + 'é'.repeat(1000)
    for (const size of [4, 5, 6, 9]) {
      for (const slice of await readAll(new Blob([text]), size)) expect(slice.text.length).toBeLessThanOrEqual(size + 3)
    }
  })

  it('counts bytes read for the progress bar, slice by slice', async () => {
    const slices = await readAll(new Blob(['x'.repeat(25)]), 10)
    expect(slices.map((slice) => [slice.end, slice.last])).toEqual([
      [10, false],
      [20, false],
      [25, true]
    ])
  })

  it('an empty file is one empty last slice; a cut-off character at the very end becomes U+FFFD', async () => {
    expect(await readAll(new Blob([]))).toEqual([{ text: '', last: true, end: 0 }])
    const bytes = new TextEncoder().encode('ok €').slice(0, -1)
    const slices = await readAll(new Blob([bytes]), 2)
    expect(slices.map((slice) => slice.text).join('')).toBe('ok \uFFFD')
  })

  it('drops a byte-order mark, as JSON.parse needs', async () => {
    const slices = await readAll(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), '{"log":{}}']), 2)
    expect(slices.map((slice) => slice.text).join('')).toBe('{"log":{}}')
  })
})
