/**
 * The secure embed protocol as data: every parameter and claim, what it means, which are
 * required, which depend on which, and the limits. The signer, the inspector, the emulator and the
 * CLI all read this one table (facts: shared/embed-protocol.md).
 */
import { DEFAULT_CLOCK_SKEW_SECONDS, MAX_SESSION_LENGTH_SECONDS } from '../../preload/contract/constants'

export type ParamKind = 'identity' | 'security' | 'user' | 'display' | 'control'

export interface ParamSpec {
  /** The name as it appears in a signed URL, with its colon. */
  name: string
  kind: ParamKind
  meaning: string
  required?: boolean
  /** Parameters that must accompany this one. */
  needs?: string[]
  /** Allowed values, when they are a closed set. */
  values?: readonly string[]
  /** Also allowed in the JWT URL form (after `:jwt` and `:embed`). */
  jwtUrl?: boolean
  /**
   * Sources disagree on whether a JWT URL may carry it: the sentence that names them. Accepted with
   * a warning, or refused when the emulator's strict parameters setting is on.
   */
  jwtUrlDisputed?: string
  /** Where the fact comes from (a vendor help page, sample or the shared protocol notes). */
  source: string
}

/** The public sources the catalogue cites (docs/embed-protocol-notes.md says how each was read). */
export const SOURCES = {
  signedRequired:
    'help.sigmacomputing.com/docs/embed-url-parameters ("Required parameters"); help.sigmacomputing.com/docs/add-url-parameters-to-a-secure-embed',
  signedOptional:
    'help.sigmacomputing.com/docs/add-url-parameters-to-a-secure-embed (interface and security parameters); shared/embed-protocol.md ("Optional")',
  userAttributes:
    'help.sigmacomputing.com/docs/add-url-parameters-to-a-secure-embed (security parameters and user attributes)',
  nonce:
    'help.sigmacomputing.com/docs/embed-url-parameters; quickstarts.sigmacomputing.com Embedding 05 ("up to 255 characters")',
  mode: 'help.sigmacomputing.com/docs/embed-url-parameters ("must be set to userbacked"); shared/embed-protocol.md (the vendor\'s signing sample sends "view")',
  accountType:
    'help.sigmacomputing.com/docs/embed-url-parameters (required in the older page); help.sigmacomputing.com/docs/add-url-parameters-to-a-secure-embed (optional)',
  jwtUrl:
    'help.sigmacomputing.com/docs/create-an-embed-api-with-json-web-tokens ("Apply URL control values and string parameters"); shared/embed-protocol.md (JWT URL)',
  jwtClaims:
    'help.sigmacomputing.com/docs/create-an-embed-api-with-json-web-tokens ("Add your JWT claims"); shared/embed-protocol.md (JWT)',
  claimsReference: 'help.sigmacomputing.com/docs/json-web-token-claims-reference',
  apiUseCaseSample:
    'sigmacomputing/quickstarts-public, embedding_qs_series_2_api_use_cases/helpers/create-jwt.js (not in the claims reference)',
  seriesTwoSample: 'sigmacomputing/quickstarts-public, embedding_qs_series_2_api_use_cases/helpers/build-embed-url.js',
  controls:
    'shared/embed-protocol.md ("Control-Id=value"); help.sigmacomputing.com/docs/create-an-embed-api-with-json-web-tokens ("Apply URL control values")'
} as const

const spec = (name: string, kind: ParamKind, meaning: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({
  name,
  kind,
  meaning,
  source: extra.required ? SOURCES.signedRequired : SOURCES.signedOptional,
  ...extra
})
const flag = (name: string, meaning: string, jwtUrl = false): ParamSpec =>
  spec(name, 'display', meaning, { values: ['true', 'false'], jwtUrl })

/** The help pages list fewer display parameters for JWT URLs than the vendor's own JWT sample sends. */
const SERIES_TWO_SAMPLE =
  "the vendor's JWT sample (sigmacomputing/quickstarts-public, embedding_qs_series_2_api_use_cases/helpers/build-embed-url.js) sends it on JWT URLs, but the help pages' list of JWT URL parameters (help.sigmacomputing.com/docs/embed-url-parameters; shared/embed-protocol.md) does not include it"
const disputed = (p: ParamSpec): ParamSpec => ({ ...p, jwtUrl: true, jwtUrlDisputed: SERIES_TWO_SAMPLE })

/** The source of a parameter on the URL form at hand: a JWT URL's display parameters have their own. */
export function sourceOf(p: ParamSpec, method: 'url' | 'jwt' | 'unknown'): string {
  if (method !== 'jwt' || !p.jwtUrl) return p.source
  if (p.jwtUrlDisputed) return `${SOURCES.seriesTwoSample} (JWT URLs); ${p.source} (signed URLs)`
  return p.name === ':jwt' || p.name === ':embed' ? p.source : `${SOURCES.jwtUrl}; ${p.source} (signed URLs)`
}

export const THEMES = ['Light', 'Dark', 'Surface'] as const
export const MENU_POSITIONS = ['top', 'bottom', 'none'] as const
export const MODES = ['userbacked', 'view'] as const

/** Signed-URL parameters in the QuickStart's order (required first), then the optional ones. */
export const signedUrlParams: readonly ParamSpec[] = [
  spec(':nonce', 'security', 'A random value used once (up to 255 characters); a reused nonce is refused.', {
    required: true,
    source: SOURCES.nonce
  }),
  spec(':client_id', 'security', 'The client id of the embed credentials that signed the URL (64 hex characters).', {
    required: true
  }),
  spec(':email', 'identity', "The embed user's email; identifies the user in the host's People list.", {
    required: true
  }),
  spec(':external_user_id', 'identity', "The user's id in the parent application.", { required: true }),
  spec(':external_user_team', 'identity', 'Teams the user belongs to, comma separated (commas not encoded).', {
    required: true
  }),
  spec(
    ':account_type',
    'identity',
    'The account type (Viewer, Creator or a custom type) that decides what the user may do.',
    { source: SOURCES.accountType }
  ),
  spec(':mode', 'security', '"userbacked" for secure embeds (the vendor\'s signing sample sends "view").', {
    required: true,
    values: MODES,
    source: SOURCES.mode
  }),
  spec(':session_length', 'security', 'How long the embed session lasts, in seconds.', { required: true }),
  spec(':time', 'security', 'When the URL was signed, in Unix seconds.', { required: true }),
  spec(':first_name', 'user', 'The user\'s first name (with :last_name; default name "Embed User").', {
    needs: [':last_name']
  }),
  spec(':last_name', 'user', "The user's last name (with :first_name).", { needs: [':first_name'] }),
  spec(':eval_connection_id', 'user', 'Evaluate the workbook against this connection instead of its own.'),
  spec(':use_user_name', 'user', 'Show the first and last name instead of the email.', { values: ['true', 'false'] }),
  spec(':oauth_token', 'user', 'An OAuth token passed through to the data warehouse connection.'),
  spec(':theme', 'display', 'The theme: Light, Dark, Surface (case sensitive) or a custom theme name.', {
    jwtUrl: true
  }),
  spec(':menu_position', 'display', 'Where the menu sits: top, bottom (default) or none.', {
    values: MENU_POSITIONS,
    jwtUrl: true
  }),
  spec(':lng', 'display', 'The interface language (e.g. fr, de, ja).', { jwtUrl: true }),
  spec(':lng_variant', 'display', 'A variant of the language (needs :lng).', { needs: [':lng'], jwtUrl: true }),
  spec(':responsive_height', 'display', 'Send workbook:pageheight:onchange so the parent can size the iframe.', {
    values: ['true', 'false'],
    jwtUrl: true
  }),
  spec(':loading_bg', 'display', 'Background colour of the loading screen.'),
  spec(':loading_text', 'display', 'Text of the loading screen.'),
  spec(':show_footer', 'display', 'Show the workbook footer.', { values: ['true', 'false'] }),
  spec(':showUnderlyingData', 'display', 'Let the user see the data under a visualization.', {
    values: ['true', 'false']
  }),
  spec(':explore', 'display', 'Open the element in explore mode.'),
  // The sample puts :bookmark right after the JWT; the help pages list it for signed URLs only.
  disputed(spec(':bookmark', 'display', 'Open the workbook at this bookmark.')),
  disputed(flag(':disable_mobile_view', 'Use the desktop layout on small screens.')),
  disputed(flag(':disable_auto_refresh', 'Do not refresh the data on a schedule while the embed is open.')),
  disputed(flag(':hide_page_controls', 'Hide the page tabs of a workbook.')),
  disputed(flag(':hide_reload_button', 'Hide the reload button.')),
  disputed(flag(':hide_title', 'Hide the workbook title.')),
  disputed(flag(':hide_view_select', 'Hide the desktop / mobile view selector.')),
  disputed(spec(':view_id', 'display', 'Open the workbook in this saved view.')),
  flag(':hide_bookmarks', 'Hide the bookmarks menu.', true),
  flag(':hide_explore_toggle', 'Hide the explore toggle.', true),
  flag(':hide_folder_navigation', 'Hide folder navigation.', true),
  { ...flag(':hide_menu', 'Hide the menu (needs :menu_position).', true), needs: [':menu_position'] },
  flag(':hide_run_as_recipient', 'Hide "run as recipient" in schedules.'),
  flag(':hide_schedule', 'Hide scheduling.'),
  flag(':hide_send', 'Hide "send now".'),
  flag(':hide_sheet_interactions', 'Hide sheet interactions.'),
  flag(':hide_tooltip', 'Hide tooltips.', true),
  flag(':hide_workbook_name', 'Hide the workbook name.'),
  spec(':signature', 'security', 'HMAC-SHA256 of everything before "&:signature=", lowercase hex. Must be last.', {
    required: true
  })
]

/** Parameters of the JWT URL form (`?:jwt=…&:embed=true&…`). */
export const jwtUrlParams: readonly ParamSpec[] = [
  spec(':jwt', 'security', 'The signed JWT (HS256) that carries the user and the session.', {
    required: true,
    source: SOURCES.jwtUrl
  }),
  spec(':embed', 'security', 'Must be "true": marks the workbook URL as an embed.', {
    required: true,
    values: ['true'],
    source: SOURCES.jwtUrl
  }),
  ...signedUrlParams.filter((p) => p.jwtUrl)
]

export interface ClaimSpec {
  name: string
  meaning: string
  required?: boolean
  /** Where the fact comes from. */
  source: string
}

export const jwtHeaderFields: readonly ClaimSpec[] = [
  { name: 'alg', meaning: 'Signature algorithm; must be HS256.', required: true, source: SOURCES.jwtClaims },
  {
    name: 'kid',
    meaning: 'The client id of the embed credentials that signed the token.',
    required: true,
    source: SOURCES.jwtClaims
  },
  { name: 'typ', meaning: 'Token type; libraries add "JWT".', source: SOURCES.jwtClaims }
]

export const jwtClaims: readonly ClaimSpec[] = [
  {
    name: 'sub',
    meaning: "The embed user's email (RFC 1035: no whitespace or underscores).",
    required: true,
    source: SOURCES.jwtClaims
  },
  {
    name: 'jti',
    meaning: 'A unique id per session; a seen jti is a replay.',
    required: true,
    source: SOURCES.jwtClaims
  },
  { name: 'iat', meaning: 'Issued at, Unix seconds.', required: true, source: SOURCES.jwtClaims },
  {
    name: 'exp',
    meaning: 'Expires at, Unix seconds; at most 30 days after iat.',
    required: true,
    source: SOURCES.jwtClaims
  },
  { name: 'iss', meaning: 'Optional: the client id.', source: SOURCES.jwtClaims },
  { name: 'ver', meaning: 'Token version: "1.0" (default) or "1.1".', source: SOURCES.jwtClaims },
  { name: 'aud', meaning: '"sigmacomputing"; required for version 1.1.', source: SOURCES.jwtClaims },
  {
    name: 'account_type',
    meaning: 'The account type (Viewer, Creator or custom). Not for internal users.',
    source: SOURCES.jwtClaims
  },
  {
    name: 'teams',
    meaning: 'The teams the user belongs to (an array). Not for internal users.',
    source: SOURCES.jwtClaims
  },
  {
    name: 'user_attributes',
    meaning: 'User attributes, name to value. Not for internal users.',
    source: SOURCES.jwtClaims
  },
  { name: 'eval_connection_id', meaning: 'Evaluate against this connection.', source: SOURCES.jwtClaims },
  { name: 'first_name', meaning: "The user's first name.", source: SOURCES.jwtClaims },
  { name: 'last_name', meaning: "The user's last name.", source: SOURCES.jwtClaims },
  { name: 'oauth_token', meaning: 'Encrypted OAuth token (version 1.1).', source: SOURCES.jwtClaims },
  {
    name: 'connection_oauth_tokens',
    meaning: 'Encrypted OAuth tokens per connection (version 1.1).',
    source: SOURCES.jwtClaims
  },
  // Not in the claims reference: the vendor's API use-case sample (quickstarts-public,
  // embedding_qs_series_2_api_use_cases/helpers/create-jwt.js) sends them with aud ".../iam".
  {
    name: 'scope',
    meaning: 'Sent by the vendor\'s API use-case sample ("embed"); not in the JWT claims reference.',
    source: SOURCES.apiUseCaseSample
  },
  {
    name: 'embed',
    meaning: "Sent by the vendor's API use-case sample ({ url, permissions }); not in the JWT claims reference.",
    source: SOURCES.apiUseCaseSample
  },
  // help.sigmacomputing.com/docs/json-web-token-claims-reference lists it after "teams".
  {
    name: 'tenant',
    meaning: 'The tenant organization the embed user belongs to (orgs with tenants). The emulator has no tenants.',
    source: `${SOURCES.claimsReference}; help.sigmacomputing.com/docs/embed-content-from-a-tenant-organization`
  }
]

export const JWT_AUDIENCE = 'sigmacomputing'
export const JWT_VERSIONS = ['1.0', '1.1'] as const
export const MAX_NONCE_LENGTH = 255

/** Limits where the sources disagree or are silent: settings with the documented defaults. */
export interface ProtocolLimits {
  /** The QuickStart says 2592000 s (30 days); the error-code page says "less than 3600". */
  maxSessionLengthSeconds: number
  /** Not documented; Looker, a peer, allows 5 minutes. */
  clockSkewSeconds: number
  /** Where sources disagree on a parameter, refuse it (as the stricter source says) instead of warning. */
  strictParameters?: boolean
}

export const defaultLimits: ProtocolLimits = {
  maxSessionLengthSeconds: MAX_SESSION_LENGTH_SECONDS,
  clockSkewSeconds: DEFAULT_CLOCK_SKEW_SECONDS
}

export const USER_ATTRIBUTE_PREFIX = ':ua_'

const byName = new Map(signedUrlParams.concat(jwtUrlParams).map((p) => [p.name, p]))

export function paramSpec(name: string): ParamSpec | undefined {
  if (name.startsWith(USER_ATTRIBUTE_PREFIX) && name.length > USER_ATTRIBUTE_PREFIX.length) {
    return spec(
      name,
      'user',
      `User attribute "${name.slice(USER_ATTRIBUTE_PREFIX.length)}" (comma-separated values), e.g. for row-level security.`,
      { source: SOURCES.userAttributes }
    )
  }
  return byName.get(name)
}

export const knownParamNames: readonly string[] = [...byName.keys()]
