/**
 * API credentials: a base URL, an environment (test or production), Content-Type and extra
 * headers, and one authentication setting (or one per organization). The public half is stored
 * in the clear; the secret half is encrypted in the vault and used only to sign in main.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  apiDestinationChange,
  apiDestinationOf,
  defaultHmacOptions,
  type ApiDestination,
  type ApiAuth,
  type ApiCredentialSummary,
  type ApiEnvironment,
  type ParsedInput
} from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import type { Vault } from '../store/vault'
import type { SecretBinding } from '../store/cipher'
import { apiCredentialBinding, type StoredApiCredential } from '../store/vault-file'
import type { AuthSecrets } from './request-signing'

type AuthInput = ParsedInput<'saveApiCredential'>['auth']
const secretFields = ['value', 'password', 'token', 'secretAccessKey', 'sessionToken', 'clientSecret'] as const
/** The secret fields each type needs (sessionToken is optional). */
const requiredSecrets: Record<ApiAuth['type'], (typeof secretFields)[number][]> = {
  none: [],
  headers: ['value'],
  basic: ['password'],
  bearer: ['token'],
  aws4: ['secretAccessKey'],
  hmac: ['clientSecret']
}
const secretsSchema = z.object(Object.fromEntries(secretFields.map((f) => [f, z.string().optional()]))).strict()

export interface UsableCredential {
  record: StoredApiCredential
  name: string
  org: string | null
  auth: ApiAuth
  secrets: AuthSecrets
}

export function createApiCredentialsService(vault: Vault, deps: { clock?: Clock } = {}) {
  const clock = deps.clock ?? systemClock

  function findById(id: string, records: StoredApiCredential[]): StoredApiCredential {
    const record = records.find((r) => r.id === id)
    if (!record)
      throw new WorkbenchError('API_CREDENTIAL_NOT_FOUND', 'That API credential no longer exists. Refresh the list.')
    return record
  }

  async function decryptSecrets(tagged: string | null, name: string, binding: SecretBinding): Promise<AuthSecrets> {
    if (tagged === null) return {}
    try {
      return secretsSchema.parse(JSON.parse(await vault.decryptRemembered(tagged, binding))) as AuthSecrets
    } catch {
      throw new WorkbenchError(
        'SECRET_UNREADABLE',
        `The stored secrets of "${name}" cannot be decrypted: that part of the vault file is damaged. Enter them again.`
      )
    }
  }

  /** Splits an auth input into its public half and its secrets, keeping stored secrets the form left out. */
  /**
   * `where` names the setting in messages; `field` is the form path errors point at ("auth" or
   * "orgs.2.auth"); `secretsRequired` is false for the credential's own auth when every request
   * uses an organization's keys.
   */
  async function splitAuth(
    input: AuthInput,
    stored: { auth: ApiAuth; secrets: string | null; binding: SecretBinding; destination: ApiDestination } | null,
    binding: SecretBinding,
    destination: ApiDestination,
    where: string,
    field: string,
    name: string,
    secretsRequired = true
  ): Promise<{ auth: ApiAuth; secrets: string | null; secretsStored: string[] }> {
    const previous =
      stored && stored.auth.type === input.type ? await decryptSecrets(stored.secrets, name, stored.binding) : {}
    const secrets: AuthSecrets = {}
    const given = input as Record<string, unknown>
    for (const key of secretFields) {
      const typed = typeof given[key] === 'string' && given[key] !== ''
      const value = typed ? (given[key] as string) : previous[key]
      if (value === undefined || value === '') continue
      // A kept secret goes only where it was entered for: a new destination needs it typed again.
      const moved = !typed && stored ? apiDestinationChange(stored.destination, destination) : null
      if (moved)
        throw new WorkbenchError(
          'SECRET_DESTINATION_CHANGED',
          `${where}: ${moved}. A stored secret is sent only where it was entered for: enter the ${secretLabel(key)} again to send it there.`,
          `${field}.${key}`
        )
      secrets[key] = value
    }
    for (const secret of secretsRequired ? requiredSecrets[input.type] : []) {
      if (!secrets[secret])
        throw new WorkbenchError(
          'API_CREDENTIAL_INVALID',
          `${where}: enter the ${secretLabel(secret)}.`,
          `${field}.${secret}`
        )
    }
    let auth: ApiAuth
    switch (input.type) {
      case 'none':
        auth = { type: 'none' }
        break
      case 'headers':
        auth = { type: 'headers', headerName: input.headerName }
        break
      case 'basic':
        if (!input.username.trim() && secretsRequired)
          throw new WorkbenchError('API_CREDENTIAL_INVALID', `${where}: enter the username.`, `${field}.username`)
        if (input.username.includes(':'))
          throw new WorkbenchError(
            'API_CREDENTIAL_INVALID',
            `${where}: a Basic username cannot contain ":" (it separates username and password).`,
            `${field}.username`
          )
        auth = { type: 'basic', username: input.username }
        break
      case 'bearer':
        auth = { type: 'bearer', headerName: input.headerName, scheme: input.scheme }
        break
      case 'aws4':
        for (const [key, value] of [
          ['accessKeyId', input.accessKeyId],
          ['region', input.region],
          ['service', input.service]
        ] as const) {
          if (!value.trim() && (secretsRequired || key !== 'accessKeyId'))
            throw new WorkbenchError(
              'API_CREDENTIAL_INVALID',
              `${where}: enter the AWS ${key === 'accessKeyId' ? 'access key' : key}.`,
              `${field}.${key}`
            )
        }
        if (input.endpoint && !/^https?:\/\//.test(input.endpoint))
          throw new WorkbenchError(
            'API_CREDENTIAL_INVALID',
            `${where}: the base endpoint is a URL such as https://execute-api.us-east-1.amazonaws.com.`,
            `${field}.endpoint`
          )
        auth = {
          type: 'aws4',
          accessKeyId: input.accessKeyId.trim(),
          region: input.region.trim(),
          service: input.service.trim(),
          endpoint: input.endpoint.trim(),
          ...(input.options ? { options: input.options } : {})
        }
        break
      case 'hmac':
        if (!input.clientId.trim() && secretsRequired)
          throw new WorkbenchError('API_CREDENTIAL_INVALID', `${where}: enter the client id.`, `${field}.clientId`)
        auth = { type: 'hmac', clientId: input.clientId.trim(), options: input.options ?? defaultHmacOptions }
        break
    }
    const stored_ = Object.keys(secrets).length
      ? await vault.requireCipher().encrypt(JSON.stringify(secrets), binding)
      : null
    return { auth, secrets: stored_, secretsStored: Object.keys(secrets) }
  }

  function summarize(record: StoredApiCredential): ApiCredentialSummary {
    return {
      id: record.id,
      name: record.name,
      baseUrl: record.baseUrl,
      environment: record.environment,
      contentType: record.contentType,
      headers: record.headers,
      orgSpecific: record.orgSpecific,
      auth: record.auth as ApiAuth,
      secretsStored: record.secretsStored,
      orgs: record.orgs.map((o) => ({ org: o.org, auth: o.auth as ApiAuth, secretsStored: o.secretsStored })),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt
    }
  }

  function environment(): ApiEnvironment {
    return vault.read().apiEnvironment
  }

  return {
    list(): { environment: ApiEnvironment; credentials: ApiCredentialSummary[] } {
      const data = vault.read()
      return {
        environment: data.apiEnvironment,
        credentials: data.apiCredentials.map(summarize).sort((a, b) => a.name.localeCompare(b.name))
      }
    },

    setEnvironment(next: ApiEnvironment): { environment: ApiEnvironment } {
      vault.update((data) => ({ ...data, apiEnvironment: next }))
      return { environment: next }
    },

    async save(input: ParsedInput<'saveApiCredential'>): Promise<ApiCredentialSummary> {
      const records = vault.read().apiCredentials
      const record = input.id ? findById(input.id, records) : null
      const name = input.name.trim()
      if (!name)
        throw new WorkbenchError('NAME_REQUIRED', 'Give the API credential a name: requests select it by name.', 'name')
      if (records.some((r) => r.id !== record?.id && r.name.toLowerCase() === name.toLowerCase()))
        throw new WorkbenchError('NAME_TAKEN', `An API credential is already named "${name}".`, 'name')
      let baseUrl: URL
      try {
        baseUrl = new URL(input.baseUrl.trim())
        if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') throw new Error('scheme')
      } catch {
        throw new WorkbenchError(
          'API_CREDENTIAL_INVALID',
          'The base URL is the API address, such as https://api.example.com/v1.',
          'baseUrl'
        )
      }
      const lowerNames = input.headers.map((h) => h.name.toLowerCase())
      if (lowerNames.includes('content-type'))
        throw new WorkbenchError(
          'API_CREDENTIAL_INVALID',
          'Content-Type is chosen above (JSON, XML or form-urlencoded); remove it from the extra headers.',
          'headers'
        )
      const dup = lowerNames.find((n, i) => lowerNames.indexOf(n) !== i)
      if (dup) throw new WorkbenchError('API_CREDENTIAL_INVALID', `The header ${dup} is listed twice.`, 'headers')
      const id = record?.id ?? randomUUID()
      const target = {
        id,
        environment: input.environment,
        baseUrl: baseUrl.toString().replace(/\/$/, baseUrl.pathname === '/' ? '' : '/')
      }
      // With organization-specific keys every request uses an organization's keys: the credential's
      // own auth only sets the type (and defaults), so its secrets are not required.
      const main = await splitAuth(
        input.auth,
        record
          ? {
              auth: record.auth as ApiAuth,
              secrets: record.secrets,
              binding: apiCredentialBinding(record, record.auth, null),
              destination: apiDestinationOf(record, record.auth)
            }
          : null,
        apiCredentialBinding(target, input.auth, null),
        apiDestinationOf(target, input.auth),
        'Authentication',
        'auth',
        name,
        !input.orgSpecific
      )
      const orgs = []
      if (input.orgSpecific) {
        if (!input.orgs.length)
          throw new WorkbenchError(
            'API_CREDENTIAL_INVALID',
            'Organization-specific authentication is on: add at least one organization with its keys.',
            'orgs'
          )
        const seen = new Set<string>()
        for (const [index, org] of input.orgs.entries()) {
          const orgName = org.org.trim()
          if (!orgName)
            throw new WorkbenchError('API_CREDENTIAL_INVALID', 'Every organization needs a name.', `orgs.${index}.org`)
          if (seen.has(orgName.toLowerCase()))
            throw new WorkbenchError(
              'API_CREDENTIAL_INVALID',
              `The organization "${orgName}" is listed twice.`,
              `orgs.${index}.org`
            )
          seen.add(orgName.toLowerCase())
          if (org.auth.type !== input.auth.type)
            throw new WorkbenchError(
              'API_CREDENTIAL_INVALID',
              `"${orgName}" uses ${org.auth.type}, but the credential uses ${input.auth.type}: all organizations share one authentication type.`,
              `orgs.${index}.auth.type`
            )
          const previous = record?.orgs.find((o) => o.org.toLowerCase() === orgName.toLowerCase())
          const split = await splitAuth(
            org.auth,
            record && previous
              ? {
                  auth: previous.auth as ApiAuth,
                  secrets: previous.secrets,
                  binding: apiCredentialBinding(record, previous.auth, previous.org),
                  destination: apiDestinationOf(record, previous.auth)
                }
              : null,
            apiCredentialBinding(target, org.auth, orgName),
            apiDestinationOf(target, org.auth),
            `Organization "${orgName}"`,
            `orgs.${index}.auth`,
            name
          )
          orgs.push({ org: orgName, auth: split.auth, secrets: split.secrets, secretsStored: split.secretsStored })
        }
      }
      const now = clock.now().toISOString()
      const next: StoredApiCredential = {
        id,
        name,
        baseUrl: target.baseUrl,
        environment: input.environment,
        contentType: input.contentType,
        headers: input.headers,
        orgSpecific: input.orgSpecific,
        auth: main.auth,
        secrets: main.secrets,
        secretsStored: main.secretsStored,
        orgs,
        createdAt: record?.createdAt ?? now,
        updatedAt: now
      }
      vault.update((data) => ({
        ...data,
        apiCredentials: [...data.apiCredentials.filter((r) => r.id !== next.id), next]
      }))
      return summarize(next)
    },

    delete({ id }: { id: string }): { id: string } {
      vault.update((data) => {
        findById(id, data.apiCredentials)
        return { ...data, apiCredentials: data.apiCredentials.filter((r) => r.id !== id) }
      })
      return { id }
    },

    environment,

    /**
     * The credential's public and secret auth for one request, for main only. Refuses a credential
     * of the other environment: a test credential is never used in production, nor the reverse.
     */
    async forRequest(idOrName: string, org: string | undefined, selected?: ApiEnvironment): Promise<UsableCredential> {
      // Every request and every verdict reads this: the vault's records as they are, not a copy.
      const data = vault.peek()
      const environment = selected ?? data.apiEnvironment
      const record =
        data.apiCredentials.find((r) => r.id === idOrName) ??
        data.apiCredentials.find((r) => r.name.toLowerCase() === idOrName.toLowerCase())
      if (!record)
        throw new WorkbenchError('API_CREDENTIAL_NOT_FOUND', `No API credential is named or numbered "${idOrName}".`)
      if (record.environment !== environment) {
        throw new WorkbenchError(
          'WRONG_ENVIRONMENT',
          record.environment === 'test'
            ? `"${record.name}" is a test credential; it is used only while the test environment is selected, and production is selected${selected ? ' for this command' : ' now'}.`
            : `"${record.name}" is a production credential; it is not used while the test environment is selected. Switch to production to use it.`
        )
      }
      if (!record.orgSpecific)
        return {
          record,
          name: record.name,
          org: null,
          auth: record.auth as ApiAuth,
          secrets: await decryptSecrets(record.secrets, record.name, apiCredentialBinding(record, record.auth, null))
        }
      const chosen = org
        ? record.orgs.find((o) => o.org.toLowerCase() === org.toLowerCase())
        : record.orgs.length === 1
          ? record.orgs[0]
          : undefined
      if (!chosen) {
        throw new WorkbenchError(
          'ORG_REQUIRED',
          org
            ? `"${record.name}" has no organization "${org}" (it has ${record.orgs.map((o) => o.org).join(', ')}).`
            : `"${record.name}" has keys for several organizations (${record.orgs.map((o) => o.org).join(', ')}): choose one.`,
          'org'
        )
      }
      return {
        record,
        name: record.name,
        org: chosen.org,
        auth: chosen.auth as ApiAuth,
        secrets: await decryptSecrets(
          chosen.secrets,
          record.name,
          apiCredentialBinding(record, chosen.auth, chosen.org)
        )
      }
    }
  }
}

export type ApiCredentialsService = ReturnType<typeof createApiCredentialsService>

function secretLabel(field: (typeof secretFields)[number]): string {
  return {
    value: 'header value',
    password: 'password',
    token: 'token',
    secretAccessKey: 'AWS secret key',
    sessionToken: 'session token',
    clientSecret: 'client secret'
  }[field]
}
