import { beforeEach, describe, expect, it } from 'vitest'
import {
  readSelection,
  readTarget,
  rememberSelection,
  rememberTarget,
  selectionStorageKey,
  withSelection
} from '../../../../../renderer/src/shared/signing/selection'
import { installLocalStorage, type MemoryStorage } from '../../memoryStorage'

let storage: MemoryStorage
beforeEach(() => {
  storage = installLocalStorage()
})

describe('the selection Sign and Preview share', () => {
  it('keeps the target and the credential and persona apart: remembering one never drops the other', () => {
    rememberTarget('page:wb-1:pg-2:')
    rememberSelection({ credentialId: 'c1', personaId: 'p1' })
    expect(readTarget()).toBe('page:wb-1:pg-2:')
    rememberTarget('workbook:wb-1::')
    expect(readSelection()).toEqual({ credentialId: 'c1', personaId: 'p1' })
    expect(withSelection({ credentialId: '', personaId: 'other', extra: 1 })).toEqual({
      credentialId: 'c1',
      personaId: 'p1',
      extra: 1
    })
  })

  it('reads nothing from a stored value of the wrong shape', () => {
    storage.setItem(selectionStorageKey, JSON.stringify({ targetKey: 7, credentialId: ['x'] }))
    expect(readTarget()).toBe('')
    expect(readSelection()).toEqual({ credentialId: '', personaId: '' })
  })
})
