import { isString, readStoredObject, writeStored } from '../../app/storage'
import type { SigningChoices } from './useSigningInputs'

/**
 * The credential, persona and emulator target the user last chose on Sign or Preview: one
 * selection for both screens (per data folder's browser profile), so choosing on one is what the
 * other opens with.
 */
export const selectionStorageKey = 'ewb-selection'

export function readSelection(): SigningChoices {
  const stored = readStoredObject(selectionStorageKey)
  return {
    credentialId: isString(stored['credentialId']) ? stored['credentialId'] : '',
    personaId: isString(stored['personaId']) ? stored['personaId'] : ''
  }
}

export function rememberSelection(choices: SigningChoices): void {
  const current = readSelection()
  if (current.credentialId === choices.credentialId && current.personaId === choices.personaId) return
  writeStored(selectionStorageKey, {
    ...readStoredObject(selectionStorageKey),
    credentialId: choices.credentialId,
    personaId: choices.personaId
  })
}

/** The emulator target last chosen (its targetKey), or ''. */
export function readTarget(): string {
  const stored = readStoredObject(selectionStorageKey)['targetKey']
  return isString(stored) ? stored : ''
}

export function rememberTarget(key: string): void {
  if (readTarget() === key) return
  writeStored(selectionStorageKey, { ...readStoredObject(selectionStorageKey), targetKey: key })
}

/** A screen's stored choices with the shared selection laid over them (what it opens with). */
export function withSelection<S extends SigningChoices>(settings: S): S {
  const shared = readSelection()
  return {
    ...settings,
    ...(shared.credentialId ? { credentialId: shared.credentialId } : {}),
    ...(shared.personaId ? { personaId: shared.personaId } : {})
  }
}
