/** What sign and codegen both read: the method, the target, the client id, the persona and the options. */
import { readFileSync } from 'node:fs'
import type { ParseArgsConfig } from 'node:util'
import { embedOptionsSchema, type EmbedOptions, type Persona, type SigningMethod } from '../../preload/contract'
import { WorkbenchError } from '../core/errors'
import { normalizePersona, readPersonaFile, type PersonaFields } from '../personas/persona-file'
import { pair } from './args'
import { UsageError, type CliIo } from './usage'

export const signingArgOptions = {
  method: { type: 'string' },
  'embed-path': { type: 'string' },
  'version-tag': { type: 'string' },
  'client-id': { type: 'string' },
  'persona-file': { type: 'string' },
  persona: { type: 'string' },
  email: { type: 'string' },
  'external-user-id': { type: 'string' },
  teams: { type: 'string' },
  'account-type': { type: 'string' },
  ua: { type: 'string', multiple: true },
  'first-name': { type: 'string' },
  'last-name': { type: 'string' },
  'eval-connection-id': { type: 'string' },
  'session-length': { type: 'string' },
  mode: { type: 'string' },
  'jwt-version': { type: 'string' },
  control: { type: 'string', multiple: true },
  theme: { type: 'string' },
  'menu-position': { type: 'string' },
  hide: { type: 'string', multiple: true },
  lng: { type: 'string' },
  'lng-variant': { type: 'string' },
  'responsive-height': { type: 'boolean' }
} as const satisfies ParseArgsConfig['options']

export interface SigningArgs {
  method: SigningMethod
  clientId: string
  persona: Persona
  options: EmbedOptions
}

export function readSigningArgs(
  values: Record<string, string | string[] | boolean | undefined>,
  io: CliIo
): SigningArgs {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined)
  const list = (k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : undefined)
  const method = str('method')
  if (method !== 'url' && method !== 'jwt') throw new UsageError('--method must be "url" or "jwt".')
  if (!str('embed-path')) throw new UsageError('--embed-path is required.')
  const clientId = str('client-id')?.trim()
  if (!clientId) throw new UsageError('--client-id is required.')
  const persona = str('persona-file')
    ? personaFromFile(str('persona-file')!, str('persona'), io)
    : personaFromFlags(values)
  const sessionLength = str('session-length') ?? '3600'
  if (!/^\d+$/.test(sessionLength)) throw new UsageError('--session-length must be a whole number of seconds.')
  const parsedOptions = embedOptionsSchema.safeParse({
    embedPath: str('embed-path'),
    versionTag: str('version-tag'),
    sessionLength: Number(sessionLength),
    mode: str('mode') ?? 'userbacked',
    jwtVersion: str('jwt-version') ?? '1.1',
    controls: (list('control') ?? []).map((c) => pair(c, '--control')),
    theme: str('theme') ?? '',
    menuPosition: str('menu-position') ?? '',
    hide: (list('hide') ?? []).map((h) => (h.startsWith(':') ? h : `:${h}`)),
    lng: str('lng') ?? '',
    lngVariant: str('lng-variant') ?? '',
    responsiveHeight: values['responsive-height'] === true
  })
  if (!parsedOptions.success) {
    const issue = parsedOptions.error.issues[0]!
    throw new UsageError(`Option ${issue.path.join('.')}: ${issue.message}.`)
  }
  return { method, clientId, persona, options: parsedOptions.data }
}

/** The embed user from --email, --teams, --ua ...: the same normalization as a persona saved in the app. */
function personaFromFlags(values: Record<string, string | string[] | boolean | undefined>): Persona {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '')
  if (!str('email'))
    throw new UsageError(
      'Give the embed user: --persona-file F, or at least --email (with --external-user-id, --teams, --account-type).'
    )
  const input = {
    name: 'command line',
    email: str('email'),
    externalUserId: str('external-user-id') || str('email'),
    teams: str('teams').split(','),
    accountType: str('account-type'),
    userAttributes: ((values['ua'] as string[] | undefined) ?? []).map((u) => {
      const { name, value } = pair(u, '--ua')
      return { name, values: value.split(',') }
    }),
    firstName: str('first-name'),
    lastName: str('last-name'),
    evalConnectionId: str('eval-connection-id')
  }
  try {
    return { id: 'cli', ...normalizePersona(input) }
  } catch (error) {
    if (error instanceof WorkbenchError) throw new UsageError(`The embed user is not valid: ${error.message}`)
    throw error
  }
}

/** One persona from a file the Personas screen exported (or an array, or one persona): the app's own parser. */
function personaFromFile(file: string, name: string | undefined, io: CliIo): Persona {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UsageError(`Cannot read the persona file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
  }
  let list: PersonaFields[]
  try {
    const read = readPersonaFile(text)
    for (const notice of read.notices) io.stderr(`note: ${file}: ${notice}`)
    list = read.personas
  } catch (error) {
    if (error instanceof WorkbenchError) throw new UsageError(`The persona file ${file} is not valid: ${error.message}`)
    throw error
  }
  const chosen = name ? list.find((p) => p.name === name) : list.length === 1 ? list[0] : undefined
  if (!chosen) {
    const names = list.map((p) => JSON.stringify(p.name)).join(', ')
    throw new UsageError(
      name
        ? `No persona named "${name}" in ${file} (it has ${names}).`
        : `${file} holds ${list.length} personas (${names}): choose one with --persona NAME.`
    )
  }
  return { id: 'file', ...chosen }
}
