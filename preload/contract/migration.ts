/** Off signed URLs: the migration assistant and the embed API code export. */
import { z } from 'zod'
import { codegenLanguages, signingMethods } from './constants'
import { channel, id, MAX_PASTE, text } from './schema'
import { embedOptionsSchema } from './signing'

export type MigrationDestination = 'header' | 'claim' | 'url' | 'path' | 'dropped'

export interface MigrationRow {
  param: string
  value: string
  to: MigrationDestination
  /** The header field, claim or URL parameter it becomes. */
  as: string | null
  why: string
  source: string
}

/** What the emulator gives a user for one URL: who, what they may do, what they see. */
export interface SessionFacts {
  email: string
  teams: string[]
  accountType: string | null
  attributes: Record<string, string[]>
  permissions: string[]
  target: string
  version: number
  controls: Record<string, string>
  rows: number
  revenue: number
}

export interface JudgedUrl {
  accepted: boolean
  message: string | null
  facts: SessionFacts | null
}

export interface Migration {
  jwtUrl: string
  header: Record<string, unknown>
  claims: Record<string, unknown>
  mapping: MigrationRow[]
  changes: string[]
  equivalence: { equivalent: boolean; signedUrl: JudgedUrl; jwtUrl: JudgedUrl; differences: string[] }
}

export type CodegenLanguage = (typeof codegenLanguages)[number]

export interface GeneratedProgram {
  language: CodegenLanguage
  fileName: string
  code: string
  /** How to install what it needs, and how to run it. */
  install: string
  run: string
}

export const migrationChannels = {
  /**
   * A signed URL migrated to JWT. Its secret: one typed for this migration only, or a stored
   * credential (chosen, or the one whose client id the URL carries).
   */
  migrateEmbed: channel<Migration>()(
    z
      .object({
        input: text(MAX_PASTE),
        credentialId: id.optional(),
        secret: z.string().min(1).max(1024).optional(),
        workbookUrl: z.string().max(4096).optional()
      })
      .strict()
  ),
  /** The embed API program for this persona, target, method and options (no secret inside). */
  exportEmbedCode: channel<GeneratedProgram>()(
    z
      .object({
        language: z.enum(codegenLanguages),
        method: z.enum(signingMethods),
        credentialId: id,
        personaId: id,
        options: embedOptionsSchema
      })
      .strict()
  )
} as const
