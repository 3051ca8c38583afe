/** Personas: who the embed user is. Plain data, no secret; they export to JSON. */
import { z } from 'zod'
import type { NameValue } from './core'
import { channel, id, MAX_PASTE, nameValue, noInput, text } from './schema'

export interface UserAttribute {
  name: string
  values: string[]
}

/** Who the embed user is. Holds no secret: personas export to JSON and travel between engineers. */
export interface Persona {
  id: string
  name: string
  email: string
  externalUserId: string
  teams: string[]
  /** Viewer, Creator or a custom account type name. */
  accountType: string
  userAttributes: UserAttribute[]
  firstName: string
  lastName: string
  evalConnectionId: string
  /** Extra URL parameters, added to the embed URL as given. */
  extraParams: NameValue[]
}

export const personaInputSchema = z
  .object({
    name: text(200),
    email: text(320).default(''),
    externalUserId: text(500).default(''),
    teams: z.array(text(200)).max(200).default([]),
    accountType: text(100).default('Viewer'),
    userAttributes: z
      .array(z.object({ name: text(200), values: z.array(text(2000)).max(200) }).strict())
      .max(200)
      .default([]),
    firstName: text(200).default(''),
    lastName: text(200).default(''),
    evalConnectionId: text(200).default(''),
    extraParams: z.array(nameValue).max(200).default([])
  })
  .strict()

export type PersonaInput = z.input<typeof personaInputSchema>

/** Personas: list, edit, duplicate, delete, export and import as JSON. */
export const personaChannels = {
  listPersonas: channel<Persona[]>()(noInput),
  createPersona: channel<Persona>()(personaInputSchema),
  updatePersona: channel<Persona>()(z.object({ id, persona: personaInputSchema }).strict()),
  duplicatePersona: channel<Persona>()(z.object({ id }).strict()),
  deletePersona: channel<{ id: string }>()(z.object({ id }).strict()),
  /** JSON text of the personas given (all when ids is absent). Holds no secret. */
  exportPersonas: channel<{ json: string; count: number }>()(z.object({ ids: z.array(id).optional() }).strict()),
  importPersonas: channel<{ imported: Persona[]; notices: string[] }>()(z.object({ json: text(MAX_PASTE) }).strict())
} as const
