import { useCallback, useMemo, useState, type Dispatch, type SetStateAction } from 'react'
import type { CredentialSummary, Persona } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { useVault } from '../../app/vault-context'
import { readSelection } from './selection'

/** The choices a signing form keeps: which credential and which persona. */
export interface SigningChoices {
  credentialId: string
  personaId: string
}

/**
 * The credentials and personas a signing screen picks from. `load` reads both and takes the
 * selection the user last made on Sign or Preview (selection.ts) while it still exists (an
 * active credential, a persona), else the form's own stored choice, else the first.
 */
export function useSigningInputs<S extends SigningChoices>(setSettings: Dispatch<SetStateAction<S>>) {
  const { noticeFailure } = useVault()
  const [credentials, setCredentials] = useState<CredentialSummary[] | null>(null)
  const [personas, setPersonas] = useState<Persona[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)

  const active = useMemo(() => credentials?.filter((credential) => credential.status === 'active') ?? [], [credentials])

  const load = useCallback(async () => {
    const [creds, people] = await Promise.all([
      call(() => workbench.listCredentials({})),
      call(() => workbench.listPersonas({}))
    ])
    const failure = !creds.ok ? creds.error : !people.ok ? people.error : null
    if (failure) {
      setLoadError(failure.message)
      noticeFailure(failure.code)
    } else setLoadError(null)
    if (creds.ok) setCredentials(creds.value)
    if (people.ok) setPersonas(people.value)
    const shared = readSelection()
    setSettings((current) => {
      const usable = creds.ok ? creds.value.filter((credential) => credential.status === 'active') : []
      const credentialId = !creds.ok
        ? current.credentialId
        : ([shared.credentialId, current.credentialId].find((id) => usable.some((c) => c.id === id)) ??
          usable[0]?.id ??
          '')
      const personaId = !people.ok
        ? current.personaId
        : ([shared.personaId, current.personaId].find((id) => people.value.some((p) => p.id === id)) ??
          people.value[0]?.id ??
          '')
      return credentialId === current.credentialId && personaId === current.personaId
        ? current
        : { ...current, credentialId, personaId }
    })
  }, [noticeFailure, setSettings])

  return { credentials, personas, active, loadError, load }
}

export type SigningInputs = ReturnType<typeof useSigningInputs>
