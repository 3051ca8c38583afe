import { useCallback, useRef, useState } from 'react'
import type { CredentialSummary, ErrorCode, EmulatorStatus, Persona, SigningMethod } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { useVault } from '../../app/vault-context'
import type { SignedWithFindings } from '../../shared/signing/signedEmbed'
import { parseSessionLength } from '../../shared/signing/signSettings'
import type { BarError } from './PreviewBar'
import { previewEmbedOptions, type PreviewSettings } from './previewSettings'
import { targetKey } from '../../shared/signing/pathForm'

/** What one load signs: everything but the persona. Kept with the load, to sign a fresh copy. */
export interface LoadRequest {
  method: SigningMethod
  credentialId: string
  embedPath: string
  /** The origin the frame is loaded from: its messages are accepted from there only. */
  origin: string
  sessionLength: number
  responsive: boolean
  /** What is embedded, for the frame's header. */
  targetLabel: string
}

/** A frame's load: who, what, and the one-time URL it used. */
export interface Load {
  /** Unique per load (a new frame each time). */
  key: string
  persona: Persona
  credentialName: string
  request: LoadRequest
  signed: SignedWithFindings
}

/** Failures about the chosen credential: its select is highlighted and the list re-read. */
const credentialCodes: readonly ErrorCode[] = ['CREDENTIAL_REVOKED', 'CREDENTIAL_NOT_FOUND', 'SECRET_UNREADABLE']

/** The bar's choices as a request to sign, or what is wrong with them. */
export function prepareLoad(settings: PreviewSettings, emulator: EmulatorStatus | null): LoadRequest | BarError {
  const sessionLength = parseSessionLength(settings.sessionLength)
  if (sessionLength === null)
    return {
      code: 'SESSION_LENGTH',
      message: 'Enter the session length in whole seconds (at least 1).',
      field: 'sessionLength'
    }
  if (!settings.credentialId) return { code: 'NO_CREDENTIAL', message: 'Pick a credential.', field: 'credentialId' }
  const common = {
    method: settings.method,
    credentialId: settings.credentialId,
    sessionLength,
    responsive: settings.responsiveHeight
  }
  if (settings.source === 'emulator') {
    if (!emulator)
      return {
        code: 'EMULATOR_UNKNOWN',
        message: 'The emulator’s status has not been read yet; try again in a moment.'
      }
    if (!emulator.running || !emulator.baseUrl)
      return {
        code: 'EMULATOR_STOPPED',
        message: emulator.problem ?? 'The emulator is not running. Open the Emulator screen to see why.'
      }
    const target =
      emulator.targets.find((candidate) => targetKey(candidate) === settings.targetKey) ?? emulator.targets[0]
    if (!target)
      return {
        code: 'NO_TARGET',
        message: 'The emulator has no workbook to embed. Reset its org on the Emulator screen.'
      }
    return {
      ...common,
      embedPath: settings.method === 'url' ? target.embedPath : target.workbookUrl,
      origin: new URL(emulator.baseUrl).origin,
      targetLabel: target.label
    }
  }
  if (!settings.host) return { code: 'NO_HOST', message: 'Pick an online host; add one on the Emulator screen first.' }
  const path = settings.onlinePath.trim()
  if (!path)
    return {
      code: 'PATH_REQUIRED',
      message: `Paste the ${settings.method === 'url' ? 'embed path' : 'workbook URL'} on ${settings.host}.`,
      field: 'path'
    }
  let origin: string
  try {
    origin = new URL(path).origin
  } catch {
    return {
      code: 'PATH_INVALID',
      message: `"${path}" is not a URL. Paste the full address, starting with ${settings.host}.`,
      field: 'path'
    }
  }
  if (origin !== settings.host)
    return {
      code: 'ORIGIN_MISMATCH',
      message: `The path is on ${origin}, not on the chosen host ${settings.host}: the preview frames only the host you picked.`,
      field: 'path'
    }
  return { ...common, embedPath: path, origin, targetLabel: new URL(path).pathname }
}

/**
 * Signing and loading for the Preview: one frame (a persona tab) or the matrix (a frame a persona).
 * Every load signs anew in main, so every frame gets a fresh nonce/jti. A later single load wins
 * over an earlier one still signing.
 */
export function usePreviewLoads(credentials: readonly CredentialSummary[], reloadInputs: () => void) {
  const { noticeFailure } = useVault()
  const [single, setSingle] = useState<Load | null>(null)
  const [matrix, setMatrix] = useState<Record<string, Load>>({})
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<BarError | null>(null)
  /** Fresh URLs signed for copying, by the key of the load they copy. */
  const [fresh, setFresh] = useState<Record<string, SignedWithFindings>>({})
  const [freshPending, setFreshPending] = useState<string | null>(null)
  const sequence = useRef(0)
  const latestSingle = useRef(0)

  const signFor = useCallback(
    async (persona: Persona, request: LoadRequest): Promise<Load | BarError> => {
      const response = await call(() =>
        workbench.signEmbedUrl({
          method: request.method,
          credentialId: request.credentialId,
          personaId: persona.id,
          options: previewEmbedOptions(request.embedPath, request.sessionLength, request.responsive)
        })
      )
      if (response.ok) {
        const credential = credentials.find((candidate) => candidate.id === request.credentialId)
        return {
          key: `${persona.id}#${++sequence.current}`,
          persona,
          credentialName: credential?.name ?? 'a deleted credential',
          request,
          signed: response.value
        }
      }
      const { code, message, field } = response.error
      noticeFailure(code)
      const aboutCredential = credentialCodes.includes(code)
      if (aboutCredential || code === 'PERSONA_NOT_FOUND') reloadInputs()
      return {
        code,
        message,
        field: aboutCredential
          ? 'credentialId'
          : field === 'embedPath'
            ? 'path'
            : field === 'sessionLength'
              ? 'sessionLength'
              : undefined
      }
    },
    [credentials, noticeFailure, reloadInputs]
  )

  /** Signs for `persona` and loads the single frame. */
  const loadSingle = useCallback(
    async (persona: Persona, request: LoadRequest | BarError) => {
      const turn = ++latestSingle.current
      if ('code' in request) {
        setError(request)
        return
      }
      setPending(true)
      const result = await signFor(persona, request)
      if (turn !== latestSingle.current) return
      setPending(false)
      if ('code' in result) setError(result)
      else {
        setError(null)
        setSingle(result)
      }
    },
    [signFor]
  )

  /** Signs for each persona separately and loads its frame in the matrix. */
  const loadMatrix = useCallback(
    async (personas: readonly Persona[], request: LoadRequest | BarError) => {
      if ('code' in request) {
        setError(request)
        return
      }
      setPending(true)
      const results = await Promise.all(personas.map((persona) => signFor(persona, request)))
      setPending(false)
      const failed = results.find((result): result is BarError => 'code' in result)
      setError(
        failed
          ? { ...failed, message: `${personas[results.indexOf(failed)]?.name ?? 'A persona'}: ${failed.message}` }
          : null
      )
      setMatrix((current) => {
        const next = { ...current }
        results.forEach((result, index) => {
          if (!('code' in result)) next[personas[index]!.id] = result
        })
        return next
      })
    },
    [signFor]
  )

  /** Keeps only these personas' matrix frames. */
  const keepMatrix = useCallback((ids: readonly string[]) => {
    setMatrix((current) => Object.fromEntries(Object.entries(current).filter(([id]) => ids.includes(id))))
  }, [])

  /** Signs a fresh copy of a load's URL, for copying; nothing loads it. */
  const signFresh = useCallback(
    async (load: Load) => {
      setFreshPending(load.key)
      const result = await signFor(load.persona, load.request)
      setFreshPending(null)
      if ('code' in result) setError(result)
      else setFresh((current) => ({ ...current, [load.key]: result.signed }))
    },
    [signFor]
  )

  /** Drops every frame (their URLs are used): the next frames are signed anew. */
  const reset = useCallback(() => {
    latestSingle.current++
    setSingle(null)
    setMatrix({})
    setFresh({})
    setPending(false)
  }, [])

  return {
    single,
    matrix,
    pending,
    error,
    setError,
    loadSingle,
    loadMatrix,
    keepMatrix,
    reset,
    fresh,
    freshPending,
    signFresh
  }
}
