/**
 * Signing embed URLs for a persona, by both documented methods. Pure: it takes the secret as an
 * argument and never stores it; the signing service fetches it from the vault.
 *
 * - Signed URL: the QuickStart's parameter order and encoding (key values are not encoded, commas
 *   stay raw), a fresh nonce, and `&:signature=` + HMAC-SHA256(secret, URL so far) in lowercase hex.
 * - JWT: HS256 via jose with `kid` = client id, the documented claims, then
 *   `{workbook URL}?:jwt={token}&:embed=true` + display parameters and control values.
 */
import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import type { EmbedOptions, Persona, SignedEmbed } from '../../preload/contract'
import { encodeValue } from '../protocol/encoding'
import { hmacHex } from '../core/hmac'
import { JWT_AUDIENCE, USER_ATTRIBUTE_PREFIX } from '../protocol/parameters'

export interface SigningKey {
  clientId: string
  secret: string
}

export interface SignInput {
  persona: Persona
  options: EmbedOptions
  key: SigningKey
  /** Unix seconds. */
  now: number
  /** Injected for tests; a random UUID otherwise. */
  nonce?: string
}

type Pair = [name: string, value: string]

/** The embed URL's base: the embed path, plus `/tag/{tag}` for a version tag. */
export function embedBase(options: EmbedOptions): string {
  const path = options.embedPath.trim().replace(/\/+$/, '')
  return options.versionTag?.trim() ? `${path}/tag/${encodeURIComponent(options.versionTag.trim())}` : path
}

function displayParams(options: EmbedOptions): Pair[] {
  const pairs: Pair[] = []
  if (options.theme) pairs.push([':theme', options.theme])
  if (options.menuPosition) pairs.push([':menu_position', options.menuPosition])
  for (const flag of options.hide) pairs.push([flag, 'true'])
  if (options.lng) pairs.push([':lng', options.lng])
  if (options.lngVariant) pairs.push([':lng_variant', options.lngVariant])
  if (options.responsiveHeight) pairs.push([':responsive_height', 'true'])
  return pairs
}

function trailingParams(persona: Persona, options: EmbedOptions): Pair[] {
  return [
    ...persona.extraParams.map((p): Pair => [p.name, p.value]),
    ...displayParams(options),
    ...options.controls.filter((c) => c.name).map((c): Pair => [c.name, c.value])
  ]
}

const render = (pairs: Pair[]) => pairs.map(([name, value]) => `${encodeValue(name)}=${encodeValue(value)}`)

export function signUrl({ persona, options, key, now, nonce = randomUUID() }: SignInput): SignedEmbed {
  const pairs: Pair[] = [
    [':nonce', nonce],
    [':client_id', key.clientId],
    [':email', persona.email],
    [':external_user_id', persona.externalUserId],
    [':external_user_team', persona.teams.join(',')]
  ]
  if (persona.accountType) pairs.push([':account_type', persona.accountType])
  pairs.push([':mode', options.mode], [':session_length', String(options.sessionLength)], [':time', String(now)])
  if (persona.firstName || persona.lastName)
    pairs.push([':first_name', persona.firstName], [':last_name', persona.lastName])
  for (const attribute of persona.userAttributes)
    pairs.push([`${USER_ATTRIBUTE_PREFIX}${attribute.name}`, attribute.values.join(',')])
  if (persona.evalConnectionId) pairs.push([':eval_connection_id', persona.evalConnectionId])
  pairs.push(...trailingParams(persona, options))
  const unsigned = `${embedBase(options)}?${render(pairs).join('&')}`
  const signature = hmacHex(key.secret, unsigned)
  return {
    method: 'url',
    url: `${unsigned}&:signature=${signature}`,
    params: [...pairs, [':signature', signature] as Pair].map(([name, value]) => ({ name, value })),
    oneTimeId: nonce,
    issuedAt: now,
    expiresAt: now + options.sessionLength
  }
}

/** User attributes as JWT claims: one value as a string, several as an array. */
function attributeClaims(persona: Persona): Record<string, string | string[]> {
  return Object.fromEntries(
    persona.userAttributes.map((a) => [a.name, a.values.length === 1 ? a.values[0]! : a.values])
  )
}

/**
 * The HS256 keys jose signs with, imported once per secret (an import cost 15% of a sign), at most
 * a few, and forgotten when the vault locks or changes key (services wires forgetJwtKeys to it).
 */
const jwtKeys = new Map<string, Promise<CryptoKey>>()
const MAX_JWT_KEYS = 16

function jwtKey(secret: string): Promise<CryptoKey> {
  let key = jwtKeys.get(secret)
  if (!key) {
    key = crypto.subtle.importKey('raw', Buffer.from(secret, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign'
    ])
    if (jwtKeys.size >= MAX_JWT_KEYS) jwtKeys.delete(jwtKeys.keys().next().value!)
    jwtKeys.set(secret, key)
  }
  return key
}

/** Drops every imported signing key (the vault locked or changed its key). */
export function forgetJwtKeys(): void {
  jwtKeys.clear()
}

export async function signJwt({ persona, options, key, now, nonce = randomUUID() }: SignInput): Promise<SignedEmbed> {
  const payload: Record<string, unknown> = {
    sub: persona.email,
    jti: nonce,
    iat: now,
    exp: now + options.sessionLength,
    ver: options.jwtVersion
  }
  if (options.jwtVersion === '1.1') payload['aud'] = JWT_AUDIENCE
  if (persona.accountType) payload['account_type'] = persona.accountType
  payload['teams'] = persona.teams
  if (persona.userAttributes.length) payload['user_attributes'] = attributeClaims(persona)
  if (persona.firstName) payload['first_name'] = persona.firstName
  if (persona.lastName) payload['last_name'] = persona.lastName
  if (persona.evalConnectionId) payload['eval_connection_id'] = persona.evalConnectionId
  const header = { alg: 'HS256', kid: key.clientId, typ: 'JWT' }
  const token = await new SignJWT(payload).setProtectedHeader(header).sign(await jwtKey(key.secret))
  const pairs: Pair[] = [[':jwt', token], [':embed', 'true'], ...trailingParams(persona, options)]
  return {
    method: 'jwt',
    url: `${embedBase(options)}?${render(pairs).join('&')}`,
    params: pairs.map(([name, value]) => ({ name, value })),
    oneTimeId: nonce,
    issuedAt: now,
    expiresAt: now + options.sessionLength,
    jwt: { header, payload }
  }
}
