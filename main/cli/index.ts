/**
 * `embed-workbench`: the same signer, inspector and diff as the app, from a terminal or CI.
 * Secrets come only from environment variables or files, never from arguments (which end up in
 * shell history and `ps`).
 *
 *   embed-workbench sign --method url|jwt --embed-path P --client-id ID --secret-env VAR [persona] [options] [--json]
 *   embed-workbench inspect URL_OR_JWT|- [--secret-env VAR]... [--secret-file F]... [--now UNIX] [--json]
 *   embed-workbench diff URL_A URL_B [--json]
 *   embed-workbench request --credential NAME --method M --path P [--body F] [--org ORG] [--json]
 *   embed-workbench verify-server --credential NAME [--org ORG] [--port N] [--require-client-cert --client-ca-cert NAME]
 *   embed-workbench cert check --cert F [--key F] [--passphrase-env VAR] [--ca F] [--domains LIST] [--host H] [--json]
 *
 * Exit codes: 0 fine, 1 an error finding (inspect) or a failure, 2 bad usage.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { embedOptionsSchema, MAX_CERTIFICATE_BYTES, personaInputSchema, type ApiRequestResult, type CertificateReport, type EmulatorRequest, type Finding, type Inspection, type Persona } from '../../preload/contract'
import { validateCertificate } from '../certificates/validate'
import { createServices, type Services } from '../services'
import { defaultDataDir } from '../store/paths'
import { WorkbenchError } from '../core/errors'
import { diffEmbedUrls } from '../inspector/diff'
import { hasError } from '../protocol/findings'
import { inspectEmbed, type KnownCredential } from '../inspector/inspector'
import { signJwt, signUrl } from '../signing/signer'

class UsageError extends Error {}

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  readStdin: () => string
  now: () => number
  /** Resolves when a long-running command (emulator) should stop: Ctrl+C, or the test's say-so. */
  untilStopped?: () => Promise<void>
}

const USAGE = `Usage:
  embed-workbench sign --method url|jwt --embed-path URL --client-id ID (--secret-env VAR | --secret-file F)
      [--persona-file F [--persona NAME] | --email E --external-user-id X --teams A,B --account-type T
       --ua Name=v1,v2 ... --first-name F --last-name L --eval-connection-id C]
      [--session-length S] [--mode userbacked|view] [--jwt-version 1.0|1.1] [--version-tag T]
      [--control Name=value ...] [--theme T] [--menu-position top|bottom|none] [--hide :hide_menu ...]
      [--lng L] [--lng-variant V] [--responsive-height] [--json]
  embed-workbench inspect URL_OR_JWT|- [--secret-env VAR]... [--secret-file F]... [--now UNIX] [--json]
  embed-workbench diff URL_A URL_B [--json]
  embed-workbench cert check --cert F [--key F] [--passphrase-env VAR] [--ca F] [--domains LIST --host H[:PORT]] [--json]
  embed-workbench request --credential NAME --method GET|POST|... --path P [--body F] [--header 'Name: value' ...]
      [--org ORG] [--environment test|production] [--cacert SERVER_CA.pem] [--dry-run] [--json] [--data-dir D] [--passphrase-env VAR]
  embed-workbench verify-server --credential NAME [--org ORG] [--port N] [--require-client-cert --client-ca-cert CERT_NAME]
      [--max-skew S] [--environment test|production] [--data-dir D] [--passphrase-env VAR]
  embed-workbench emulator [--port N] [--data-dir D] [--passphrase-env VAR]
  embed-workbench credentials list [--json] | create --name N --secret-out FILE [--description T --owner O --account-type A]
      | import --name N --client-id ID (--secret-env VAR | --secret-file F) | revoke (--client-id ID | --name N)
      [--data-dir D] [--passphrase-env VAR]

request and verify-server use the environment selected in the app unless --environment chooses one for this run.
The vault passphrase comes from --passphrase-env VAR (default EMBED_WORKBENCH_PASSPHRASE).
Secrets are read only from environment variables (--secret-env) or files (--secret-file).
cert check reads PEM, DER, PKCS#7 and PKCS#12 files; the key passphrase comes from --passphrase-env VAR.
Exit codes: 0 ok, 1 an error finding or a failure, 2 bad usage.`

const secretOptions = {
  'secret-env': { type: 'string', multiple: true },
  'secret-file': { type: 'string', multiple: true }
} as const satisfies ParseArgsConfig['options']

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    refuseSecretArguments(rest)
    switch (command) {
      case 'sign':
        return await sign(rest, io)
      case 'inspect':
        return inspect(rest, io)
      case 'diff':
        return diff(rest, io)
      case 'emulator':
        return await emulatorCommand(rest, io)
      case 'credentials':
        return await credentialsCommand(rest, io)
      case 'cert':
        return await certCommand(rest, io)
      case 'request':
        return await requestCommand(rest, io)
      case 'verify-server':
        return await verifyServerCommand(rest, io)
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`Unknown command "${command}".`)
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`${error.message}\n\n${USAGE}`)
      return 2
    }
    if (error instanceof WorkbenchError) {
      io.stderr(error.message)
      return 1
    }
    throw error
  }
}

/** A secret must never be an argument: say so before anything else runs. */
function refuseSecretArguments(args: string[]): void {
  for (const arg of args) {
    if (/^--(secret|client-secret|embed-secret|password|passphrase)(=|$)/.test(arg)) {
      throw new UsageError(`${arg.split('=')[0]} is not accepted: secrets are read only from an environment variable (--secret-env VAR) or a file (--secret-file F), because arguments end up in shell history and process lists.`)
    }
  }
}

function readSecrets(values: { 'secret-env'?: string[]; 'secret-file'?: string[] }, io: CliIo): { label: string; secret: string }[] {
  const secrets: { label: string; secret: string }[] = []
  for (const name of values['secret-env'] ?? []) {
    const value = io.env[name]
    if (value === undefined || value === '') throw new UsageError(`The environment variable ${name} is not set (or empty).`)
    secrets.push({ label: `$${name}`, secret: trimmed(value, `$${name}`, io) })
  }
  for (const file of values['secret-file'] ?? []) {
    let value: string
    try {
      value = readFileSync(file, 'utf8')
    } catch (error) {
      throw new UsageError(`Cannot read the secret file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
    }
    if (!value.trim()) throw new UsageError(`The secret file ${file} is empty.`)
    secrets.push({ label: file, secret: trimmed(value, file, io) })
  }
  return secrets
}

function trimmed(secret: string, label: string, io: CliIo): string {
  const clean = secret.trim()
  if (clean !== secret) io.stderr(`note: the secret in ${label} had surrounding whitespace (a trailing newline?); it was removed.`)
  return clean
}

// ---------------------------------------------------------------------------------------------

async function sign(args: string[], io: CliIo): Promise<number> {
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
  const persona = values['persona-file'] ? personaFromFile(values['persona-file'], values.persona) : personaFromFlags(values)
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
  const key = { clientId, secret: secrets[0]!.secret }
  const now = io.now()
  const args2 = { persona, options: parsedOptions.data, key, now }
  const signed = method === 'url' ? signUrl(args2) : await signJwt(args2)
  const check = inspectEmbed(signed.url, { credentials: [{ name: secrets[0]!.label, clientId, secret: key.secret, status: 'active' }], now })
  const findings = check.findings.filter((f) => f.code !== 'CONTROL_VALUE')
  if (values.json) {
    io.stdout(JSON.stringify({ method: signed.method, url: signed.url, params: signed.params, issuedAt: signed.issuedAt, expiresAt: signed.expiresAt, jwt: signed.jwt, findings: findings.map(findingJson) }, null, 2))
  } else {
    io.stdout(signed.url)
    for (const f of findings.filter((x) => x.severity !== 'info')) io.stderr(`${f.severity}: ${f.code}${f.param ? ` (${f.param})` : ''}: ${f.message}`)
  }
  return 0
}

function pair(text: string, flag: string): { name: string; value: string } {
  const eq = text.indexOf('=')
  if (eq <= 0) throw new UsageError(`${flag} takes Name=value, not "${text}".`)
  return { name: text.slice(0, eq), value: text.slice(eq + 1) }
}

function personaFromFlags(values: Record<string, string | string[] | boolean | undefined>): Persona {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '')
  if (!str('email')) throw new UsageError('Give the embed user: --persona-file F, or at least --email (with --external-user-id, --teams, --account-type).')
  const input = {
    name: 'command line',
    email: str('email'),
    externalUserId: str('external-user-id') || str('email'),
    teams: str('teams').split(',').map((t) => t.trim()).filter(Boolean),
    accountType: str('account-type'),
    userAttributes: ((values['ua'] as string[] | undefined) ?? []).map((u) => {
      const { name, value } = pair(u, '--ua')
      return { name, values: value.split(',') }
    }),
    firstName: str('first-name'),
    lastName: str('last-name'),
    evalConnectionId: str('eval-connection-id')
  }
  return { id: 'cli', ...personaInputSchema.parse(input) } as Persona
}

function personaFromFile(file: string, name: string | undefined): Persona {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new UsageError(`Cannot read the persona file ${file}: ${(error as Error).message}`)
  }
  const list: unknown[] = Array.isArray(parsed) ? parsed : Array.isArray((parsed as { personas?: unknown })?.personas) ? (parsed as { personas: unknown[] }).personas : [parsed]
  const chosen = name ? list.find((p) => (p as { name?: unknown })?.name === name) : list.length === 1 ? list[0] : undefined
  if (!chosen) {
    const names = list.map((p) => JSON.stringify((p as { name?: unknown })?.name)).join(', ')
    throw new UsageError(name ? `No persona named "${name}" in ${file} (it has ${names}).` : `${file} holds ${list.length} personas (${names}): choose one with --persona NAME.`)
  }
  const known = new Set(Object.keys(personaInputSchema.shape))
  const result = personaInputSchema.safeParse(Object.fromEntries(Object.entries(chosen as object).filter(([k]) => known.has(k))))
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new UsageError(`The persona in ${file} is not valid: ${issue.path.join('.')}: ${issue.message}.`)
  }
  return { id: 'file', ...result.data } as Persona
}

// ---------------------------------------------------------------------------------------------

function inspect(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { ...secretOptions, now: { type: 'string' }, json: { type: 'boolean' } } })
  if (positionals.length !== 1) throw new UsageError('inspect takes one URL or JWT (or "-" to read it from standard input).')
  const input = positionals[0] === '-' ? io.readStdin() : positionals[0]!
  if (values.now !== undefined && !/^\d+$/.test(values.now)) throw new UsageError('--now must be Unix seconds.')
  const credentials: KnownCredential[] = readSecrets(values, io).map((s) => ({ name: s.label, clientId: null, secret: s.secret, status: 'active' }))
  const result = inspectEmbed(input, { credentials, now: values.now ? Number(values.now) : io.now() })
  if (values.json) io.stdout(JSON.stringify(inspectionJson(result), null, 2))
  else io.stdout(inspectionText(result))
  return hasError(result.findings) ? 1 : 0
}

export function inspectionJson(result: Inspection) {
  return {
    method: result.method,
    signature: result.signature,
    findings: result.findings.map(findingJson),
    params: result.params.map((p) => ({ name: p.name, value: p.value }))
  }
}

function findingJson(f: Finding) {
  return { code: f.code, severity: f.severity, param: f.param, message: f.message, fix: f.fix }
}

function inspectionText(result: Inspection): string {
  const lines = [`method: ${result.method}    signature: ${result.signature}${result.verifiedWith ? ` (verified with ${result.verifiedWith})` : ''}`, '']
  const width = Math.min(28, Math.max(4, ...result.params.map((p) => p.name.length)))
  for (const p of result.params) lines.push(`  ${p.check === 'ok' ? ' ' : p.check === 'error' ? '✗' : '!'} ${p.name.padEnd(width)}  ${p.value.length > 100 ? `${p.value.slice(0, 100)}…` : p.value}`)
  lines.push('')
  lines.push(...findingLines(result.findings))
  return lines.join('\n')
}

// ---------------------------------------------------------------------------------------------

function diff(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { json: { type: 'boolean' } } })
  if (positionals.length !== 2) throw new UsageError('diff takes two URLs.')
  const result = diffEmbedUrls(positionals[0]!, positionals[1]!)
  if (values.json) {
    io.stdout(JSON.stringify(result, null, 2))
  } else {
    const lines = result.baseLeft === result.baseRight ? [`base: ${result.baseLeft}`] : [`base: - ${result.baseLeft}`, `      + ${result.baseRight}`]
    const mark = { same: ' ', changed: '~', 'only-left': '-', 'only-right': '+', moved: '>' } as const
    for (const p of result.params) {
      const value = p.status === 'changed' ? `${p.left} → ${p.right}` : (p.left ?? p.right ?? '')
      lines.push(`${mark[p.status]} ${p.name}  ${value}`)
    }
    io.stdout(lines.join('\n'))
  }
  return result.params.some((p) => p.status !== 'same') || result.baseLeft !== result.baseRight ? 1 : 0
}

// ---------------------------------------------------------------------------------------------
// Headless emulator and credentials: the same data folder and vault as the app.

const vaultOptions = {
  'data-dir': { type: 'string' },
  'passphrase-env': { type: 'string' }
} as const satisfies ParseArgsConfig['options']

async function openVault(values: { 'data-dir'?: string; 'passphrase-env'?: string }, io: CliIo, options: { required: boolean }): Promise<Services> {
  const dataDir = values['data-dir'] ?? io.env['EWB_DATA_DIR'] ?? defaultDataDir()
  const services = await createServices({ dataDir, rendererDir: join(__dirname, '../renderer') })
  for (const notice of services.vault.status().notices) io.stderr(`warning: ${notice.message}`)
  const variable = values['passphrase-env'] ?? 'EMBED_WORKBENCH_PASSPHRASE'
  const passphrase = io.env[variable]
  const state = services.vault.status().state
  if (state === 'unavailable') throw new WorkbenchError('VAULT_UNAVAILABLE', services.vault.status().reason ?? 'The vault cannot be opened here.')
  if (!passphrase) {
    if (options.required) throw new UsageError(`Set the vault passphrase in the environment variable ${variable} (or name another with --passphrase-env).`)
    io.stderr(`note: ${variable} is not set, so the vault stays locked: every embed request will be refused as from an unknown client id.`)
    return services
  }
  if (state === 'needs-setup') {
    await services.vault.setUp(passphrase, passphrase)
    io.stderr(`note: created a new vault in ${dataDir} with the passphrase from ${variable}.`)
  } else if (state === 'locked') {
    await services.vault.unlock(passphrase)
  }
  return services
}

async function emulatorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, strict: true, options: { ...vaultOptions, port: { type: 'string' } } })
  if (values.port !== undefined && (!/^\d+$/.test(values.port) || Number(values.port) > 65535)) throw new UsageError('--port must be a number from 0 to 65535.')
  const services = await openVault(values, io, { required: false })
  const emulator = services.emulator
  emulator.subscribe((e) => io.stdout(verdictLine(e)))
  await emulator.start(values.port === undefined ? undefined : Number(values.port))
  const status = emulator.status()
  if (!status.running) throw new WorkbenchError('INTERNAL', status.problem ?? 'The emulator did not start.')
  if (status.problem) io.stderr(`note: ${status.problem}`)
  io.stdout(`Embed host emulator listening on ${status.baseUrl}`)
  io.stdout(`Org "${services.org.get().slug}": teams ${status.teams.join(', ')}; account types ${status.accountTypes.map((a) => a.name).join(', ')}.`)
  io.stdout('Embed paths (signed URL form | JWT form):')
  for (const t of status.targets) io.stdout(`  ${t.label}\n    ${t.embedPath}\n    ${t.workbookUrl}`)
  io.stdout('Each request is logged below with its verdict. Ctrl+C stops.')
  await (io.untilStopped?.() ?? Promise.resolve())
  await emulator.stop()
  return 0
}

function verdictLine(e: EmulatorRequest): string {
  const head = `${e.at} ${e.status} ${e.verdict.toUpperCase()}${e.hostCode ? ` ${e.hostCode}` : ''}${e.user ? ` ${e.user}` : ''} ${e.url.replace(/\?.*$/, '?…')}`
  const errors = e.findings.filter((f) => f.severity === 'error')
  return [head, ...(e.message ? [`    ${e.message}`] : []), ...errors.map((f) => `    ${f.code}${f.param ? ` (${f.param})` : ''}: ${f.message}`)].join('\n')
}

async function credentialsCommand(args: string[], io: CliIo): Promise<number> {
  const [action, ...rest] = args
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      ...vaultOptions,
      ...secretOptions,
      name: { type: 'string' },
      description: { type: 'string' },
      owner: { type: 'string' },
      'account-type': { type: 'string' },
      'client-id': { type: 'string' },
      'secret-out': { type: 'string' },
      json: { type: 'boolean' }
    }
  })
  if (!['list', 'create', 'import', 'revoke'].includes(action ?? '')) throw new UsageError('credentials takes list, create, import or revoke.')
  if (action === 'create' && !values['secret-out']) throw new UsageError('create writes the new secret to a file: give --secret-out FILE (it is never printed).')
  const services = await openVault(values, io, { required: true })
  const fields = { name: values.name ?? '', description: values.description ?? '', owner: values.owner ?? '', ownerAccountType: values['account-type'] ?? 'Admin' }
  switch (action) {
    case 'list': {
      const list = await services.credentials.list()
      if (values.json) io.stdout(JSON.stringify(list, null, 2))
      else for (const c of list) io.stdout(`${c.status.padEnd(8)} ${c.clientId}  ${c.fingerprint ?? 'unreadable '}  ${c.name}`)
      return 0
    }
    case 'create': {
      const created = await services.credentials.create(fields)
      writeFileSync(values['secret-out']!, `${created.secret}\n`, { mode: 0o600, flag: 'wx' })
      io.stdout(created.credential.clientId)
      io.stderr(`Created "${created.credential.name}". The secret was written to ${values['secret-out']} (mode 0600); it is shown nowhere else.`)
      return 0
    }
    case 'import': {
      const secrets = readSecrets(values, io)
      if (secrets.length !== 1 || !values['client-id']) throw new UsageError('import takes --client-id ID and one of --secret-env VAR or --secret-file F.')
      const imported = await services.credentials.import({ ...fields, clientId: values['client-id'], secret: secrets[0]!.secret })
      for (const n of imported.notices) io.stderr(`note: ${n.message}`)
      io.stdout(imported.credential.clientId)
      return 0
    }
    default: {
      const list = await services.credentials.list()
      const match = list.filter((c) => c.status === 'active' && (values['client-id'] ? c.clientId === values['client-id'] : c.name === values.name))
      if (!values['client-id'] && !values.name) throw new UsageError('revoke takes --client-id ID or --name N.')
      if (match.length !== 1) throw new WorkbenchError('CREDENTIAL_NOT_FOUND', match.length ? 'More than one active credential matches; use --client-id.' : 'No active credential matches.')
      await services.credentials.revoke({ id: match[0]!.id })
      io.stdout(`revoked ${match[0]!.clientId}`)
      return 0
    }
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * `cert check`: the Certificates screen's validation, for a terminal or CI. Prints
 * {ok, keyMatches, chainValid, certificate, findings} (--json) or a readable report.
 */
async function certCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args
  if (sub !== 'check') throw new UsageError(sub ? `Unknown cert command "${sub}"; the one there is: cert check.` : 'cert needs a command: cert check --cert F ...')
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      cert: { type: 'string' },
      key: { type: 'string' },
      ca: { type: 'string' },
      'passphrase-env': { type: 'string' },
      domains: { type: 'string' },
      host: { type: 'string' },
      json: { type: 'boolean' }
    }
  })
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}": give files with --cert, --key and --ca.`)
  if (!values.cert) throw new UsageError('cert check needs --cert FILE (PEM, DER, PKCS#7 or PKCS#12).')
  let passphrase = ''
  if (values['passphrase-env'] !== undefined) {
    const value = io.env[values['passphrase-env']]
    if (value === undefined) throw new UsageError(`The environment variable ${values['passphrase-env']} is not set.`)
    passphrase = value
  }
  let host: { host: string; port: number } | null = null
  if (values.host !== undefined) {
    if (values.domains === undefined) throw new UsageError("--host is checked against the certificate's authorized domains: give them with --domains '*.example.com,api.example.net:8443'.")
    host = parseHostArgument(values.host)
  }
  const report = (
    await validateCertificate(
      {
        certificate: readMaterialFile(values.cert, '--cert'),
        key: values.key ? readMaterialFile(values.key, '--key') : null,
        passphrase,
        ca: values.ca ? readMaterialFile(values.ca, '--ca') : null,
        domains: (values.domains ?? '').split(/[,\n]/).join('\n'),
        host
      },
      new Date(io.now() * 1000)
    )
  ).report
  // Domain findings are noise unless domains were asked about.
  const findings = values.domains === undefined ? report.findings.filter((f) => f.param !== 'domains') : report.findings
  const ok = !hasError(findings)
  if (values.json) {
    io.stdout(
      JSON.stringify(
        {
          ok,
          keyMatches: report.keyMatches,
          chainValid: report.chainValid,
          passphrase: report.passphrase,
          certificateFormat: report.certificateFormat,
          keyFormat: report.keyFormat,
          certificate: report.certificate,
          chain: report.chain,
          links: report.links,
          findings: findings.map((f) => ({ code: f.code, severity: f.severity, field: f.param, message: f.message, fix: f.fix }))
        },
        null,
        2
      )
    )
  } else io.stdout(certificateText(report, findings))
  return ok ? 0 : 1
}

function readMaterialFile(file: string, flag: string): { fileName: string; base64: string } {
  try {
    const bytes = readFileSync(file)
    if (bytes.length > MAX_CERTIFICATE_BYTES) throw new UsageError(`${flag} ${file} is ${Math.round(bytes.length / 1024)} KB; a certificate or key is a few KB. Is it the right file?`)
    return { fileName: file, base64: bytes.toString('base64') }
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`Cannot read ${flag} ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
  }
}

function parseHostArgument(text: string): { host: string; port: number } {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`)
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443 }
  } catch {
    throw new UsageError(`--host "${text}" is not a host name (api.example.com, api.example.com:8443 or a URL).`)
  }
}

function certificateText(report: CertificateReport, findings: Finding[]): string {
  const yes = (v: boolean | null, unknown: string) => (v === null ? unknown : v ? 'yes' : 'NO')
  const lines: string[] = []
  const c = report.certificate
  if (c) {
    lines.push(
      `subject       ${c.subject}`,
      `issuer        ${c.issuer}`,
      ...(c.subjectAltNames.length ? [`alt names     ${c.subjectAltNames.join(', ')}`] : []),
      `serial        ${c.serialNumber}`,
      `valid         ${c.validFrom} .. ${c.validTo}`,
      `key           ${c.keyDescription}`,
      `signature     ${c.signatureAlgorithm}`,
      `sha256        ${c.fingerprintSha256}`,
      `format        ${report.certificateFormat}${report.keyFormat && report.keyFormat !== report.certificateFormat ? `; key: ${report.keyFormat}` : ''}`
    )
  }
  lines.push(`key matches   ${yes(report.keyMatches, 'no key given')}`, `passphrase    ${report.passphrase}`, `chain valid   ${yes(report.chainValid, 'not checked (no --ca)')}`)
  for (const link of report.links) lines.push(`  ${link.ok ? '✓' : '✗'} ${link.subject} <- ${link.issuedBy ?? '?'}${link.problem ? `: ${link.problem}` : ''}`)
  lines.push('')
  lines.push(...findingLines(findings))
  return lines.join('\n')
}

/** Findings as the CLI prints them: severity and code (and field), the sentence, the fix. */
function findingLines(findings: Finding[]): string[] {
  if (!findings.length) return ['No findings.']
  return findings.flatMap((f) => [`${f.severity.toUpperCase()} ${f.code}${f.param ? ` (${f.param})` : ''}`, `  ${f.message}`, `  fix: ${f.fix}`])
}

/** A stored API credential by name (case-insensitive) or id, or a failure listing what is stored. */
function findApiCredential(services: Services, nameOrId: string) {
  const all = services.apiCredentials.list().credentials
  const credential = all.find((c) => c.name.toLowerCase() === nameOrId.toLowerCase() || c.id === nameOrId)
  if (!credential) throw new WorkbenchError('API_CREDENTIAL_NOT_FOUND', `No API credential is named "${nameOrId}". Stored: ${all.map((c) => c.name).join(', ') || 'none'}.`)
  return credential
}

/** `request`: the request runner with a stored API credential; secrets stay in the vault. */
async function requestCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...vaultOptions,
      credential: { type: 'string' },
      method: { type: 'string', default: 'GET' },
      path: { type: 'string', default: '/' },
      body: { type: 'string' },
      header: { type: 'string', multiple: true },
      org: { type: 'string' },
      environment: { type: 'string' },
      'dry-run': { type: 'boolean' },
      cacert: { type: 'string', multiple: true },
      json: { type: 'boolean' }
    }
  })
  if (!values.credential) throw new UsageError('request needs --credential NAME (an API credential stored in the vault).')
  const method = values.method!.toUpperCase()
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].includes(method)) throw new UsageError(`--method ${values.method} is not an HTTP method this runner sends.`)
  if (values.environment !== undefined && values.environment !== 'test' && values.environment !== 'production') throw new UsageError('--environment is test or production.')
  let body = ''
  if (values.body !== undefined) {
    try {
      body = values.body === '-' ? io.readStdin() : readFileSync(values.body, 'utf8')
    } catch (error) {
      throw new UsageError(`Cannot read --body ${values.body} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
    }
  }
  const headers = (values.header ?? []).map((h) => {
    const at = h.indexOf(':')
    if (at < 1) throw new UsageError(`--header "${h}" is not "Name: value".`)
    return { name: h.slice(0, at).trim(), value: h.slice(at + 1).trim() }
  })
  const services = await openVault(values, io, { required: true })
  const credential = findApiCredential(services, values.credential)
  const result = await services.connectors.send(
    { credentialId: credential.id, org: values.org, method: method as 'GET', path: values.path!, body, headers, send: !values['dry-run'] },
    values.environment as 'test' | 'production' | undefined,
    (values.cacert ?? []).map((file) => {
      try {
        return readFileSync(file, 'utf8')
      } catch (error) {
        throw new UsageError(`Cannot read --cacert ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
      }
    })
  )
  if (values.json) io.stdout(JSON.stringify(result, null, 2))
  else io.stdout(requestText(result))
  if (result.error) return 1
  return result.response && result.response.status >= 400 ? 1 : 0
}

function requestText(result: ApiRequestResult): string {
  const lines = [`${result.request.method} ${result.request.url}`, ...result.request.headers.map(([n, v]) => `${n}: ${v}`), '']
  if (result.request.body) lines.push(result.request.body, '')
  lines.push(`client certificate: ${result.certificate.name ?? 'none'} (${result.certificate.explanation})`)
  if (result.signing?.kind === 'aws4') lines.push('', '--- canonical request', result.signing.canonicalRequest, '--- string to sign', result.signing.stringToSign, `--- signature ${result.signing.signature}`)
  if (result.signing?.kind === 'hmac') lines.push('', '--- string signed (HMAC-SHA256)', result.signing.stringToSign, `--- signature ${result.signing.signature}`)
  if (result.error) lines.push('', `FAILED ${result.error.code}: ${result.error.message}`)
  const r = result.response
  if (r) {
    lines.push('', `HTTP ${r.status} ${r.statusText}  (${r.timing.totalMs} ms${r.tls ? `, ${r.tls.protocol} ${r.tls.cipher}` : ''})`)
    if (result.verifier) {
      lines.push(result.verifier.ok ? 'verification server: OK' : 'verification server says:')
      for (const p of result.verifier.problems) lines.push(`  - ${p}`)
      for (const d of result.canonicalDiff ?? []) lines.push(`  line ${d.line}: ours   ${d.ours}`, `  line ${d.line}: server ${d.server}`)
    } else lines.push(r.body.length > 2000 ? `${r.body.slice(0, 2000)}…` : r.body)
  }
  return lines.join('\n')
}

/** `verify-server`: the local verification server, logging a verdict per request until Ctrl+C. */
async function verifyServerCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...vaultOptions,
      credential: { type: 'string' },
      org: { type: 'string' },
      port: { type: 'string', default: '8443' },
      'require-client-cert': { type: 'boolean' },
      'client-ca-cert': { type: 'string' },
      'max-skew': { type: 'string', default: '300' },
      environment: { type: 'string' }
    }
  })
  if (values.environment !== undefined && values.environment !== 'test' && values.environment !== 'production') throw new UsageError('--environment is test or production.')
  if (!values.credential) throw new UsageError('verify-server needs --credential NAME: the API credential whose scheme and secrets requests are checked against.')
  if (!/^\d+$/.test(values.port!) || Number(values.port) > 65535) throw new UsageError('--port must be a number from 0 to 65535.')
  if (!/^\d+$/.test(values['max-skew']!)) throw new UsageError('--max-skew is in seconds.')
  const services = await openVault(values, io, { required: true })
  const credential = findApiCredential(services, values.credential)
  let clientCaCertificateId: string | undefined
  if (values['client-ca-cert']) {
    const certificate = services.certificates.list().find((c) => c.name.toLowerCase() === values['client-ca-cert']!.toLowerCase())
    if (!certificate) throw new WorkbenchError('CERTIFICATE_NOT_FOUND', `No stored certificate is named "${values['client-ca-cert']}".`)
    clientCaCertificateId = certificate.id
  }
  const status = await services.connectors.startVerifyServer({
    port: Number(values.port),
    credentialId: credential.id,
    org: values.org,
    requireClientCert: values['require-client-cert'] ?? false,
    clientCaCertificateId,
    maxSkewSeconds: Number(values['max-skew'])
  }, values.environment as 'test' | 'production' | undefined)
  services.connectors.verifyServer()!.onVerdict((v) => {
    io.stdout(`${v.at} ${v.ok ? 'OK  ' : 'FAIL'} ${v.method} ${v.path} [${v.scheme}]${v.clientCertificate.presented ? ` cert: ${v.clientCertificate.subject}` : ''}`)
    for (const p of v.problems) io.stdout(`    ${p}`)
  })
  io.stdout(`Verification server listening on ${status.url}, checking requests against "${credential.name}"${status.expecting?.org ? ` (${status.expecting.org})` : ''} (${credential.auth.type}).`)
  io.stdout(status.requireClientCert ? `Client certificates are required, issued by ${status.clientCa}.` : 'Client certificates are not required.')
  io.stdout('Its certificate (trust it in the client, e.g. curl --cacert):')
  io.stdout(status.serverCertificatePem!.trim())
  io.stdout('Each request is logged below with its verdict. Ctrl+C stops.')
  await (io.untilStopped?.() ?? Promise.resolve())
  await services.connectors.stopVerifyServer()
  return 0
}

// ---------------------------------------------------------------------------------------------

/** Runs the CLI on this process's arguments and streams (called by bin/embed-workbench.js). */
export function main(): void {
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    readStdin: () => readFileSync(0, 'utf8'),
    now: () => Math.floor(Date.now() / 1000),
    untilStopped: () => new Promise((resolve) => {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    })
  }).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`embed-workbench failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    }
  )
}
