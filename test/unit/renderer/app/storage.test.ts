import { beforeEach, describe, expect, it } from 'vitest'
import { isString, oneOf, readStoredObject, writeStored } from '../../../../renderer/src/app/storage'
import { installLocalStorage, type MemoryStorage } from '../memoryStorage'

let storage: MemoryStorage

beforeEach(() => {
  storage = installLocalStorage()
})

describe('the stored forms (app/storage)', () => {
  it('reads back an object it wrote', () => {
    writeStored('ewb-test', { a: 1, b: ['x'] })
    expect(JSON.parse(storage.getItem('ewb-test')!)).toEqual({ a: 1, b: ['x'] })
    expect(readStoredObject('ewb-test')).toEqual({ a: 1, b: ['x'] })
  })

  it('starts from nothing when the key is missing, the JSON is corrupt, or it holds no object', () => {
    expect(readStoredObject('missing')).toEqual({})
    for (const stored of ['{"a":', 'not json', '[1,2]', 'null', '42', '"text"']) {
      storage.setItem('ewb-test', stored)
      expect(readStoredObject('ewb-test'), stored).toEqual({})
    }
  })

  it('survives a storage that refuses every call (full, or disabled by policy)', () => {
    storage.setItem('ewb-test', '{"a":1}')
    storage.failing = true
    expect(readStoredObject('ewb-test')).toEqual({})
    expect(() => writeStored('ewb-test', { a: 2 })).not.toThrow()
    storage.failing = false
    expect(readStoredObject('ewb-test')).toEqual({ a: 1 })
  })

  it('oneOf keeps an allowed value and replaces anything else with the fallback', () => {
    const modes = ['userbacked', 'view'] as const
    expect(oneOf('view', modes, 'userbacked')).toBe('view')
    expect(oneOf('admin', modes, 'userbacked')).toBe('userbacked')
    expect(oneOf(undefined, modes, 'userbacked')).toBe('userbacked')
    expect(oneOf(1, modes, 'view')).toBe('view')
  })

  it('isString tells strings from everything else', () => {
    expect(isString('')).toBe(true)
    expect(isString(0)).toBe(false)
    expect(isString(null)).toBe(false)
    expect(isString(['a'])).toBe(false)
  })
})
