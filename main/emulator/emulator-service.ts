/**
 * The emulator as the app runs it: started with the app (on by default), restarted when its port
 * changes, its settings (skew, session maximum, time travel, online hosts) kept with the org.
 */
import type {
  EmulatorFront,
  EmulatorRequest,
  EmulatorSettings,
  EmulatorStatus,
  ParsedInput
} from '../../preload/contract'
import { accountTypesOf, modelLabel } from './account-types'
import type { Verdict } from './verify'
import { systemClock, type Clock } from '../core/clock'
import type { CredentialsService } from '../credentials/credentials-service'
import { WorkbenchError } from '../core/errors'
import { embedTargets, limitsOf, type Org, type OrgStore } from './org'
import { startEmulator, type Emulator } from './server'
import { servedHostname, type FrontOptions } from './front'
import type { HostCa } from './host-ca'
import { openIsolatedBrowser } from './isolated-browser'
import { answerAsHost } from './front-proxy'
import { LOG_LIMIT } from './request-log'

export interface EmulatorServiceDeps {
  org: OrgStore
  credentials: CredentialsService
  clock?: Clock
  /** The built renderer folder, which holds the workbook page. */
  pageDir: string
  /** Where the one-time ledger is kept across restarts; in memory only when absent. */
  ledgerFile?: string
  /** The local CA of the TLS front (its key is in the vault). */
  hostCa?: HostCa
}

export function createEmulatorService({
  org,
  credentials,
  clock = systemClock,
  pageDir,
  ledgerFile,
  hostCa
}: EmulatorServiceDeps) {
  let emulator: Emulator | null = null
  let front: EmulatorFront | null = null
  /** The running front's CA certificate, kept for the requests the desktop app forwards to it. */
  let frontCaPem = ''
  /** For this run only (the CLI's --serve-as, --tls-port, --allow-parent). */
  let override: Partial<Pick<EmulatorSettings, 'serveAs' | 'tlsPort' | 'allowedParents'>> = {}
  const listeners = new Set<(entry: EmulatorRequest) => void>()
  let problem: string | null = null
  const settings = () => org.get().settings

  const effective = () => ({ ...settings(), ...override })

  /** The TLS front's certificates, when the settings ask for one and the vault can give the CA. */
  async function frontOptions(): Promise<
    { options: FrontOptions; caPath: string; caPem: string; caSpki: string } | string | null
  > {
    const { serveAs, tlsPort } = effective()
    if (!serveAs.length) return null
    if (!hostCa) return 'This emulator has no local CA, so it cannot answer as the real host.'
    const hostnames = serveAs.map((origin) => servedHostname(origin) as string)
    try {
      const certs = await hostCa.certificatesFor(hostnames)
      return {
        options: { hostnames, port: tlsPort, keyPem: certs.keyPem, certChainPem: certs.certChainPem },
        caPath: certs.caPath,
        caPem: certs.caPem,
        caSpki: certs.caSpki
      }
    } catch (error) {
      if (error instanceof WorkbenchError && error.code === 'VAULT_LOCKED')
        return `Unlock the vault to answer as ${serveAs.join(', ')}: the local CA's key is kept there.`
      throw error
    }
  }

  /** Starts on the configured port, or on `port` for this run only (the CLI's --port). */
  async function start(port?: number): Promise<void> {
    if (emulator) return
    const wanted = port ?? settings().port
    const tls = await frontOptions()
    const launch = (port: number, withFront = true) =>
      startEmulator({
        org,
        credentials: () => credentials.verificationKeys(),
        clock,
        limits: () => limitsOf(settings()),
        timeOffset: () => settings().timeOffsetSeconds,
        allowedParents: () => effective().allowedParents,
        port,
        pageDir,
        ledgerFile,
        front: withFront && tls && typeof tls !== 'string' ? tls.options : undefined,
        onRequest: (entry) => listeners.forEach((listener) => listener(entry))
      })
    const noteFront = () => {
      front = null
      if (typeof tls === 'string') problem = tls
      if (!emulator?.front || !tls || typeof tls === 'string') return
      const flags = chromiumFlags(tls.options.hostnames, emulator.front.port, tls.caSpki)
      front = {
        origins: emulator.front.origins,
        port: emulator.front.port,
        caPath: tls.caPath,
        caSpki: tls.caSpki,
        chromiumFlags: flags,
        chromiumCommand: chromiumCommand(flags)
      }
      frontCaPem = tls.caPem
    }
    try {
      emulator = await launch(wanted)
      problem = null
      noteFront()
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && tls && typeof tls !== 'string') {
        // Which port was busy: the emulator's, or the TLS front's?
        try {
          emulator = await launch(wanted, false)
          problem = `The TLS port ${tls.options.port} is in use, so the emulator does not answer as ${tls.options.hostnames.join(', ')}. Choose another TLS port.`
          return
        } catch {
          // The emulator's own port: handled below.
        }
      }
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
        problem = `The emulator could not start: ${(error as Error).message}`
        return
      }
      emulator = await launch(0)
      noteFront()
      problem = `Port ${wanted} is in use (another Embed Workbench?), so the emulator listens on ${emulator.port} instead. Point customer embed APIs at ${emulator.baseUrl}.`
    }
  }

  async function stop(): Promise<void> {
    await emulator?.close()
    emulator = null
    front = null
  }

  function status(): EmulatorStatus {
    const current = org.get()
    return {
      running: emulator !== null,
      baseUrl: emulator?.baseUrl ?? null,
      problem,
      front,
      settings: current.settings,
      targets: emulator ? embedTargets(current, emulator.baseUrl) : [],
      teams: current.teams.map((t) => t.name),
      accountTypes: current.accountTypes,
      defaultAccountTypes: accountTypesOf(current)
        .filter((t) => t.model !== null)
        .map((t) => ({ name: t.name, permissions: t.permissions, model: modelLabel(t.model!) })),
      workbooks: current.workbooks.map((w) => ({
        id: w.id,
        name: w.name,
        workspace: w.workspace,
        shares: w.shares,
        latestVersion: w.latestVersion,
        tags: w.tags
      })),
      people: current.people.map(({ externalUserId: _x, ...p }) => p)
    }
  }

  return {
    notices: org.notices,
    start,
    stop,
    status,
    baseUrl: () => emulator?.baseUrl ?? null,
    /** Origins the preview may frame: the emulator and the configured online hosts. */
    frameOrigins: () => [...(emulator ? [emulator.baseUrl] : []), ...settings().onlineHosts],
    limits: () => limitsOf(settings()),
    requests: (sinceId?: number) => emulator?.requests(sinceId) ?? [],
    /** A logged request as the emulator judged it, for the Inspector. */
    openRequest(id: number) {
      const opened = emulator?.openRequest(id)
      if (!opened)
        throw new WorkbenchError(
          'REQUEST_NOT_FOUND',
          `Request #${id} is no longer in the emulator's log (it keeps the last ${LOG_LIMIT}, and forgets them when it restarts).`
        )
      return opened
    },
    /** The running emulator's verdict on a URL addressed to it (read-only); null for any other host. */
    async judge(url: string): Promise<Verdict | null> {
      if (!emulator) return null
      // Most signed URLs are for another host: said without parsing them (every sign asks).
      const base = emulator.baseUrl.toLowerCase()
      if (url.trimStart().slice(0, base.length).toLowerCase() !== base) return null
      let origin: string
      try {
        origin = new URL(url.trim()).origin
      } catch {
        return null
      }
      return origin === emulator.baseUrl ? emulator.judge(url.trim()) : null
    },
    /** Calls `listener` with every request's verdict; returns the unsubscribe function. */
    subscribe(listener: (entry: EmulatorRequest) => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },

    async updateSettings(input: Partial<EmulatorSettings>): Promise<EmulatorStatus> {
      const onlineHosts = input.onlineHosts?.map(normalizeHost)
      const serveAs = input.serveAs?.map(normalizeServedOrigin)
      const allowedParents = input.allowedParents?.map(normalizeParent)
      const previous = settings()
      org.update((o) => ({
        ...o,
        settings: {
          ...o.settings,
          ...input,
          ...(onlineHosts ? { onlineHosts } : {}),
          ...(serveAs ? { serveAs: [...new Set(serveAs)] } : {}),
          ...(allowedParents ? { allowedParents: [...new Set(allowedParents)] } : {})
        }
      }))
      const next = settings()
      if (
        next.port !== previous.port ||
        next.tlsPort !== previous.tlsPort ||
        next.serveAs.join() !== previous.serveAs.join()
      ) {
        await stop()
        await start()
      }
      return status()
    },

    /** For this run only: answer as these origins, on this TLS port, framed by these parents (the CLI). */
    overrideForRun(input: typeof override): void {
      override = {
        ...(input.serveAs ? { serveAs: input.serveAs.map(normalizeServedOrigin) } : {}),
        ...(input.tlsPort !== undefined ? { tlsPort: input.tlsPort } : {}),
        ...(input.allowedParents ? { allowedParents: input.allowedParents.map(normalizeParent) } : {})
      }
    },

    /** Whether the TLS front answers as this host name (the desktop app's customer-app window asks). */
    servesHost(hostname: string): boolean {
      return !!front && front.origins.includes(`https://${hostname.toLowerCase()}`)
    },

    /** Whether this origin (as a browser serializes it) is one the TLS front answers as. */
    servesOrigin(origin: string): boolean {
      return !!front && front.origins.includes(origin.toLowerCase())
    },

    /** A page's request for a served host, answered by the TLS front (same TLS, Host and checks). */
    async answerAsHost(request: Request): Promise<Response> {
      if (!front)
        return new Response('The emulator is not answering as the real host.', {
          status: 502,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' }
        })
      return answerAsHost(request, { port: front.port, caPem: frontCaPem })
    },

    /** For this run: the customer app the desktop app opened may frame the workbook. */
    allowParentForRun(origin: string): void {
      const parent = normalizeParent(origin)
      const current = effective().allowedParents
      if (!current.includes(parent)) override = { ...override, allowedParents: [...current, parent] }
    },

    /** A local Chromium or Chrome routed to the TLS front, on the customer's parent app. */
    openIsolatedBrowser(url: string, env: NodeJS.ProcessEnv = process.env) {
      if (!front)
        throw new WorkbenchError(
          'INVALID_INPUT',
          'The emulator is not answering as the real host yet: add an origin under "Answer as" first.',
          'url'
        )
      return openIsolatedBrowser({ url, flags: front.chromiumFlags, env })
    },

    /** After the vault unlocks: the TLS front can get its CA now, so start it if it is wanted. */
    async vaultOpened(): Promise<void> {
      if (emulator && !front && effective().serveAs.length) {
        await stop()
        await start()
      }
    },

    setDeactivated(email: string, deactivated: boolean): EmulatorStatus {
      org.update((o) => {
        const person = o.people.find((p) => p.email.toLowerCase() === email.toLowerCase())
        if (!person)
          throw new WorkbenchError('INVALID_INPUT', `No one in the emulator org has the email ${email}.`, 'email')
        person.deactivated = deactivated
        return o
      })
      return status()
    },

    /** Edits the org (teams, account types, a workbook's shares); refuses what would not hold together. */
    updateOrg(input: ParsedInput<'updateEmulatorOrg'>): EmulatorStatus {
      org.update((o) => {
        if (input.teams) {
          const teams = uniqueNames(input.teams, 'teams', 'team')
          const inUse = o.workbooks.flatMap((w) => w.shares.map((s) => s.team)).filter((t) => !teams.includes(t))
          if (inUse.length && !input.shares) {
            throw new WorkbenchError(
              'INVALID_INPUT',
              `The team "${inUse[0]}" is still shared on a workbook; remove the share first.`,
              'teams'
            )
          }
          o.teams = teams.map((name) => ({ name }))
        }
        if (input.accountTypes) {
          const names = uniqueNames(
            input.accountTypes.map((a) => a.name),
            'accountTypes',
            'account type'
          )
          o.accountTypes = input.accountTypes.map((a, i) => ({
            name: names[i]!,
            permissions: [...new Set(['view' as const, ...a.permissions])]
          }))
        }
        if (input.shares) {
          const workbook = o.workbooks.find((w) => w.id === input.shares!.workbookId)
          if (!workbook)
            throw new WorkbenchError('INVALID_INPUT', 'That workbook does not exist in the emulator org.', 'shares')
          const unknown = input.shares.shares.find((s) => !o.teams.some((t) => t.name === s.team))
          if (unknown)
            throw new WorkbenchError(
              'INVALID_INPUT',
              `There is no team named "${unknown.team}" to share with.`,
              'shares'
            )
          workbook.shares = input.shares.shares
        }
        if (input.versions) setVersions(o, input.versions)
        return o
      })
      return status()
    },

    reset(): EmulatorStatus {
      org.reset()
      return status()
    }
  }
}

export type EmulatorService = ReturnType<typeof createEmulatorService>

/** Publishes a newer version and/or re-points the version tags; refuses a tag the URL could not carry. */
function setVersions(o: Org, input: NonNullable<ParsedInput<'updateEmulatorOrg'>['versions']>): void {
  const workbook = o.workbooks.find((w) => w.id === input.workbookId)
  if (!workbook) throw new WorkbenchError('INVALID_INPUT', 'That workbook does not exist in the emulator org.', 'tags')
  const latest = input.latestVersion ?? workbook.latestVersion
  if (latest < workbook.latestVersion)
    throw new WorkbenchError(
      'INVALID_INPUT',
      `Version ${workbook.latestVersion} is already published; a workbook's versions only grow.`,
      'latestVersion'
    )
  const tags = input.tags ?? workbook.tags
  const names = uniqueNames(
    tags.map((t) => t.name),
    'tags',
    'version tag'
  )
  const unsafe = names.find((n) => /[/?#%\s]/.test(n))
  if (unsafe)
    throw new WorkbenchError(
      'INVALID_INPUT',
      `"${unsafe}" cannot be a version tag: it goes in the URL path (/tag/{name}), so no spaces, "/", "?", "#" or "%".`,
      'tags'
    )
  const beyond = tags.find((t) => t.version > latest)
  if (beyond)
    throw new WorkbenchError(
      'INVALID_INPUT',
      `"${beyond.name}" points at version ${beyond.version}, but the newest published version is ${latest}.`,
      'tags'
    )
  workbook.latestVersion = latest
  workbook.tags = tags.map((t, i) => ({ name: names[i]!, version: t.version }))
}

/** Trimmed, non-empty, unique (case-insensitively) names, or a typed error on the field. */
function uniqueNames(names: string[], field: string, what: string): string[] {
  const clean = names.map((n) => n.trim())
  if (clean.some((n) => !n)) throw new WorkbenchError('INVALID_INPUT', `Every ${what} needs a name.`, field)
  const seen = new Set<string>()
  for (const n of clean) {
    if (seen.has(n.toLowerCase())) throw new WorkbenchError('INVALID_INPUT', `"${n}" is listed twice.`, field)
    seen.add(n.toLowerCase())
  }
  return clean
}

/** An origin to answer as: https, no port or path. */
function normalizeServedOrigin(raw: string): string {
  const hostname = servedHostname(raw)
  if (typeof hostname !== 'string') throw new WorkbenchError('INVALID_INPUT', hostname.problem, 'serveAs')
  return `https://${hostname}`
}

/** A parent origin that may frame the workbook page (http or https; `scheme://host:*` for any port). */
function normalizeParent(raw: string): string {
  const text = raw.trim()
  const anyPort = /^(https?:\/\/[^/:]+):\*$/.exec(text)
  if (anyPort) return anyPort[1]!.toLowerCase() + ':*'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new WorkbenchError(
      'INVALID_INPUT',
      `"${raw}" is not an origin. Give the parent app's origin, e.g. http://customer-staging.test:3000.`,
      'allowedParents'
    )
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash)
    throw new WorkbenchError(
      'INVALID_INPUT',
      `"${raw}": give only the parent's origin (scheme, host and port), e.g. http://customer-staging.test:3000.`,
      'allowedParents'
    )
  return url.origin
}

/**
 * Chromium flags that send only these names to the front and accept its CA (one argument each, as
 * a spawn takes them). Chromium honours the SPKI list only with a profile of its own, so add a
 * throwaway --user-data-dir.
 */
export function chromiumFlags(hostnames: readonly string[], port: number, caSpki: string): string[] {
  return [
    `--host-resolver-rules=${hostnames.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`,
    `--ignore-certificate-errors-spki-list=${caSpki}`
  ]
}

/** Quoted for a POSIX shell, so a printed command can be pasted as it is. */
const shellQuoted = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)

/** The flags as one shell line that starts Chromium with a throwaway profile. */
export function chromiumCommand(flags: readonly string[]): string {
  return `chromium ${flags.map(shellQuoted).join(' ')} --user-data-dir="$(mktemp -d)" https://your-parent-app.test`
}

/** An online host the preview may frame: an https origin, nothing else. */
function normalizeHost(raw: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new WorkbenchError(
      'INVALID_INPUT',
      `"${raw}" is not a URL. Give the host's origin, e.g. https://app.sigmacomputing.com.`,
      'onlineHosts'
    )
  }
  if (url.protocol !== 'https:')
    throw new WorkbenchError(
      'INVALID_INPUT',
      `${url.origin} is not https: the preview frames real hosts over https only.`,
      'onlineHosts'
    )
  return url.origin
}
