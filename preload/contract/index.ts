/**
 * The one shared vocabulary between the renderer and the main process: one channel table.
 *
 * Every channel has a zod schema for its input (checked in main before any service runs) and a
 * result type; each domain's types, schemas and channels live in its own file beside this one.
 * The renderer imports only types from here (and values from ./constants); the preload exposes
 * one named function per channel; main/shell/ipc.ts (Electron) and main/browser/host.ts (browser
 * mode) both dispatch through the same table, so the renderer cannot tell which transport it has.
 */
import type { z } from 'zod'
import { apiCredentialChannels } from './api-credentials'
import { certificateChannels } from './certificates'
import type { Result } from './core'
import { credentialChannels } from './credentials'
import { emulatorChannels } from './emulator'
import { harChannels } from './har'
import { migrationChannels } from './migration'
import { inspectorChannels } from './inspector'
import { personaChannels } from './personas'
import { requestInspectorChannels } from './request-inspector'
import { signingChannels } from './signing'
import { vaultChannels } from './vault'

export * from './api-credentials'
export * from './certificates'
export * from './constants'
export * from './core'
export * from './credentials'
export * from './emulator'
export * from './har'
export * from './migration'
export * from './inspector'
export * from './personas'
export * from './request-inspector'
export * from './signing'
export * from './vault'

export const contract = {
  ...vaultChannels,
  ...credentialChannels,
  ...personaChannels,
  ...certificateChannels,
  ...apiCredentialChannels,
  ...signingChannels,
  ...inspectorChannels,
  ...emulatorChannels,
  ...harChannels,
  ...migrationChannels,
  ...requestInspectorChannels
} as const

export type Contract = typeof contract
export type ChannelName = keyof Contract
export const channelNames = Object.keys(contract) as ChannelName[]

/** What the renderer sends (defaults not yet applied). */
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>
/** What a service receives (after the schema has parsed and applied defaults). */
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>
export type ChannelResult<K extends ChannelName> = NonNullable<Contract[K]['result']>

/** The object the preload exposes as `window.workbench`: one named function per channel. */
export type Bridge = {
  [K in ChannelName]: Partial<ChannelInput<K>> extends ChannelInput<K>
    ? (input?: ChannelInput<K>) => Promise<Result<ChannelResult<K>>>
    : (input: ChannelInput<K>) => Promise<Result<ChannelResult<K>>>
}
