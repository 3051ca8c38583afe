/**
 * Signing and inspection in the main process: fetches the persona and the credential's secret,
 * signs, and checks the result with the inspector. The secret never leaves this module; the URL
 * (a one-time credential) goes back to the renderer and is never logged.
 */
import type {
  EmbedOptions,
  Finding,
  Inspection,
  ParsedInput,
  Persona,
  SignedEmbed,
  SigningMethod,
  UrlDiff
} from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import type { CredentialsService } from '../credentials/credentials-service'
import { WorkbenchError } from '../core/errors'
import { diffEmbedUrls } from '../inspector/diff'
import { inspectEmbed, type KnownCredential } from '../inspector/inspector'
import { resignEmbed } from './resign'
import { sortFindings } from '../protocol/findings'
import type { PersonasService } from '../personas/personas-service'
import { defaultLimits, type ProtocolLimits } from '../protocol/parameters'
import { selfCheck } from './self-check'
import { signJwt, signUrl } from './signer'

/** How many recently signed URLs are remembered (in memory only) for exact tamper diffs. */
const LEDGER_SIZE = 500

export interface SigningDeps {
  credentials: CredentialsService
  personas: PersonasService
  clock?: Clock
  /** The protocol limits in force (the emulator's settings), read at each use. */
  limits?: () => ProtocolLimits
  /**
   * For a URL addressed to the running emulator: its read-only verdict (what only the host knows:
   * a nonce already used, an unknown team, a workbook not shared). Null for any other host.
   */
  hostVerdict?: (url: string) => Promise<{ findings: Finding[] } | null>
}

/** Findings only the host can make: they need its org or its memory of one-time ids. */
const HOST_ONLY = new Set<string>([
  'NONCE_REUSED',
  'EMBED_NOT_FOUND',
  'TEAM_UNKNOWN',
  'ACCOUNT_TYPE_UNKNOWN',
  'ACCOUNT_TYPE_MODEL',
  'INTERNAL_USER_ACCOUNT_TYPE',
  'USER_DEACTIVATED',
  'WORKBOOK_NOT_SHARED'
])

/** The inspector's findings, and the emulator's host-only ones: one verdict on every screen. */
function withHostFindings(findings: Finding[], host: { findings: Finding[] } | null): Finding[] {
  if (!host) return findings
  const added = host.findings
    .filter((f) => HOST_ONLY.has(f.code) && !findings.some((g) => g.code === f.code && g.param === f.param))
    .map((f) => ({ ...f, message: `${f.message} Said by the emulator, the host this URL is addressed to.` }))
  return added.length ? sortFindings([...findings, ...added]) : findings
}

export function createSigningService({
  credentials,
  personas,
  clock = systemClock,
  limits = () => defaultLimits,
  hostVerdict = async () => null
}: SigningDeps) {
  const ledger = new Map<string, string>()
  const remember = (oneTimeId: string, url: string) => {
    ledger.set(oneTimeId, url)
    if (ledger.size > LEDGER_SIZE) ledger.delete(ledger.keys().next().value!)
  }
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000)

  async function knownCredentials(): Promise<KnownCredential[]> {
    return credentials.verificationKeys()
  }

  function inspect(input: string, now = nowSeconds(), known: KnownCredential[]): Inspection {
    return inspectEmbed(input, { credentials: known, now, limits: limits(), signedEarlier: (id) => ledger.get(id) })
  }

  /** An inspection as the Inspector asks for it: with a typed secret, time travel, clipped values. */
  async function inspectInput({ input, now, secret }: ParsedInput<'inspectEmbed'>): Promise<Inspection> {
    // A typed secret is tried first, for any client id, and goes nowhere but this check.
    const typed: KnownCredential[] = secret
      ? [{ name: 'the secret you typed', clientId: null, secret, status: 'active' }]
      : []
    const inspected = inspect(input, now ?? nowSeconds(), [...typed, ...(await knownCredentials())])
    const result = { ...inspected, findings: withHostFindings(inspected.findings, await hostVerdict(input)) }
    // A 10 MB paste would come back twice over (raw and decoded): the screen shows clipped values.
    return {
      ...result,
      params: result.params.map((p) => ({ ...p, raw: clipValue(p.raw), value: clipValue(p.value) })),
      ...(result.jwt
        ? {
            jwt: {
              segments: result.jwt.segments.map(clipValue) as [string, string, string],
              header: clipValue(result.jwt.header),
              payload: clipValue(result.jwt.payload)
            }
          }
        : {})
    }
  }

  return {
    async sign(input: ParsedInput<'signEmbedUrl'>): Promise<SignedWithFindings> {
      const persona = personas.get(input.personaId)
      const key = await credentials.signingKey(input.credentialId)
      const signed = await signEmbed({
        method: input.method,
        persona,
        options: input.options,
        key,
        now: nowSeconds(),
        limits: limits()
      })
      remember(signed.oneTimeId, signed.url)
      return { ...signed, findings: withHostFindings(signed.findings, await hostVerdict(signed.url)) }
    },

    inspect: inspectInput,

    async resign({ input, edits, credentialId, secret }: ParsedInput<'resignEmbed'>) {
      const key = credentialId
        ? await credentials.signingKey(credentialId)
        : { name: 'the secret you typed', clientId: null, secret: secret! }
      const output = await resignEmbed(input, edits, key)
      return { output, inspection: await inspectInput({ input: output, ...(secret ? { secret } : {}) }) }
    },

    diff({ left, right }: ParsedInput<'diffEmbedUrls'>): UrlDiff {
      return diffEmbedUrls(left, right)
    }
  }
}

export type SigningService = ReturnType<typeof createSigningService>

export type SignedWithFindings = SignedEmbed & { findings: Finding[] }

export interface SignEmbedInput {
  method: SigningMethod
  persona: Persona
  options: EmbedOptions
  /** The credential's name is only for the self-check's wording; the secret never leaves main. */
  key: { name: string; clientId: string; secret: string }
  now: number
  limits: ProtocolLimits
}

/**
 * The one signing path, for the app (by stored persona and credential) and the command line (by
 * a persona and a secret it was given): checks the embed path, signs, and inspects the result the
 * way the host would, so a persona that will fail says so now.
 */
export async function signEmbed({
  method,
  persona,
  options,
  key,
  now,
  limits
}: SignEmbedInput): Promise<SignedWithFindings> {
  checkEmbedPath(options)
  const args = { persona, options, key: { clientId: key.clientId, secret: key.secret }, now }
  const signed = method === 'url' ? signUrl(args) : await signJwt(args)
  return { ...signed, findings: selfCheck(signed, key, now, limits) }
}

const MAX_SHOWN_VALUE = 4000

function clipValue(text: string): string {
  return text.length > MAX_SHOWN_VALUE
    ? `${text.slice(0, MAX_SHOWN_VALUE)}… (${text.length.toLocaleString('en-US')} characters in all)`
    : text
}

function checkEmbedPath(options: EmbedOptions): void {
  const path = options.embedPath.trim()
  let url: URL
  try {
    url = new URL(path)
  } catch {
    throw new WorkbenchError(
      'EMBED_PATH_INVALID',
      "Paste the embed path as a full URL, e.g. https://app.sigmacomputing.com/embed/1-AbCdEf (from the workbook's Embedding dialog).",
      'embedPath'
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new WorkbenchError('EMBED_PATH_INVALID', 'The embed path must start with https://.', 'embedPath')
  if (url.search || url.hash || path.includes('?')) {
    throw new WorkbenchError(
      'EMBED_PATH_INVALID',
      'The embed path must not carry a query string or fragment: the signer adds the parameters.',
      'embedPath'
    )
  }
}
