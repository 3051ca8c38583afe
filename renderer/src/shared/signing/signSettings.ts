import type { EmbedOptions, NameValue, SigningMethod } from '../../../../preload/contract'
import { presetValue, type Preset, type PresetChoice } from '../../ui/PresetSelect'
import type { SegmentOption } from '../../ui/Segmented'
import { isString, oneOf, readStoredObject, writeStored } from '../../app/storage'
import { signingMethods } from '../../../../preload/contract/constants'

/** localStorage key of the Sign form. It never holds a signed URL (that is a one-time credential). */
export const signStorageKey = 'ewb-sign-options'

export type MenuPosition = EmbedOptions['menuPosition']

/** The Sign form as typed, plus which credential and persona were picked. */
export interface SignSettings {
  credentialId: string
  personaId: string
  method: SigningMethod
  embedPath: string
  versionTag: string
  /** Seconds, as typed. */
  sessionLength: string
  mode: EmbedOptions['mode']
  jwtVersion: EmbedOptions['jwtVersion']
  theme: PresetChoice
  menuPosition: MenuPosition
  hide: string[]
  lng: string
  lngVariant: string
  responsiveHeight: boolean
  controls: NameValue[]
  /** Whether "Display & controls" is expanded. */
  displayOpen: boolean
}

export const defaultSignSettings: SignSettings = {
  credentialId: '',
  personaId: '',
  method: 'url',
  embedPath: '',
  versionTag: '',
  sessionLength: '600',
  mode: 'userbacked',
  jwtVersion: '1.1',
  theme: { choice: '', custom: '' },
  menuPosition: '',
  hide: [],
  lng: '',
  lngVariant: '',
  responsiveHeight: false,
  controls: [],
  displayOpen: false
}

export const modeOptions: SegmentOption<SignSettings['mode']>[] = [
  { value: 'userbacked', label: 'userbacked', title: 'Secure embeds' },
  { value: 'view', label: 'view', title: 'What the vendor’s signing sample sends' }
]
export const jwtVersionOptions: SegmentOption<SignSettings['jwtVersion']>[] = [
  { value: '1.0', label: '1.0' },
  { value: '1.1', label: '1.1', title: 'Adds aud: "sigmacomputing"' }
]

export const themePresets: readonly Preset[] = [
  { value: '', label: 'Default' },
  { value: 'Light', label: 'Light' },
  { value: 'Dark', label: 'Dark' },
  { value: 'Surface', label: 'Surface' }
]

export const menuPositions: readonly { value: MenuPosition; label: string }[] = [
  { value: '', label: 'Default (bottom)' },
  { value: 'top', label: 'Top' },
  { value: 'bottom', label: 'Bottom' },
  { value: 'none', label: 'None' }
]

/** Hide flags; `jwt` marks those the JWT URL form accepts too. */
export const hideFlags: readonly { name: string; label: string; jwt: boolean }[] = [
  { name: ':hide_bookmarks', label: 'Bookmarks menu', jwt: true },
  { name: ':hide_explore_toggle', label: 'Explore toggle', jwt: true },
  { name: ':hide_folder_navigation', label: 'Folder navigation', jwt: true },
  { name: ':hide_menu', label: 'Menu (needs a menu position)', jwt: true },
  { name: ':hide_tooltip', label: 'Tooltips', jwt: true },
  { name: ':hide_workbook_name', label: 'Workbook name', jwt: false },
  { name: ':hide_schedule', label: 'Scheduling', jwt: false },
  { name: ':hide_send', label: '“Send now”', jwt: false },
  { name: ':hide_sheet_interactions', label: 'Sheet interactions', jwt: false },
  { name: ':hide_run_as_recipient', label: '“Run as recipient”', jwt: false },
  { name: ':disable_mobile_view', label: 'Mobile layout (desktop on small screens)', jwt: false }
]

export const sessionPresets: readonly { seconds: number; label: string }[] = [
  { seconds: 600, label: '10 min' },
  { seconds: 3600, label: '1 h' },
  { seconds: 28800, label: '8 h' }
]

export const embedPathPlaceholder: Record<SigningMethod, string> = {
  url: 'https://app.sigmacomputing.com/embed/1-…',
  jwt: 'https://app.sigmacomputing.com/{org}/workbook/{name}-{id}'
}

const nameValues = (value: unknown): NameValue[] =>
  Array.isArray(value)
    ? value
        .filter((row): row is NameValue => !!row && isString(row.name) && isString(row.value))
        .map(({ name, value }) => ({ name, value }))
    : []

/** The stored form, each field checked; anything missing or malformed falls back to its default. */
export function readSignSettings(): SignSettings {
  const stored = readStoredObject(signStorageKey)
  const d = defaultSignSettings
  const text = (key: keyof SignSettings, fallback: string) =>
    isString(stored[key]) ? (stored[key] as string) : fallback
  const theme = stored['theme'] as Partial<PresetChoice> | undefined
  return {
    credentialId: text('credentialId', d.credentialId),
    personaId: text('personaId', d.personaId),
    method: oneOf(stored['method'], signingMethods, d.method),
    embedPath: text('embedPath', d.embedPath),
    versionTag: text('versionTag', d.versionTag),
    sessionLength: text('sessionLength', d.sessionLength),
    mode: oneOf(stored['mode'], ['userbacked', 'view'] as const, d.mode),
    jwtVersion: oneOf(stored['jwtVersion'], ['1.0', '1.1'] as const, d.jwtVersion),
    theme:
      theme && isString(theme.choice) && isString(theme.custom)
        ? { choice: theme.choice, custom: theme.custom }
        : d.theme,
    menuPosition: oneOf(stored['menuPosition'], ['', 'top', 'bottom', 'none'] as const, d.menuPosition),
    hide: Array.isArray(stored['hide'])
      ? stored['hide'].filter((flag): flag is string => hideFlags.some((known) => known.name === flag))
      : d.hide,
    lng: text('lng', d.lng),
    lngVariant: text('lngVariant', d.lngVariant),
    responsiveHeight: stored['responsiveHeight'] === true,
    controls: nameValues(stored['controls']),
    displayOpen: stored['displayOpen'] === true
  }
}

export function writeSignSettings(settings: SignSettings): void {
  writeStored(signStorageKey, settings)
}

/** The session length in whole seconds, or null when what was typed is not one. */
export function sessionSeconds(settings: SignSettings): number | null {
  return parseSessionLength(settings.sessionLength)
}

/** A session length as typed: whole seconds, at least 1; null otherwise. */
export function parseSessionLength(typed: string): number | null {
  const text = typed.trim()
  if (!/^\d{1,12}$/.test(text)) return null
  const seconds = Number(text)
  return seconds >= 1 ? seconds : null
}

/** The options to sign with; `sessionLength` must have been checked with sessionSeconds. */
export function toEmbedOptions(settings: SignSettings, sessionLength: number): EmbedOptions {
  return {
    embedPath: settings.embedPath.trim(),
    ...(settings.versionTag.trim() ? { versionTag: settings.versionTag.trim() } : {}),
    sessionLength,
    mode: settings.mode,
    jwtVersion: settings.jwtVersion,
    controls: settings.controls
      .filter((control) => control.name.trim())
      .map((control) => ({ name: control.name.trim(), value: control.value })),
    theme: presetValue(settings.theme),
    menuPosition: settings.menuPosition,
    hide: hideFlags.filter((flag) => settings.hide.includes(flag.name)).map((flag) => flag.name),
    lng: settings.lng.trim(),
    lngVariant: settings.lngVariant.trim(),
    responsiveHeight: settings.responsiveHeight
  }
}

/** How many display settings and controls differ from the defaults (for the collapsed summary). */
export function displayCount(settings: SignSettings): number {
  return (
    (presetValue(settings.theme) ? 1 : 0) +
    (settings.menuPosition ? 1 : 0) +
    settings.hide.length +
    (settings.lng.trim() ? 1 : 0) +
    (settings.lngVariant.trim() ? 1 : 0) +
    (settings.responsiveHeight ? 1 : 0) +
    settings.controls.filter((control) => control.name.trim()).length
  )
}
