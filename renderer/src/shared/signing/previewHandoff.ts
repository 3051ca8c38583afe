import type { SigningMethod } from '../../../../preload/contract'
import { readKept, writeKept } from '../../app/kept-state'

/** What Sign hands the Preview with "Load in Preview": the same target, credential, method, persona. */
export interface PreviewHandoff {
  method: SigningMethod
  credentialId: string
  personaId: string
  embedPath: string
}

const KEY = 'preview.handoff'

/** Sign: the Preview loads this when it opens next. */
export function handToPreview(handoff: PreviewHandoff): void {
  writeKept(KEY, handoff)
}

/** Preview: the waiting handoff, taken once. */
export function takePreviewHandoff(): PreviewHandoff | null {
  const handoff = readKept<PreviewHandoff | null>(KEY, null)
  if (handoff) writeKept(KEY, null)
  return handoff
}
