/** A store write is one write of the file: exactly the data, and no read of the old file first. */
import fs, { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { confBackingStore } from '../../../main/store/json-file'

afterEach(() => vi.restoreAllMocks())

describe('confBackingStore', () => {
  it('replaces the file with exactly the data, without reading the old file first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ewb-store-'))
    const store = confBackingStore({ cwd: dir, name: 'things' })
    writeFileSync(store.path, JSON.stringify({ old: true, big: 'x'.repeat(100_000) }))
    const reads = vi.spyOn(fs, 'readFileSync')
    const data = Object.freeze({ version: 1, items: Object.freeze([{ id: 'a' }]) })
    store.write(data)
    expect(reads.mock.calls.filter(([path]) => String(path) === store.path)).toHaveLength(0)
    const written = JSON.parse(readFileSync(store.path, 'utf8'))
    expect(written).toEqual({ version: 1, items: [{ id: 'a' }] })
    expect(Object.keys(written)).not.toContain('__internal__')
    // The file stays readable by its owner only.
    expect(fs.statSync(store.path).mode & 0o777).toBe(0o600)
  })
})
