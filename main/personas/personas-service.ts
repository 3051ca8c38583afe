/**
 * User personas: who the embed user is (email, teams, account type, user attributes...). They hold
 * no secret, live in their own plain store file, and export to JSON to share between engineers.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Notice, Persona, PersonaInput } from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import { deepFreeze } from '../core/freeze'
import { WorkbenchError } from '../core/errors'
import {
  confBackingStore,
  loadStoreFile,
  storeFilePath,
  type BackingStore,
  type BackingStoreFactory,
  writeStore
} from '../store/json-file'
import { normalizePersona, readPersonaFile } from './persona-file'

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
  {
    name: 'Sales Manager',
    email: 'sales.manager@example.com',
    externalUserId: 'sales-manager-1',
    teams: ['Sales_Managers'],
    accountType: 'Creator'
  },
  {
    name: 'Sales Person',
    email: 'sales.person@example.com',
    externalUserId: 'sales-person-1',
    teams: ['Sales_People'],
    accountType: 'Viewer'
  }
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
  const loaded = loadStoreFile(
    storeFilePath(options.dataDir, PERSONAS_FILE_NAME),
    personasFileSchema,
    (): PersonasFile => ({ version: 1, personas: [] }),
    'personas',
    now
  )
  const store: BackingStore = (options.backingStore ?? confBackingStore)({
    cwd: options.dataDir,
    name: PERSONAS_FILE_NAME
  })
  let data = loaded.data

  const commit = (next: PersonasFile) => {
    writeStore(store, next, 'personas file')
    data = next
  }
  // Read on every sign: one frozen copy per stored persona (the store replaces a persona on change,
  // never edits it in place), so a read copies nothing and a reader cannot change the store.
  const snapshots = new WeakMap<Persona, Persona>()
  const snapshot = (p: Persona): Persona => {
    let copy = snapshots.get(p)
    if (!copy) {
      copy = deepFreeze(structuredClone(toPersona(p)))
      snapshots.set(p, copy)
    }
    return copy
  }
  const find = (id: string) => {
    const persona = data.personas.find((p) => p.id === id)
    if (!persona) throw new WorkbenchError('PERSONA_NOT_FOUND', 'That persona no longer exists. Refresh the list.')
    return persona
  }
  const assertNameFree = (name: string, exceptId?: string) => {
    const taken = data.personas.find((p) => p.id !== exceptId && p.name.toLowerCase() === name.toLowerCase())
    if (taken)
      throw new WorkbenchError('NAME_TAKEN', `A persona is already named "${taken.name}". Choose another name.`, 'name')
  }
  const freeName = (name: string, taken: { name: string }[] = data.personas) => {
    let candidate = name
    for (let n = 2; taken.some((p) => p.name.toLowerCase() === candidate.toLowerCase()); n++)
      candidate = `${name} (${n})`
    return candidate
  }

  if (loaded.created)
    commit({ version: 1, personas: seedPersonas.map((input) => ({ id: randomUUID(), ...normalizePersona(input) })) })

  return {
    notices: loaded.notices,
    list: () => data.personas.map(snapshot),
    get: (id) => snapshot(find(id)),
    create(input) {
      const persona = { id: randomUUID(), ...normalizePersona(input) }
      assertNameFree(persona.name)
      commit({ ...data, personas: [...data.personas, persona] })
      return snapshot(persona)
    },
    update(id, input) {
      find(id)
      const persona = { ...find(id), ...normalizePersona(input), id }
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
      const file = readPersonaFile(json)
      const notices = [...file.notices]
      const incoming: Persona[] = []
      const all = [...data.personas]
      // Names taken, and for each name the next "(n)" to try: an import is linear in its size,
      // even when every persona in it has the same name (issue 18, item 5).
      const taken = new Set(all.map((p) => p.name.toLowerCase()))
      const next = new Map<string, number>()
      const free = (base: string) => {
        let n = next.get(base.toLowerCase()) ?? 2
        let candidate = base
        while (taken.has(candidate.toLowerCase())) candidate = `${base} (${n++})`
        next.set(base.toLowerCase(), n)
        taken.add(candidate.toLowerCase())
        return candidate
      }
      for (const fields of file.personas) {
        const persona = { id: randomUUID(), ...fields }
        const name = free(persona.name)
        if (name !== persona.name) notices.push(`"${persona.name}" already exists; imported as "${name}".`)
        incoming.push({ ...persona, name })
        all.push({ ...persona, name })
      }
      commit({ ...data, personas: all })
      return { imported: incoming.map(snapshot), notices }
    }
  }
}

function toPersona(p: Persona): Persona {
  const {
    id,
    name,
    email,
    externalUserId,
    teams,
    accountType,
    userAttributes,
    firstName,
    lastName,
    evalConnectionId,
    extraParams
  } = p
  return {
    id,
    name,
    email,
    externalUserId,
    teams,
    accountType,
    userAttributes,
    firstName,
    lastName,
    evalConnectionId,
    extraParams
  }
}
