/**
 * Reading personas from what a person typed or a file they were given: the one parser behind the
 * Personas screen's import and the command line's --persona-file, so both accept and refuse alike.
 */
import { personaInputSchema, type Persona, type PersonaInput } from '../../preload/contract'
import { WorkbenchError } from '../core/errors'

export type PersonaFields = Omit<Persona, 'id'>

/**
 * The personas in an export file ({"personas": [...]}), an array of personas, or one persona
 * object. Unknown fields are dropped with a notice; anything invalid refuses the whole file.
 */
export function readPersonaFile(json: string): { personas: PersonaFields[]; notices: string[] } {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch (error) {
    throw new WorkbenchError(
      'IMPORT_INVALID',
      `That is not valid JSON (${(error as Error).message.replace(/^.*?JSON[^:]*:\s*/, '')}). Paste the file that "Export" wrote.`,
      'json'
    )
  }
  const single =
    parsed &&
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    typeof (parsed as { name?: unknown }).name === 'string' &&
    !('personas' in parsed)
  const list = Array.isArray(parsed) ? parsed : single ? [parsed] : (parsed as { personas?: unknown })?.personas
  if (!Array.isArray(list))
    throw new WorkbenchError(
      'IMPORT_INVALID',
      'Expected an export file ({"personas": [...]}) or an array of personas.',
      'json'
    )
  const notices: string[] = []
  const known = new Set(Object.keys(personaInputSchema.shape))
  const personas = list.map((item: unknown, index) => {
    if (!item || typeof item !== 'object')
      throw new WorkbenchError('IMPORT_INVALID', `Persona ${index + 1} is not an object. Nothing was imported.`, 'json')
    const ignored = Object.keys(item).filter((k) => !known.has(k) && k !== 'id')
    const fields = Object.fromEntries(Object.entries(item).filter(([k]) => known.has(k)))
    const result = personaInputSchema.safeParse(fields)
    if (!result.success) {
      const issue = result.error.issues[0]!
      throw new WorkbenchError(
        'IMPORT_INVALID',
        `Persona ${index + 1}${typeof fields['name'] === 'string' ? ` ("${fields['name']}")` : ''}: ${issue.path.join('.') || 'value'}: ${issue.message}. Nothing was imported.`,
        'json'
      )
    }
    if (ignored.length)
      notices.push(
        `Persona ${index + 1}: ignored unknown field${ignored.length === 1 ? '' : 's'} ${ignored.map((k) => `"${k}"`).join(', ')}.`
      )
    return normalizePersona(result.data)
  })
  if (!personas.length) throw new WorkbenchError('IMPORT_INVALID', 'The file holds no personas.', 'json')
  return { personas, notices }
}

/** Trims what the user typed and drops empty list entries; refuses a persona without a name. */
export function normalizePersona(input: PersonaInput): Omit<Persona, 'id'> {
  const result = personaInputSchema.safeParse(input)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new WorkbenchError(
      'PERSONA_INVALID',
      `${issue.path.join('.') || 'persona'}: ${issue.message}.`,
      String(issue.path[0] ?? 'name')
    )
  }
  const parsed = result.data
  const name = parsed.name.trim()
  if (!name) throw new WorkbenchError('PERSONA_INVALID', 'Give the persona a name.', 'name')
  const attributes = parsed.userAttributes.map((a) => ({
    name: a.name.trim(),
    values: a.values.map((v) => v.trim()).filter(Boolean)
  }))
  if (attributes.some((a) => !a.name && a.values.length))
    throw new WorkbenchError('PERSONA_INVALID', 'Every user attribute needs a name.', 'userAttributes')
  return {
    name,
    email: parsed.email.trim(),
    externalUserId: parsed.externalUserId.trim(),
    teams: parsed.teams.map((t) => t.trim()).filter(Boolean),
    accountType: parsed.accountType.trim(),
    userAttributes: attributes.filter((a) => a.name),
    firstName: parsed.firstName.trim(),
    lastName: parsed.lastName.trim(),
    evalConnectionId: parsed.evalConnectionId.trim(),
    extraParams: parsed.extraParams.filter((p) => p.name.trim()).map((p) => ({ name: p.name.trim(), value: p.value }))
  }
}
