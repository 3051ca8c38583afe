import { describe, expect, it } from 'vitest'
import type { CertificateSummary, Finding } from '../../../../../preload/contract'
import {
  commonName,
  draftOf,
  emptyCertificateDraft,
  expiryTone,
  expiryWords,
  findingsFor,
  isDirty,
  MAX_FILE_BYTES,
  readUpload,
  saveInput,
  validateInput,
  worthValidating,
  type CertificateDraft
} from '../../../../../renderer/src/features/certificates/certificateDraft'

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n'
const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n'

const summary = (over: Partial<CertificateSummary> = {}): CertificateSummary =>
  ({
    id: 'cert-1',
    name: 'Orders client',
    description: 'mTLS for the orders API',
    domains: ['*.example.com', 'api.partner.example:8443'],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    hasKey: true,
    hasPassphrase: false,
    hasCa: false,
    report: { findings: [] },
    ...over
  }) as CertificateSummary

const finding = (code: string, param: string): Finding => ({ code, severity: 'error', param, message: code }) as Finding

describe('a new certificate (certificateDraft)', () => {
  const typed: CertificateDraft = {
    ...emptyCertificateDraft,
    name: 'RSA client',
    domains: '*.example.com',
    certificate: { kind: 'text', text: PEM },
    key: { kind: 'text', text: KEY },
    passphrase: 'pw'
  }

  it('sends the pasted certificate, key and passphrase with the name and domains', () => {
    expect(saveInput(typed, null)).toEqual({
      name: 'RSA client',
      description: '',
      domains: '*.example.com',
      certificate: { text: PEM },
      key: { text: KEY },
      passphrase: 'pw'
    })
  })

  it('sends nothing for a field left empty, and an uploaded binary file as base64', () => {
    const input = validateInput(
      {
        ...emptyCertificateDraft,
        certificate: { kind: 'file', fileName: 'client.der', base64: 'MIIB', size: 3 },
        key: { kind: 'text', text: '   ' }
      },
      null
    )
    expect(input).toEqual({ domains: '', certificate: { fileName: 'client.der', base64: 'MIIB' } })
  })

  it('does not send the key field with a PKCS#12 certificate (the key comes from the file), but does send its passphrase', () => {
    const input = validateInput(
      {
        ...emptyCertificateDraft,
        certificate: { kind: 'file', fileName: 'bundle.P12', base64: 'MIIK', size: 3 },
        key: { kind: 'text', text: KEY },
        passphrase: 'p12-pass'
      },
      null
    )
    expect(input).not.toHaveProperty('key')
    expect(input.passphrase).toBe('p12-pass')
  })

  it('is worth validating once something was given, not before', () => {
    expect(worthValidating(emptyCertificateDraft, null)).toBe(false)
    expect(worthValidating({ ...emptyCertificateDraft, name: 'only a name', domains: '*.example.com' }, null)).toBe(
      false
    )
    expect(worthValidating({ ...emptyCertificateDraft, key: { kind: 'text', text: KEY } }, null)).toBe(true)
    expect(worthValidating(emptyCertificateDraft, 'cert-1')).toBe(true)
  })
})

describe('editing a stored certificate', () => {
  it('keeps the stored certificate, key and CA: the request names only the id and what was typed', () => {
    const draft = draftOf(summary({ hasCa: true }))
    expect(draft.domains).toBe('*.example.com\napi.partner.example:8443')
    expect(draft.certificate).toEqual({ kind: 'stored' })
    expect(draft.key).toEqual({ kind: 'stored' })
    expect(draft.ca).toEqual({ kind: 'stored' })
    expect(saveInput(draft, 'cert-1')).toEqual({
      id: 'cert-1',
      name: 'Orders client',
      description: 'mTLS for the orders API',
      domains: '*.example.com\napi.partner.example:8443'
    })
  })

  it('a certificate stored without a key or CA shows empty fields for them', () => {
    const draft = draftOf(summary({ hasKey: false }))
    expect(draft.key).toEqual({ kind: 'text', text: '' })
    expect(draft.ca).toEqual({ kind: 'text', text: '' })
  })

  it('removing the stored key sends null, and no passphrase for a key that goes', () => {
    const input = validateInput({ ...draftOf(summary()), key: { kind: 'removed' }, passphrase: 'stale' }, 'cert-1')
    expect(input.key).toBeNull()
    expect(input).not.toHaveProperty('passphrase')
  })

  it('is unchanged until something would be saved differently', () => {
    const baseline = draftOf(summary())
    expect(isDirty(baseline, baseline)).toBe(false)
    expect(
      isDirty(
        { ...baseline, name: ' Orders client ', domains: '  *.example.com\n\napi.partner.example:8443\n' },
        baseline
      )
    ).toBe(false)
    expect(isDirty({ ...baseline, domains: '*.example.com' }, baseline)).toBe(true)
    expect(isDirty({ ...baseline, passphrase: 'x' }, baseline)).toBe(true)
    expect(isDirty({ ...baseline, key: { kind: 'removed' } }, baseline)).toBe(true)
    expect(isDirty({ ...baseline, ca: { kind: 'text', text: PEM } }, baseline)).toBe(true)
  })

  it('a new form is unchanged until something is typed or pasted', () => {
    expect(isDirty(emptyCertificateDraft, emptyCertificateDraft)).toBe(false)
    expect(
      isDirty({ ...emptyCertificateDraft, certificate: { kind: 'text', text: '  \n' } }, emptyCertificateDraft)
    ).toBe(false)
    expect(isDirty({ ...emptyCertificateDraft, certificate: { kind: 'text', text: PEM } }, emptyCertificateDraft)).toBe(
      true
    )
  })
})

describe('uploads', () => {
  const file = (name: string, bytes: Uint8Array<ArrayBuffer> | string) => new File([bytes], name)

  it('puts a PEM file in the text area, so it can be seen and edited', async () => {
    expect(await readUpload(file('client.pem', '\uFEFF' + PEM))).toEqual({
      kind: 'text',
      text: PEM,
      fileName: 'client.pem'
    })
  })

  it('keeps DER and PKCS#12 as base64 and shows them as a file', async () => {
    const der = new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0xff])
    expect(await readUpload(file('client.der', der))).toEqual({
      kind: 'file',
      fileName: 'client.der',
      base64: btoa(String.fromCharCode(...der)),
      size: 5
    })
    const p12 = await readUpload(file('bundle.pfx', 'text that is still a PKCS#12 by its name'))
    expect(p12).toMatchObject({ kind: 'file', fileName: 'bundle.pfx' })
  })

  it('says what is wrong with an empty or oversized file', async () => {
    expect(await readUpload(file('empty.pem', ''))).toEqual({ problem: 'empty.pem is empty.' })
    const big = await readUpload(file('huge.pem', new Uint8Array(MAX_FILE_BYTES + 1)))
    expect(big).toEqual({ problem: 'huge.pem is 1024 KB; a certificate or key is a few KB. Is it the right file?' })
  })
})

describe('expiry and names', () => {
  const now = Date.parse('2026-06-15T12:00:00Z')
  const day = 86_400_000
  const at = (offset: number) => new Date(now + offset).toISOString()

  it('says how long a certificate is left, or since when it expired', () => {
    expect(expiryWords(at(20 * day + 1000), at(-day), now)).toBe('20 days left')
    expect(expiryWords(at(day + 1000), at(-day), now)).toBe('1 day left')
    expect(expiryWords(at(3600_000), at(-day), now)).toBe('expires today')
    expect(expiryWords(at(-3600_000), at(-10 * day), now)).toBe('expired today')
    expect(expiryWords(at(-day - 1000), at(-10 * day), now)).toBe('expired 1 day ago')
    expect(expiryWords(at(-35 * day), at(-90 * day), now)).toBe('expired 35 days ago')
    expect(expiryWords(at(90 * day), at(2 * day - 1000), now)).toBe('valid in 2 days')
  })

  it('colours the expiry by the report: expired or not yet valid is an error, expiring soon a warning', () => {
    expect(expiryTone([])).toBe('ok')
    expect(expiryTone([finding('EXPIRING_SOON', 'certificate')])).toBe('warning')
    expect(expiryTone([finding('EXPIRING_SOON', 'certificate'), finding('EXPIRED', 'certificate')])).toBe('error')
    expect(expiryTone([finding('NOT_YET_VALID', 'certificate')])).toBe('error')
    expect(expiryTone([finding('EXPIRED', 'ca')])).toBe('ok')
  })

  it('shows a subject by its common name', () => {
    expect(commonName('CN=rsa client, O=Tests')).toBe('rsa client')
    expect(commonName('O=Tests, CN=api.example.com')).toBe('api.example.com')
    expect(commonName('O=No common name')).toBe('O=No common name')
  })

  it('findingsFor picks the findings shown under one field', () => {
    const all = [
      finding('PASSPHRASE_WRONG', 'passphrase'),
      finding('EXPIRED', 'certificate'),
      finding('KEY_MISMATCH', 'key')
    ]
    expect(findingsFor(all, 'passphrase').map((f) => f.code)).toEqual(['PASSPHRASE_WRONG'])
    expect(findingsFor(all, 'domains')).toEqual([])
  })
})
