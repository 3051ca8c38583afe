/** `sign`: an embed URL for a persona, signed by the app's own signing path with a secret from the environment or a file. */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { embedOptionsSchema, type Persona } from '../../../preload/contract'
import { WorkbenchError } from '../../core/errors'
import { normalizePersona, readPersonaFile, type PersonaFields } from '../../personas/persona-file'
import { defaultLimits } from '../../protocol/parameters'
import { signEmbed, type SignedWithFindings } from '../../signing/signing-service'
import { pair, readSecrets, secretOptions } from '../args'
import { findingJson } from '../print/findings'
import { UsageError, type CliIo } from '../usage'

export async function signCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      method: { type: 'string' },
      'embed-path': { type: 'string' },
      'version-tag': { type: 'string' },
      'client-id': { type: 'string' },
      ...secretOptions,
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
      'responsive-height': { type: 'boolean' },
      json: { type: 'boolean' }
    }
  })
  const method = values.method
  if (method !== 'url' && method !== 'jwt') throw new UsageError('--method must be "url" or "jwt".')
  if (!values['embed-path']) throw new UsageError('--embed-path is required.')
  const clientId = values['client-id']?.trim()
  if (!clientId) throw new UsageError('--client-id is required.')
  const secrets = readSecrets(values, io)
  if (secrets.length !== 1) throw new UsageError('Give exactly one secret: --secret-env VAR or --secret-file F.')
  const persona = values['persona-file']
    ? personaFromFile(values['persona-file'], values.persona, io)
    : personaFromFlags(values)
  const sessionLength = values['session-length'] ?? '3600'
  if (!/^\d+$/.test(sessionLength)) throw new UsageError('--session-length must be a whole number of seconds.')
  const parsedOptions = embedOptionsSchema.safeParse({
    embedPath: values['embed-path'],
    versionTag: values['version-tag'],
    sessionLength: Number(sessionLength),
    mode: values.mode ?? 'userbacked',
    jwtVersion: values['jwt-version'] ?? '1.1',
    controls: (values.control ?? []).map((c) => pair(c, '--control')),
    theme: values.theme ?? '',
    menuPosition: values['menu-position'] ?? '',
    hide: (values.hide ?? []).map((h) => (h.startsWith(':') ? h : `:${h}`)),
    lng: values.lng ?? '',
    lngVariant: values['lng-variant'] ?? '',
    responsiveHeight: values['responsive-height'] ?? false
  })
  if (!parsedOptions.success) {
    const issue = parsedOptions.error.issues[0]!
    throw new UsageError(`Option ${issue.path.join('.')}: ${issue.message}.`)
  }
  let signed: SignedWithFindings
  try {
    signed = await signEmbed({
      method,
      persona,
      options: parsedOptions.data,
      key: { name: secrets[0]!.label, clientId, secret: secrets[0]!.secret },
      now: io.now(),
      limits: defaultLimits
    })
  } catch (error) {
    // The app refuses a bad embed path with this sentence under the field; here it is bad usage.
    if (error instanceof WorkbenchError && error.field === 'embedPath')
      throw new UsageError(`--embed-path: ${error.message}`)
    throw error
  }
  const findings = signed.findings
  if (values.json) {
    io.stdout(
      JSON.stringify(
        {
          method: signed.method,
          url: signed.url,
          params: signed.params,
          issuedAt: signed.issuedAt,
          expiresAt: signed.expiresAt,
          jwt: signed.jwt,
          findings: findings.map(findingJson)
        },
        null,
        2
      )
    )
  } else {
    io.stdout(signed.url)
    for (const f of findings.filter((x) => x.severity !== 'info'))
      io.stderr(`${f.severity}: ${f.code}${f.param ? ` (${f.param})` : ''}: ${f.message}`)
  }
  return 0
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
