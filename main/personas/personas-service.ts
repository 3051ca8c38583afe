/**
 * User personas: who the embed user is (email, teams, account type, user attributes...). They hold
 * no secret, live in their own plain store file, and export to JSON to share between engineers.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { personaInputSchema, type Notice, type Persona, type PersonaInput } from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import { confBackingStore, loadStoreFile, storeFilePath, type BackingStore, type BackingStoreFactory } from '../store/json-file'

const storedPersonaSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    email: z.string(),
    externalUserId: z.string(),
    teams: z.array(z.string()),
    accountType: z.string(),
    userAttributes: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
    firstName: z.string(),
    lastName: z.string(),
    evalConnectionId: z.string(),
    extraParams: z.array(z.object({ name: z.string(), value: z.string() }))
  })
  .passthrough()

const personasFileSchema = z.object({ version: z.literal(1), personas: z.array(storedPersonaSchema) }).passthrough()
type PersonasFile = z.infer<typeof personasFileSchema>

export const PERSONAS_FILE_NAME = 'personas'
export const EXPORT_FORMAT = 'embed-workbench-personas'

/** The two personas of the QuickStart, seeded on first run. */
export const seedPersonas: PersonaInput[] = [
  { name: 'Sales Manager', email: 'sales.manager@example.com', externalUserId: 'sales-manager-1', teams: ['Sales_Managers'], accountType: 'Creator' },
  { name: 'Sales Person', email: 'sales.person@example.com', externalUserId: 'sales-person-1', teams: ['Sales_People'], accountType: 'Viewer' }
]

export interface PersonasOptions {
  dataDir: string
  backingStore?: BackingStoreFactory
  clock?: Clock
}

export interface PersonasService {
  notices: Notice[]
  list(): Persona[]
  get(id: string): Persona
  create(input: PersonaInput): Persona
  update(id: string, input: PersonaInput): Persona
  duplicate(id: string): Persona
  remove(id: string): { id: string }
  exportJson(ids?: string[]): { json: string; count: number }
  importJson(json: string): { imported: Persona[]; notices: string[] }
}

export function openPersonas(options: PersonasOptions): PersonasService {
  const now = (options.clock ?? systemClock).now()
  const loaded = loadStoreFile(storeFilePath(options.dataDir, PERSONAS_FILE_NAME), personasFileSchema, (): PersonasFile => ({ version: 1, personas: [] }), 'personas', now)
  const store: BackingStore = (options.backingStore ?? confBackingStore)({ cwd: options.dataDir, name: PERSONAS_FILE_NAME })
  let data = loaded.data

  const commit = (next: PersonasFile) => {
    try {
      store.write(next)
    } catch (error) {
      throw new WorkbenchError('STORE_WRITE_FAILED', `Could not write the personas file at ${store.path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Nothing was changed.`)
    }
    data = next
  }
  const snapshot = (p: Persona): Persona => structuredClone(toPersona(p))
  const find = (id: string) => {
    const persona = data.personas.find((p) => p.id === id)
    if (!persona) throw new WorkbenchError('PERSONA_NOT_FOUND', 'That persona no longer exists. Refresh the list.')
    return persona
  }
  const assertNameFree = (name: string, exceptId?: string) => {
    const taken = data.personas.find((p) => p.id !== exceptId && p.name.toLowerCase() === name.toLowerCase())
    if (taken) throw new WorkbenchError('NAME_TAKEN', `A persona is already named "${taken.name}". Choose another name.`, 'name')
  }
  const freeName = (name: string, taken: { name: string }[] = data.personas) => {
    let candidate = name
    for (let n = 2; taken.some((p) => p.name.toLowerCase() === candidate.toLowerCase()); n++) candidate = `${name} (${n})`
    return candidate
  }

  if (loaded.created) commit({ version: 1, personas: seedPersonas.map((input) => ({ id: randomUUID(), ...normalize(input) })) })

  return {
    notices: loaded.notices,
    list: () => data.personas.map(snapshot),
    get: (id) => snapshot(find(id)),
    create(input) {
      const persona = { id: randomUUID(), ...normalize(input) }
      assertNameFree(persona.name)
      commit({ ...data, personas: [...data.personas, persona] })
      return snapshot(persona)
    },
    update(id, input) {
      find(id)
      const persona = { ...find(id), ...normalize(input), id }
      assertNameFree(persona.name, id)
      commit({ ...data, personas: data.personas.map((p) => (p.id === id ? persona : p)) })
      return snapshot(persona)
    },
    duplicate(id) {
      const original = find(id)
      const copy = { ...structuredClone(original), id: randomUUID(), name: freeName(`${original.name} copy`) }
      const index = data.personas.indexOf(original)
      commit({ ...data, personas: [...data.personas.slice(0, index + 1), copy, ...data.personas.slice(index + 1)] })
      return snapshot(copy)
    },
    remove(id) {
      find(id)
      commit({ ...data, personas: data.personas.filter((p) => p.id !== id) })
      return { id }
    },
    exportJson(ids) {
      const chosen = ids ? data.personas.filter((p) => ids.includes(p.id)) : data.personas
      // Only the persona fields, never ids or anything a newer version stored beside them.
      const personas = chosen.map((p) => {
        const { id: _id, ...fields } = toPersona(p)
        return fields
      })
      return { json: JSON.stringify({ format: EXPORT_FORMAT, version: 1, personas }, null, 2), count: personas.length }
    },
    importJson(json) {
      let parsed: unknown
      try {
        parsed = JSON.parse(json)
      } catch (error) {
        throw new WorkbenchError('IMPORT_INVALID', `That is not valid JSON (${(error as Error).message.replace(/^.*?JSON[^:]*:\s*/, '')}). Paste the file that "Export" wrote.`, 'json')
      }
      const list = Array.isArray(parsed) ? parsed : (parsed as { personas?: unknown })?.personas
      if (!Array.isArray(list)) throw new WorkbenchError('IMPORT_INVALID', 'Expected an export file ({"personas": [...]}) or an array of personas.', 'json')
      const notices: string[] = []
      const incoming: Persona[] = []
      const all = [...data.personas]
      const known = new Set(Object.keys(personaInputSchema.shape))
      list.forEach((item, index) => {
        if (!item || typeof item !== 'object') throw new WorkbenchError('IMPORT_INVALID', `Persona ${index + 1} is not an object. Nothing was imported.`, 'json')
        const ignored = Object.keys(item).filter((k) => !known.has(k) && k !== 'id')
        const fields = Object.fromEntries(Object.entries(item).filter(([k]) => known.has(k)))
        const result = personaInputSchema.safeParse(fields)
        if (!result.success) {
          const issue = result.error.issues[0]!
          throw new WorkbenchError('IMPORT_INVALID', `Persona ${index + 1}${typeof fields['name'] === 'string' ? ` ("${fields['name']}")` : ''}: ${issue.path.join('.') || 'value'}: ${issue.message}. Nothing was imported.`, 'json')
        }
        if (ignored.length) notices.push(`Persona ${index + 1}: ignored unknown field${ignored.length === 1 ? '' : 's'} ${ignored.map((k) => `"${k}"`).join(', ')}.`)
        const persona = { id: randomUUID(), ...normalize(result.data) }
        const name = freeName(persona.name, all)
        if (name !== persona.name) notices.push(`"${persona.name}" already exists; imported as "${name}".`)
        incoming.push({ ...persona, name })
        all.push({ ...persona, name })
      })
      if (!incoming.length) throw new WorkbenchError('IMPORT_INVALID', 'The file holds no personas.', 'json')
      commit({ ...data, personas: all })
      return { imported: incoming.map(snapshot), notices }
    }
  }
}

/** Trims what the user typed and drops empty list entries; refuses a persona without a name. */
function normalize(input: PersonaInput): Omit<Persona, 'id'> {
  const result = personaInputSchema.safeParse(input)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new WorkbenchError('PERSONA_INVALID', `${issue.path.join('.') || 'persona'}: ${issue.message}.`, String(issue.path[0] ?? 'name'))
  }
  const parsed = result.data
  const name = parsed.name.trim()
  if (!name) throw new WorkbenchError('PERSONA_INVALID', 'Give the persona a name.', 'name')
  const attributes = parsed.userAttributes.map((a) => ({ name: a.name.trim(), values: a.values.map((v) => v.trim()).filter(Boolean) }))
  if (attributes.some((a) => !a.name && a.values.length)) throw new WorkbenchError('PERSONA_INVALID', 'Every user attribute needs a name.', 'userAttributes')
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

function toPersona(p: Persona): Persona {
  const { id, name, email, externalUserId, teams, accountType, userAttributes, firstName, lastName, evalConnectionId, extraParams } = p
  return { id, name, email, externalUserId, teams, accountType, userAttributes, firstName, lastName, evalConnectionId, extraParams }
}
