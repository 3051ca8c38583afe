import type { NameValue, Persona, PersonaInput } from '../../../../preload/contract'
import { presetChoice, presetValue, type Preset, type PresetChoice } from '../../ui/PresetSelect'

export const personaAccountTypes: readonly Preset[] = ['Viewer', 'Creator'].map((type) => ({
  value: type,
  label: type
}))

/** The persona form as typed: lists are comma-separated text until they are saved. */
export interface PersonaDraft {
  name: string
  email: string
  externalUserId: string
  /** Comma-separated team names. */
  teams: string
  accountType: PresetChoice
  /** `value` holds the attribute's values, comma separated. */
  userAttributes: NameValue[]
  firstName: string
  lastName: string
  evalConnectionId: string
  extraParams: NameValue[]
}

/** Contract field names the form can show an error beside. */
export const personaFieldNames = [
  'name',
  'email',
  'externalUserId',
  'teams',
  'accountType',
  'userAttributes',
  'firstName',
  'lastName',
  'evalConnectionId',
  'extraParams'
] as const

export const emptyPersonaDraft: PersonaDraft = {
  name: '',
  email: '',
  externalUserId: '',
  teams: '',
  accountType: { choice: 'Viewer', custom: '' },
  userAttributes: [],
  firstName: '',
  lastName: '',
  evalConnectionId: '',
  extraParams: []
}

/** Splits comma-separated text into trimmed, non-empty items. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

export function toDraft(persona: Persona): PersonaDraft {
  return {
    name: persona.name,
    email: persona.email,
    externalUserId: persona.externalUserId,
    teams: persona.teams.join(', '),
    accountType: presetChoice(persona.accountType, personaAccountTypes),
    userAttributes: persona.userAttributes.map((attribute) => ({
      name: attribute.name,
      value: attribute.values.join(', ')
    })),
    firstName: persona.firstName,
    lastName: persona.lastName,
    evalConnectionId: persona.evalConnectionId,
    extraParams: persona.extraParams.map((param) => ({ ...param }))
  }
}

/** What Save sends. Empty rows are left out; the main process trims and checks the rest. */
export function toInput(draft: PersonaDraft): PersonaInput {
  return {
    name: draft.name,
    email: draft.email,
    externalUserId: draft.externalUserId,
    teams: splitList(draft.teams),
    accountType: presetValue(draft.accountType),
    userAttributes: draft.userAttributes
      .filter((row) => row.name.trim() || row.value.trim())
      .map((row) => ({ name: row.name, values: splitList(row.value) })),
    firstName: draft.firstName,
    lastName: draft.lastName,
    evalConnectionId: draft.evalConnectionId,
    extraParams: draft.extraParams.filter((row) => row.name.trim() || row.value)
  }
}

/** A draft in the shape it would be stored in, so "A,B" and "A, B" count as the same. */
function normalized(draft: PersonaDraft): string {
  const input = toInput(draft)
  const trim = (value: string | undefined) => (value ?? '').trim()
  return JSON.stringify({
    ...input,
    name: trim(input.name),
    email: trim(input.email),
    externalUserId: trim(input.externalUserId),
    accountType: trim(input.accountType),
    firstName: trim(input.firstName),
    lastName: trim(input.lastName),
    evalConnectionId: trim(input.evalConnectionId),
    userAttributes: input.userAttributes?.map((attribute) => ({
      name: attribute.name.trim(),
      values: attribute.values
    })),
    extraParams: input.extraParams?.map((param) => ({ name: param.name.trim(), value: param.value }))
  })
}

/** Whether saving `draft` would change what is stored as `saved`. */
export function sameDraft(draft: PersonaDraft, saved: PersonaDraft): boolean {
  return normalized(draft) === normalized(saved)
}
