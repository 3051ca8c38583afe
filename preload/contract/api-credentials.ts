/** API credentials, the request runner and the local verification server. Secrets go in only. */
import { z } from 'zod'
import {
  apiContentTypes,
  apiEnvironments,
  HEADER_NAME_PATTERN,
  hmacParts,
  httpMethods,
  MAX_PRESIGN_SECONDS,
  sigV4PathStyles,
  sigV4PayloadModes,
  sigV4SessionTokenModes,
  type apiAuthTypes
} from './constants'
import { channel, id, MAX_PASTE, name, noInput, text } from './schema'

export type ApiEnvironment = (typeof apiEnvironments)[number]
export type ApiContentType = (typeof apiContentTypes)[number]
export type ApiAuthType = (typeof apiAuthTypes)[number]
export type HmacPart = (typeof hmacParts)[number]

/** What HMAC-SHA256 signs and where it goes. The default is documented in the README. */
export interface HmacOptions {
  /** Joined with `separator` in this order; query is canonical (sorted, RFC 3986), bodyHash is SHA-256 hex. */
  parts: HmacPart[]
  separator: string
  signatureHeader: string
  timestampHeader: string
  clientIdHeader: string
  encoding: 'hex' | 'base64'
  timestampFormat: 'unix' | 'iso'
}

/** How a SigV4 credential signs where AWS services differ; left out, what most services expect. */
export interface SigV4Options {
  path: (typeof sigV4PathStyles)[number]
  payload: (typeof sigV4PayloadModes)[number]
  sessionToken: (typeof sigV4SessionTokenModes)[number]
}

/** The public half of an authentication setting; the secret half is stored encrypted and never returned. */
export type ApiAuth =
  | { type: 'none' }
  | { type: 'headers'; headerName: string }
  | { type: 'basic'; username: string }
  | { type: 'bearer'; headerName: string; scheme: string }
  | { type: 'aws4'; accessKeyId: string; region: string; service: string; endpoint: string; options?: SigV4Options }
  | { type: 'hmac'; clientId: string; options: HmacOptions }

export interface ApiCredentialSummary {
  id: string
  name: string
  baseUrl: string
  environment: ApiEnvironment
  contentType: ApiContentType
  headers: { name: string; value: string }[]
  orgSpecific: boolean
  auth: ApiAuth
  /** Names of the secret fields stored for `auth`, e.g. ["password"]. */
  secretsStored: string[]
  orgs: { org: string; auth: ApiAuth; secretsStored: string[] }[]
  createdAt: string
  updatedAt: string
}

/**
 * A request the runner sent, kept per data folder. Values that may be secrets are never kept:
 * headers named like one (Authorization, Cookie, *token*, *key*, *secret*, *password*) and JSON or
 * form body fields named so are stored as "" with `masked` listing them, to be typed again.
 */
export interface RequestHistoryEntry {
  id: string
  at: string
  credentialId: string
  credentialName: string
  org: string | null
  method: (typeof httpMethods)[number]
  path: string
  headers: { name: string; value: string }[]
  body: string
  /** The answer's status, or null when it failed before one (then `error` says why). */
  status: number | null
  error: string | null
  /** What was left out as a possible secret ("header X-Api-Key", "body field password"). */
  masked: string[]
  /** Saved by the user under a name: kept when the history is cleared or rolls over. */
  savedAs: string | null
}

export interface ApiRequestResult {
  /** What goes out, secrets masked. */
  request: { method: string; url: string; headers: [string, string][]; body: string }
  signing:
    | {
        kind: 'aws4'
        canonicalRequest: string
        stringToSign: string
        signature: string
        credentialScope: string
        signedHeaders: string
      }
    | { kind: 'hmac'; stringToSign: string; signature: string }
    | null
  /** The client certificate presented (by authorized domains), or null, and why. */
  certificate: { name: string | null; explanation: string }
  response: {
    status: number
    statusText: string
    headers: [string, string][]
    body: string
    bodyTruncated: boolean
    timing: { connectMs: number | null; tlsMs: number | null; firstByteMs: number; totalMs: number }
    tls: {
      protocol: string | null
      cipher: string | null
      authorized: boolean
      authorizationError: string | null
      serverCertificate: { subject: string; issuer: string; validTo: string; fingerprintSha256: string } | null
      /**
       * A client certificate was given to the handshake. A TLS server receives it only if it asks
       * for one, which the client cannot see: the verification server's verdict says whether it did.
       */
      clientCertificateOffered: boolean
    } | null
  } | null
  /** When the request could not be sent or answered: why, in words. */
  error: { code: string; message: string } | null
  /** When the answer came from the local verification server: its verdict, and the line diff of the canonical request. */
  verifier: VerifyVerdict | null
  canonicalDiff: { line: number; ours: string; server: string }[] | null
}

export interface VerifyVerdict {
  id: number
  at: string
  /** The HTTP status it answered: 200, 401 (authentication) or 403 (client certificate). */
  status: number
  method: string
  path: string
  ok: boolean
  /** The scheme the request used, as the server read it. */
  scheme: string
  /** What is wrong, one sentence each. Empty when ok. */
  problems: string[]
  clientCertificate: { presented: boolean; subject: string | null; authorized: boolean; error: string | null }
  /** The server's own canonical request / string to sign, for comparison with the client's. */
  canonicalRequest: string | null
  stringToSign: string | null
}

export interface VerifyServerStatus {
  running: boolean
  url: string | null
  port: number | null
  requireClientCert: boolean
  /** The API credential (and org) whose secrets the server checks requests against. */
  expecting: { credentialId: string; name: string; org: string | null } | null
  clientCa: string | null
  /** PEM of the server's own certificate (generated at start), to trust it from other clients. */
  serverCertificatePem: string | null
  /** The time every request is judged as of (ISO), when one was given; null: now. */
  verifyAsOf: string | null
  requests: VerifyVerdict[]
}

// Input schemas

const headerName = z
  .string()
  .min(1)
  .max(200)
  .regex(HEADER_NAME_PATTERN, 'A header name holds only letters, digits and - _ . (no spaces).')

/** What HTTP lets a header value hold: tabs and printable Latin-1 (what node's http refuses otherwise). */
const sendable = (v: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(v)
const UNSENDABLE =
  'This value cannot be sent in a header: take out the line break, control character or character beyond Latin-1 (é is fine, ✓ is not).'

const headerValue = z.string().max(8000).refine(sendable, UNSENDABLE)

const secretValue = z.string().max(8000).optional()
/** A secret that goes into a header as it is (an API key, a bearer token, a session token). */
const secretHeaderValue = z.string().max(8000).refine(sendable, UNSENDABLE).optional()

export const hmacOptionsSchema = z
  .object({
    parts: z.array(z.enum(hmacParts)).min(1).max(6),
    separator: z.string().max(10),
    signatureHeader: headerName,
    timestampHeader: headerName,
    clientIdHeader: headerName,
    encoding: z.enum(['hex', 'base64']),
    timestampFormat: z.enum(['unix', 'iso'])
  })
  .strict()

/** An auth setting with its secret fields; a secret field left out keeps the stored one. */
export const apiAuthInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z.object({ type: z.literal('headers'), headerName, value: secretHeaderValue }).strict(),
  z.object({ type: z.literal('basic'), username: text(500), password: secretValue }).strict(),
  z
    .object({
      type: z.literal('bearer'),
      headerName: headerName.default('Authorization'),
      scheme: text(50).default('Bearer'),
      token: secretHeaderValue
    })
    .strict(),
  z
    .object({
      type: z.literal('aws4'),
      accessKeyId: text(200),
      secretAccessKey: secretValue,
      region: text(50),
      service: text(100),
      endpoint: text(2000).default(''),
      sessionToken: secretHeaderValue,
      options: z
        .object({
          path: z.enum(sigV4PathStyles),
          payload: z.enum(sigV4PayloadModes),
          sessionToken: z.enum(sigV4SessionTokenModes)
        })
        .strict()
        .optional()
    })
    .strict(),
  z
    .object({
      type: z.literal('hmac'),
      clientId: text(500),
      clientSecret: secretValue,
      options: hmacOptionsSchema.optional()
    })
    .strict()
])

// The channel table

/** API credentials, the request runner and the verification server. */
export const apiCredentialChannels = {
  listApiCredentials: channel<{ environment: ApiEnvironment; credentials: ApiCredentialSummary[] }>()(noInput),
  setApiEnvironment: channel<{ environment: ApiEnvironment }>()(
    z.object({ environment: z.enum(apiEnvironments) }).strict()
  ),
  saveApiCredential: channel<ApiCredentialSummary>()(
    z
      .object({
        id: id.optional(),
        name,
        baseUrl: text(2000),
        environment: z.enum(apiEnvironments),
        contentType: z.enum(apiContentTypes),
        headers: z
          .array(z.object({ name: headerName, value: headerValue }).strict())
          .max(50)
          .default([]),
        orgSpecific: z.boolean().default(false),
        auth: apiAuthInputSchema,
        orgs: z
          .array(z.object({ org: text(200), auth: apiAuthInputSchema }).strict())
          .max(100)
          .default([])
      })
      .strict()
  ),
  deleteApiCredential: channel<{ id: string }>()(z.object({ id }).strict()),
  /** Builds (and with send, sends) a request with a stored API credential. */
  sendApiRequest: channel<ApiRequestResult>()(
    z
      .object({
        credentialId: id,
        org: text(200).optional(),
        method: z.enum(httpMethods),
        path: text(8000),
        body: text(MAX_PASTE).default(''),
        headers: z
          .array(z.object({ name: headerName, value: headerValue }).strict())
          .max(50)
          .default([]),
        send: z.boolean().default(true),
        /** Sign as of this time (Unix seconds) instead of now: to reproduce a customer's signature. */
        signAt: z.number().int().min(0).max(1e11).optional(),
        /** SigV4 only: sign in the query string, a presigned URL valid this many seconds. */
        presignSeconds: z.number().int().min(1).max(MAX_PRESIGN_SECONDS).optional()
      })
      .strict()
  ),
  /** The runner's history, newest first, saved requests included. */
  listRequestHistory: channel<RequestHistoryEntry[]>()(noInput),
  /** Saves a history entry under a name (or renames it); null unsaves it. */
  saveRequest: channel<RequestHistoryEntry[]>()(z.object({ id, name: text(200).nullable() }).strict()),
  deleteRequest: channel<RequestHistoryEntry[]>()(z.object({ id }).strict()),
  /** Empties the history; saved requests stay. */
  clearRequestHistory: channel<RequestHistoryEntry[]>()(noInput),
  getVerifyServer: channel<VerifyServerStatus>()(noInput),
  startVerifyServer: channel<VerifyServerStatus>()(
    z
      .object({
        port: z.number().int().min(0).max(65535).default(0),
        credentialId: id,
        org: text(200).optional(),
        requireClientCert: z.boolean().default(false),
        /** Client certificates must be issued by this stored certificate's CA. */
        clientCaCertificateId: id.optional(),
        maxSkewSeconds: z.number().int().min(0).max(86_400).default(300),
        /** Judge every request as of this time (Unix seconds) instead of now: a customer's moment, reproduced. */
        verifyAsOf: z.number().int().min(0).max(1e11).optional()
      })
      .strict()
  ),
  stopVerifyServer: channel<VerifyServerStatus>()(noInput)
} as const
