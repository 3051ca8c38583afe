/**
 * The screens past the first, each in a chunk of its own (issue 18, item 6): the first screen's
 * JavaScript is what a cold start waits for. Every chunk is fetched once the first screen has
 * painted, so moving to a screen later does not wait; a screen whose chunk is in renders at once,
 * without a fallback frame.
 */
import { createElement, lazy, type ComponentType } from 'react'

type Loader<P> = () => Promise<ComponentType<P>>

const preloads: (() => Promise<unknown>)[] = []

function lazyScreen<P extends object>(load: Loader<P>): ComponentType<P> {
  let loaded: ComponentType<P> | null = null
  let pending: Promise<{ default: ComponentType<P> }> | null = null
  const fetch = () =>
    (pending ??= load().then((component) => {
      loaded = component
      return { default: component }
    }))
  preloads.push(fetch)
  const Lazy = lazy(fetch)
  const Screen = (props: P) => createElement(loaded ?? Lazy, props)
  return Screen
}

/** Fetches every screen's chunk (after the first paint); a failure is left to the screen's own load. */
export function preloadScreens(): void {
  for (const fetch of preloads) fetch().catch(() => {})
}

// The Credentials screen is the first one after the vault opens, not the first screen: a new or
// locked vault shows only the vault gate, so its chunk loads while the passphrase is typed.
export const CredentialsScreen = lazyScreen(() =>
  import('../features/credentials/CredentialsScreen').then((m) => m.CredentialsScreen)
)
export const CertificatesScreen = lazyScreen(() =>
  import('../features/certificates/CertificatesScreen').then((m) => m.CertificatesScreen)
)
export const ApiCredentialsScreen = lazyScreen(() =>
  import('../features/api-credentials/ApiCredentialsScreen').then((m) => m.ApiCredentialsScreen)
)
export const EmulatorScreen = lazyScreen(() =>
  import('../features/emulator/EmulatorScreen').then((m) => m.EmulatorScreen)
)
export const EvidenceScreen = lazyScreen(() =>
  import('../features/evidence/EvidenceScreen').then((m) => m.EvidenceScreen)
)
export const InspectorScreen = lazyScreen(() =>
  import('../features/inspector/InspectorScreen').then((m) => m.InspectorScreen)
)
export const PersonasScreen = lazyScreen(() =>
  import('../features/personas/PersonasScreen').then((m) => m.PersonasScreen)
)
export const PreviewScreen = lazyScreen(() => import('../features/preview/PreviewScreen').then((m) => m.PreviewScreen))
export const RequestInspectorScreen = lazyScreen(() =>
  import('../features/request-inspector/RequestInspectorScreen').then((m) => m.RequestInspectorScreen)
)
export const SettingsScreen = lazyScreen(() =>
  import('../features/settings/SettingsScreen').then((m) => m.SettingsScreen)
)
export const SigningScreen = lazyScreen(() => import('../features/signing/SigningScreen').then((m) => m.SigningScreen))
