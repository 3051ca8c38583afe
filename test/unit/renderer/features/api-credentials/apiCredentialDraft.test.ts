import { describe, expect, it } from 'vitest'
import type { ApiCredentialSummary, WorkbenchFailure } from '../../../../../preload/contract'
import { defaultHmacOptions, defaultSigV4Options } from '../../../../../preload/contract/constants'
import {
  apiControlId,
  authTypeLabel,
  draftOf,
  emptyApiCredentialDraft,
  emptyAuthFields,
  headerRowsProblem,
  hmacOptionsProblem,
  isDirty,
  newOrg,
  placeApiError,
  sameHmacOptions,
  saveInput,
  secretView,
  separatorText,
  separatorValue,
  storedOrgSecrets,
  unusableReason,
  type ApiCredentialDraft
} from '../../../../../renderer/src/features/api-credentials/apiCredentialDraft'

const hmacSummary: ApiCredentialSummary = {
  id: 'api-1',
  name: 'Orders API',
  baseUrl: 'https://api.example.com/v1',
  environment: 'test',
  contentType: 'json',
  headers: [{ name: 'X-Team', value: 'embeds' }],
  orgSpecific: false,
  auth: { type: 'hmac', clientId: 'orders-client', options: defaultHmacOptions },
  secretsStored: ['clientSecret'],
  orgs: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z'
}

const newHmac = (over: Partial<ApiCredentialDraft> = {}): ApiCredentialDraft => ({
  ...emptyApiCredentialDraft,
  name: 'Orders API',
  baseUrl: ' https://api.example.com/v1 ',
  type: 'hmac',
  fields: { ...emptyAuthFields, clientId: 'orders-client' },
  secrets: { clientSecret: { kind: 'new', value: 's3cret' } },
  ...over
})

describe('an HMAC-SHA256 credential (apiCredentialDraft)', () => {
  it('with its parts reordered, sends the options the editor shows, with the secret typed', () => {
    const options = {
      ...defaultHmacOptions,
      parts: ['timestamp', 'method', 'path', 'bodyHash'] as const,
      separator: '|',
      encoding: 'base64' as const
    }
    const input = saveInput(
      newHmac({
        fields: { ...emptyAuthFields, clientId: 'orders-client', options: { ...options, parts: [...options.parts] } }
      }),
      null
    )
    expect(input.auth).toEqual({
      type: 'hmac',
      clientId: 'orders-client',
      options: { ...options, parts: ['timestamp', 'method', 'path', 'bodyHash'] },
      clientSecret: 's3cret'
    })
    expect(input.baseUrl).toBe('https://api.example.com/v1')
    expect(input).not.toHaveProperty('id')
  })

  it('starts from the documented default scheme', () => {
    expect(emptyApiCredentialDraft.type).toBe('hmac')
    expect(emptyApiCredentialDraft.fields.options.parts).toEqual(['method', 'path', 'query', 'timestamp', 'bodyHash'])
    expect(
      sameHmacOptions(emptyApiCredentialDraft.fields.options, {
        ...defaultHmacOptions,
        parts: [...defaultHmacOptions.parts]
      })
    ).toBe(true)
    expect(
      sameHmacOptions(defaultHmacOptions, {
        ...defaultHmacOptions,
        parts: ['path', 'method', 'query', 'timestamp', 'bodyHash']
      })
    ).toBe(false)
    expect(sameHmacOptions(defaultHmacOptions, { ...defaultHmacOptions, timestampFormat: 'iso' })).toBe(false)
  })

  it('shows a separator as it is typed and reads it back', () => {
    for (const separator of ['\n', '\t', '|', '\\n as text', '\r\n'])
      expect(separatorValue(separatorText(separator))).toBe(separator)
    expect(separatorText('\n')).toBe('\\n')
    expect(separatorValue('\\t')).toBe('\t')
  })

  it('refuses header names that are not header names, before asking main', () => {
    expect(hmacOptionsProblem(defaultHmacOptions)).toBeNull()
    expect(hmacOptionsProblem({ ...defaultHmacOptions, signatureHeader: ' ' })).toBe('Enter the signature header name.')
    expect(hmacOptionsProblem({ ...defaultHmacOptions, timestampHeader: 'X Time' })).toBe(
      'The timestamp header “X Time” is not a header name: use letters, digits and - _ .'
    )
  })
})

describe('a stored credential', () => {
  it('round-trips through the form: the request names it and keeps the stored secret (sends none)', () => {
    const draft = draftOf(hmacSummary)
    expect(secretView(draft.secrets, hmacSummary.secretsStored, 'clientSecret')).toEqual({ kind: 'stored' })
    expect(saveInput(draft, hmacSummary)).toEqual({
      id: 'api-1',
      name: 'Orders API',
      baseUrl: 'https://api.example.com/v1',
      environment: 'test',
      contentType: 'json',
      headers: [{ name: 'X-Team', value: 'embeds' }],
      orgSpecific: false,
      auth: { type: 'hmac', clientId: 'orders-client', options: defaultHmacOptions },
      orgs: []
    })
  })

  it('is unchanged until something would be saved differently; a typed secret is a change', () => {
    const baseline = draftOf(hmacSummary)
    expect(isDirty(baseline, baseline, hmacSummary)).toBe(false)
    expect(isDirty({ ...baseline, name: 'Orders API ' }, baseline, hmacSummary)).toBe(false)
    expect(isDirty({ ...baseline, baseUrl: 'https://api.example.com/v2' }, baseline, hmacSummary)).toBe(true)
    expect(
      isDirty({ ...baseline, secrets: { clientSecret: { kind: 'new', value: 'rotated' } } }, baseline, hmacSummary)
    ).toBe(true)
  })

  it('switching the auth type drops the stored secrets of the old type from the request', () => {
    const draft = { ...draftOf(hmacSummary), type: 'basic' as const, fields: { ...emptyAuthFields, username: 'svc' } }
    expect(saveInput(draft, hmacSummary).auth).toEqual({ type: 'basic', username: 'svc' })
    expect(secretView(draft.secrets, [], 'password')).toEqual({ kind: 'new', value: '' })
  })

  it('removing an optional stored secret (the AWS session token) sends it empty so main drops it', () => {
    const aws: ApiCredentialSummary = {
      ...hmacSummary,
      auth: { type: 'aws4', accessKeyId: 'AKIA', region: 'eu-west-1', service: 'execute-api', endpoint: '' },
      secretsStored: ['secretAccessKey', 'sessionToken']
    }
    const draft = { ...draftOf(aws), secrets: { sessionToken: { kind: 'removed' as const } } }
    expect(saveInput(draft, aws).auth).toEqual({
      type: 'aws4',
      accessKeyId: 'AKIA',
      region: 'eu-west-1',
      service: 'execute-api',
      endpoint: '',
      options: defaultSigV4Options,
      sessionToken: ''
    })
  })

  it('keeps a SigV4 credential’s signing options through the edit, for the credential and its organizations', () => {
    const s3 = { path: 'as-sent', payload: 'unsigned', sessionToken: 'after-signing' } as const
    const aws: ApiCredentialSummary = {
      ...hmacSummary,
      auth: { type: 'aws4', accessKeyId: 'AKIA', region: 'us-east-1', service: 's3', endpoint: '', options: s3 },
      secretsStored: ['secretAccessKey']
    }
    const draft = draftOf(aws)
    expect(draft.fields.sigv4).toEqual(s3)
    expect(saveInput(draft, aws).auth).toMatchObject({ type: 'aws4', options: s3 })
    const withOrg = { ...draft, orgSpecific: true, orgs: [{ ...newOrg(), org: 'Acme' }] }
    expect(saveInput(withOrg, aws).orgs?.[0]?.auth).toMatchObject({ options: s3 })
  })
})

describe('organization-specific keys', () => {
  it('each organization shares the credential HMAC scheme and sends its own secret', () => {
    const options = { ...defaultHmacOptions, parts: ['clientId', 'timestamp'] as ('clientId' | 'timestamp')[] }
    const org = {
      ...newOrg(),
      org: 'Acme',
      fields: { ...emptyAuthFields, clientId: 'acme-client' },
      secrets: { clientSecret: { kind: 'new' as const, value: 'acme-secret' } }
    }
    const input = saveInput(
      newHmac({ orgSpecific: true, fields: { ...emptyAuthFields, clientId: 'main', options }, orgs: [org] }),
      null
    )
    expect(input.orgs).toEqual([
      { org: 'Acme', auth: { type: 'hmac', clientId: 'acme-client', options, clientSecret: 'acme-secret' } }
    ])
    expect(saveInput(newHmac({ orgSpecific: false, orgs: [org] }), null).orgs).toEqual([])
  })

  it('a renamed organization no longer has the keys stored under its old name', () => {
    const org = {
      ...newOrg(),
      org: 'Acme Corp',
      stored: { org: 'acme corp', type: 'hmac' as const, secrets: ['clientSecret'] }
    }
    expect(storedOrgSecrets(org, 'hmac')).toEqual(['clientSecret'])
    expect(storedOrgSecrets({ ...org, org: 'Globex' }, 'hmac')).toEqual([])
    expect(storedOrgSecrets(org, 'basic')).toEqual([])
  })
})

describe('headers and errors', () => {
  it('drops header rows left empty and trims names', () => {
    const input = saveInput(
      newHmac({
        headers: [
          { name: ' X-Team ', value: ' embeds ' },
          { name: '', value: '  ' }
        ]
      }),
      null
    )
    expect(input.headers).toEqual([{ name: 'X-Team', value: ' embeds ' }])
  })

  it('says which header row is wrong', () => {
    expect(
      headerRowsProblem([
        { name: '', value: '' },
        { name: 'X-Ok', value: '1' }
      ])
    ).toBeNull()
    expect(
      headerRowsProblem([
        { name: 'X-Ok', value: '1' },
        { name: ' ', value: 'orphan' }
      ])
    ).toBe('Header 2 has a value but no name.')
    expect(headerRowsProblem([{ name: 'X-Bad: yes', value: '1' }])).toBe(
      '“X-Bad: yes” is not a header name: use letters, digits and - _ . (no spaces or colons).'
    )
  })

  it('puts a failure from main under the field it is about', () => {
    const fail = (field: string | undefined, message = 'Wrong.'): WorkbenchFailure => ({
      code: 'API_CREDENTIAL_INVALID',
      message,
      ...(field ? { field } : {})
    })
    const draft = newHmac({
      orgSpecific: true,
      orgs: [
        { ...newOrg(), org: 'Globex' },
        { ...newOrg(), org: 'Acme' }
      ]
    })
    expect(placeApiError(fail('baseUrl'), draft).fields).toEqual({ baseUrl: 'Wrong.' })
    expect(placeApiError(fail('auth.clientSecret'), draft).fields).toEqual({ 'auth.clientSecret': 'Wrong.' })
    expect(placeApiError(fail('auth.options.signatureHeader'), draft).fields).toEqual({ 'auth.options': 'Wrong.' })
    expect(placeApiError(fail('headers.1.name'), draft).fields).toEqual({ headers: 'Wrong.' })
    expect(placeApiError(fail('orgs.1.org'), draft).fields).toEqual({ 'orgs.1.org': 'Wrong.' })
    expect(
      placeApiError(fail('orgs.clientSecret', 'Organization "acme": enter its client secret.'), draft).fields
    ).toEqual({ 'orgs.1.auth.clientSecret': 'Organization "acme": enter its client secret.' })
    expect(placeApiError(fail(undefined, 'The vault is locked.'), draft)).toEqual({
      fields: {},
      form: 'The vault is locked.'
    })
  })

  it('names the control of an error key, so focus can move there', () => {
    expect(apiControlId('orgs.1.auth.clientSecret')).toBe('api-orgs-1-auth-clientSecret')
  })
})

describe('words', () => {
  it('says why a credential of the other environment is not used', () => {
    expect(unusableReason({ environment: 'test' }, 'test')).toBeNull()
    expect(unusableReason({ environment: 'test' }, 'production')).toBe(
      'A test credential: used only while Test is selected.'
    )
    expect(unusableReason({ environment: 'production' }, 'test')).toBe(
      'A production credential: used only while Production is selected.'
    )
  })

  it('labels auth types as the list shows them', () => {
    expect(authTypeLabel('bearer')).toBe('Bearer token')
    expect(authTypeLabel('hmac')).toBe('HMAC-SHA256')
  })
})
