/**
 * A HAR file read in slices for sendHarChunk: bytes sliced off the File, decoded as UTF-8 with
 * one streaming TextDecoder, so a character split between two slices is decoded whole (in the
 * later one) and never becomes two replacement characters.
 */

import { HAR_CHUNK_CHARS } from '../../../../preload/contract/constants'

/** The most characters one sendHarChunk takes. */
export const HAR_SLICE_CHARS = HAR_CHUNK_CHARS

/**
 * Bytes per slice. A slice decodes to at most as many UTF-16 units as it has bytes, plus the up
 * to 3 bytes of a character the previous slice ended inside: 4 less keeps every slice in bounds.
 */
export const HAR_SLICE_BYTES = HAR_SLICE_CHARS - 4

export interface HarSlice {
  text: string
  /** The last slice (the main process answers it with the report). */
  last: boolean
  /** Bytes of the file read up to the end of this slice. */
  end: number
}

/** The file's text, slice by slice, in order; an empty file is one empty last slice. */
export async function* harSlices(file: Blob, sliceBytes = HAR_SLICE_BYTES): AsyncGenerator<HarSlice> {
  // Not fatal: a byte that is not UTF-8 becomes U+FFFD, as a browser shows it; the BOM is dropped.
  const decoder = new TextDecoder('utf-8')
  if (file.size === 0) {
    yield { text: '', last: true, end: 0 }
    return
  }
  for (let start = 0; start < file.size; start += sliceBytes) {
    const end = Math.min(file.size, start + sliceBytes)
    const last = end >= file.size
    const bytes = await file.slice(start, end).arrayBuffer()
    yield { text: decoder.decode(bytes, { stream: !last }), last, end }
  }
}
