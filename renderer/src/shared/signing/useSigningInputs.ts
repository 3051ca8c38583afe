import { useCallback, useMemo, useState, type Dispatch, type SetStateAction } from 'react'
import type { CredentialSummary, Persona } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { useVault } from '../../app/vault-context'

/** The choices a signing form keeps: which credential and which persona. */
export interface SigningChoices {
  credentialId: string
  personaId: string
}

/**
 * The credentials and personas a signing screen picks from. `load` reads both and keeps the
 * form's stored choices while they still exist (an active credential, a persona); otherwise it
 * takes the first.
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
    setSettings((current) => {
      const usable = creds.ok ? creds.value.filter((credential) => credential.status === 'active') : []
      const credentialId =
        !creds.ok || usable.some((c) => c.id === current.credentialId) ? current.credentialId : (usable[0]?.id ?? '')
      const personaId =
        !people.ok || people.value.some((p) => p.id === current.personaId)
          ? current.personaId
          : (people.value[0]?.id ?? '')
      return credentialId === current.credentialId && personaId === current.personaId
        ? current
        : { ...current, credentialId, personaId }
    })
  }, [noticeFailure, setSettings])

  return { credentials, personas, active, loadError, load }
}

export type SigningInputs = ReturnType<typeof useSigningInputs>
