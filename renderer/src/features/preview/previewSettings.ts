import type { SigningMethod } from '../../../../preload/contract'
import { isString, oneOf, readStoredObject, writeStored } from '../../app/storage'
import { readSignSettings, toEmbedOptions } from '../../shared/signing/signSettings'
import { signingMethods } from '../../../../preload/contract/constants'

/** localStorage key of the Preview's choices. Never a signed URL (a one-time credential). */
export const previewStorageKey = 'ewb-preview-options'

export type PreviewSource = 'emulator' | 'online'
export type PanelTab = 'events' | 'requests' | 'url'

export interface PreviewSettings {
  source: PreviewSource
  /** The emulator target (see targetKey). */
  targetKey: string
  /** The online host picked (an https origin from the emulator's settings). */
  host: string
  /** The embed path or workbook URL typed for the online host. */
  onlinePath: string
  method: SigningMethod
  credentialId: string
  personaId: string
  /** Seconds, as typed. */
  sessionLength: string
  responsiveHeight: boolean
  matrix: boolean
  /** The personas side by side in the matrix (2 to 4). */
  matrixIds: string[]
  panelWidth: number
  panelOpen: boolean
  panelTab: PanelTab
}

export const MIN_PANEL = 300
export const MAX_PANEL = 760
export const MATRIX_MAX = 4

export const defaultPreviewSettings: PreviewSettings = {
  source: 'emulator',
  targetKey: '',
  host: '',
  onlinePath: '',
  method: 'url',
  credentialId: '',
  personaId: '',
  sessionLength: '600',
  responsiveHeight: false,
  matrix: false,
  matrixIds: [],
  panelWidth: 420,
  panelOpen: true,
  panelTab: 'events'
}

const clampPanel = (width: number) => Math.min(MAX_PANEL, Math.max(MIN_PANEL, Math.round(width)))

export function readPreviewSettings(): PreviewSettings {
  const stored = readStoredObject(previewStorageKey)
  const d = defaultPreviewSettings
  const text = (key: keyof PreviewSettings) => (isString(stored[key]) ? (stored[key] as string) : (d[key] as string))
  const width = stored['panelWidth']
  return {
    source: oneOf(stored['source'], ['emulator', 'online'] as const, d.source),
    targetKey: text('targetKey'),
    host: text('host'),
    onlinePath: text('onlinePath'),
    method: oneOf(stored['method'], signingMethods, d.method),
    credentialId: text('credentialId'),
    personaId: text('personaId'),
    sessionLength: text('sessionLength'),
    responsiveHeight: stored['responsiveHeight'] === true,
    matrix: stored['matrix'] === true,
    matrixIds: Array.isArray(stored['matrixIds'])
      ? stored['matrixIds'].filter(isString).slice(0, MATRIX_MAX)
      : d.matrixIds,
    panelWidth: typeof width === 'number' && Number.isFinite(width) ? clampPanel(width) : d.panelWidth,
    panelOpen: stored['panelOpen'] !== false,
    panelTab: oneOf(stored['panelTab'], ['events', 'requests', 'url'] as const, d.panelTab)
  }
}

export function writePreviewSettings(settings: PreviewSettings): void {
  writeStored(previewStorageKey, settings)
}

export { clampPanel }

/** The embed options for one load: the Sign screen's display options, with this path and session. */
export function previewEmbedOptions(embedPath: string, sessionLength: number, responsiveHeight: boolean) {
  // One set of display options and controls, shared with Sign (theme, menu, hidden parts,
  // language, mode, JWT version, version tag, control values), edited on either screen. The
  // target, session and height are the Preview's own.
  const sign = readSignSettings()
  return toEmbedOptions({ ...sign, embedPath, responsiveHeight }, sessionLength)
}
