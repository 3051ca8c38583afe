/** Signing an embed URL (signed URL or JWT) for a persona with a stored credential. */
import { z } from 'zod'
import { signingMethods } from './constants'
import type { NameValue } from './core'
import type { Finding } from './inspector'
import { channel, id, nameValue, text } from './schema'

export type SigningMethod = (typeof signingMethods)[number]

export interface EmbedOptions {
  /** The embed path: `https://host/embed/{id}` (signed URL) or the workbook/page/element URL (JWT). */
  embedPath: string
  versionTag?: string
  sessionLength: number
  mode: 'userbacked' | 'view'
  jwtVersion: '1.0' | '1.1'
  /** Workbook control values (`Control-Id=value`). */
  controls: NameValue[]
  theme: string
  menuPosition: '' | 'top' | 'bottom' | 'none'
  /** Hide flags by parameter name, e.g. ':hide_folder_navigation'. */
  hide: string[]
  lng: string
  lngVariant: string
  responsiveHeight: boolean
}

/** A signed embed URL. The URL is itself a one-time credential: shown, copyable, never logged. */
export interface SignedEmbed {
  method: SigningMethod
  url: string
  /** Every parameter as signed (for the JWT method: the URL's parameters; claims are in `jwt`). */
  params: NameValue[]
  /** The nonce (signed URL) or jti (JWT) that makes this URL single-use. */
  oneTimeId: string
  issuedAt: number
  expiresAt: number
  jwt?: { header: Record<string, unknown>; payload: Record<string, unknown> }
}

export const embedOptionsSchema = z
  .object({
    embedPath: text(4000),
    versionTag: text(200).optional(),
    sessionLength: z.number().int().min(0).max(1e12),
    mode: z.enum(['userbacked', 'view']).default('userbacked'),
    jwtVersion: z.enum(['1.0', '1.1']).default('1.1'),
    controls: z.array(nameValue).max(200).default([]),
    theme: text(200).default(''),
    menuPosition: z.enum(['', 'top', 'bottom', 'none']).default(''),
    hide: z.array(text(100)).max(50).default([]),
    lng: text(50).default(''),
    lngVariant: text(50).default(''),
    responsiveHeight: z.boolean().default(false)
  })
  .strict()

/** Signing, in main: the secret never reaches the renderer. */
export const signingChannels = {
  signEmbedUrl: channel<SignedEmbed & { findings: Finding[] }>()(
    z
      .object({
        method: z.enum(signingMethods),
        credentialId: id,
        personaId: id,
        options: embedOptionsSchema
      })
      .strict()
  )
} as const
