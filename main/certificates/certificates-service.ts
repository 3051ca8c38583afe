/**
 * Client certificates for mTLS, stored in the vault: the public chain and report in the clear,
 * the key material and passphrase encrypted. Validation runs on every save; the key and
 * passphrase never come back out, only what the report says about them.
 */
import { randomUUID, type KeyObject } from 'node:crypto'
import type {
  CertificateCandidate,
  CertificateMatch,
  CertificateMaterial,
  CertificateReport,
  CertificateSummary,
  DomainRule,
  ParsedInput,
  SavedCertificate
} from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import type { Vault } from '../store/vault'
import { certificateBinding, type StoredCertificate } from '../store/vault-file'
import { matchAuthorizedDomains, parseAuthorizedDomains } from './domains'
import { readMaterial } from './read-material'
import { validateCertificate, withTimeFindings, type CertificateInput, type Validated } from './validate'

type CertificateFields = ParsedInput<'validateCertificate'>

/** What a TLS client needs to present a stored certificate. Main process only. */
export interface ClientTlsMaterial {
  id: string
  name: string
  cert: string
  key: KeyObject
  ca: string | null
}

export function createCertificatesService(vault: Vault, deps: { clock?: Clock } = {}) {
  const clock = deps.clock ?? systemClock

  function findById(id: string, records: StoredCertificate[]): StoredCertificate {
    const record = records.find((r) => r.id === id)
    if (!record)
      throw new WorkbenchError('CERTIFICATE_NOT_FOUND', 'That certificate no longer exists. Refresh the list.')
    return record
  }

  function summarize(record: StoredCertificate): CertificateSummary {
    return {
      id: record.id,
      name: record.name,
      description: record.description,
      domains: record.domains,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      hasKey: record.key !== null,
      hasPassphrase: record.passphrase !== null,
      hasCa: record.caPem !== null,
      report: withTimeFindings(record.report as unknown as CertificateReport, clock.now())
    }
  }

  async function decryptMaterial(
    record: StoredCertificate
  ): Promise<{ key: CertificateMaterial | null; passphrase: string }> {
    const cipher = vault.requireCipher()
    try {
      const key =
        record.key === null
          ? null
          : (JSON.parse(await cipher.decrypt(record.key, certificateBinding(record, 'key'))) as CertificateMaterial)
      const passphrase =
        record.passphrase === null
          ? ''
          : await cipher.decrypt(record.passphrase, certificateBinding(record, 'passphrase'))
      return { key, passphrase }
    } catch {
      throw new WorkbenchError(
        'SECRET_UNREADABLE',
        `The stored key of "${record.name}" cannot be decrypted: that part of the vault file is damaged. Replace the key.`
      )
    }
  }

  /** Holds a PKCS#12 file: then it carries the key, and a separately stored key is not used. */
  function carriesKey(material: CertificateMaterial | null | undefined): boolean {
    return !!material && readMaterial(material, 'certificate').blocks.some((b) => b.kind === 'pkcs12')
  }

  /** The validation input: what the form sent, with what it left out taken from the stored record. */
  async function resolveInput(
    fields: CertificateFields,
    record: StoredCertificate | null
  ): Promise<{ input: CertificateInput; keyMaterial: CertificateMaterial | null }> {
    const stored = record ? await decryptMaterial(record) : { key: null, passphrase: '' }
    const certificate = fields.certificate ?? (record ? { text: record.certificatePem } : null)
    let keyMaterial: CertificateMaterial | null
    let passphrase: string
    if (fields.key !== undefined) {
      keyMaterial = fields.key
      passphrase = fields.passphrase ?? ''
    } else if (fields.certificate && carriesKey(fields.certificate)) {
      keyMaterial = null // the new PKCS#12 file replaces the stored key
      passphrase = fields.passphrase ?? ''
    } else {
      keyMaterial = stored.key
      passphrase = fields.passphrase ?? stored.passphrase
    }
    const ca = fields.ca === undefined ? (record?.caPem ? { text: record.caPem } : null) : fields.ca
    return { input: { certificate, key: keyMaterial, passphrase, ca, domains: fields.domains }, keyMaterial }
  }

  /**
   * A stored key is presented only to the domains it was entered for. Adding a domain is a new
   * destination: the key must be given again (removing one is fine).
   */
  function assertSameDestination(record: StoredCertificate, domains: string[]): void {
    const before = parseAuthorizedDomains(record.domains.join('\n')).filter((r) => r.pattern !== null)
    const added = parseAuthorizedDomains(domains.join('\n')).filter(
      (rule) => rule.pattern !== null && !coveredBy(before, rule)
    )
    if (added.length === 0) return
    const shown = added.map((r) => r.input)
    throw new WorkbenchError(
      'SECRET_DESTINATION_CHANGED',
      `The authorized domains now include ${shown.join(', ')}, which the stored key was not entered for (${record.domains.join(', ') || 'no domain'}). A key is presented only where it was entered for: add the client key (and its passphrase) again to present it there, or remove ${added.length === 1 ? 'that domain' : 'those domains'}.`,
      'key'
    )
  }

  /** Whether the old rules already let the key go wherever the new rule would send it. */
  function coveredBy(before: DomainRule[], rule: DomainRule): boolean {
    const samePorts = before.filter((r) => r.port === null || r.port === rule.port)
    const pattern = rule.pattern!
    if (pattern === '*' || pattern.startsWith('*.'))
      return samePorts.some((r) => r.pattern === '*' || r.pattern === pattern)
    return matchAuthorizedDomains(samePorts, pattern, rule.port ?? 0).match !== null
  }

  function requireName(name: string, records: StoredCertificate[], exceptId?: string): string {
    const trimmed = name.trim()
    if (!trimmed)
      throw new WorkbenchError(
        'NAME_REQUIRED',
        'Give the certificate a name: API requests and the command line select it by name.',
        'name'
      )
    const taken = records.find((r) => r.id !== exceptId && r.name.toLowerCase() === trimmed.toLowerCase())
    if (taken)
      throw new WorkbenchError(
        'NAME_TAKEN',
        `A certificate is already named "${taken.name}". Choose another name.`,
        'name'
      )
    return trimmed
  }

  async function open(record: StoredCertificate): Promise<Validated> {
    const { key, passphrase } = await decryptMaterial(record)
    return validateCertificate(
      {
        certificate: { text: record.certificatePem },
        key,
        passphrase,
        ca: record.caPem ? { text: record.caPem } : null,
        domains: record.domains.join('\n')
      },
      clock.now()
    )
  }

  function candidates(url: string): {
    host: string
    port: number
    list: (CertificateCandidate & { specificity: number; current: boolean })[]
  } {
    let parsed: URL
    try {
      parsed = new URL(url.trim())
    } catch {
      throw new WorkbenchError('URL_INVALID', 'Enter a full URL, such as https://api.example.com/v1/orders.', 'url')
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new WorkbenchError(
        'URL_INVALID',
        `Client certificates are presented over https; "${parsed.protocol}" URLs never present one.`,
        'url'
      )
    }
    const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80
    const host = parsed.hostname.replace(/^\[|\]$/g, '')
    const now = clock.now().getTime()
    const list = vault.read().certificates.map((record) => {
      const verdict = matchAuthorizedDomains(parseAuthorizedDomains(record.domains.join('\n')), host, port)
      const report = record.report as unknown as CertificateReport
      const keyMatches = record.key !== null && report.keyMatches === true
      const rule = verdict.match
        ? `${verdict.match.rule.pattern}${verdict.match.rule.port ? `:${verdict.match.rule.port}` : ''}`
        : null
      const details = report.certificate
      const validity: CertificateCandidate['validity'] = !details
        ? 'unknown'
        : now < Date.parse(details.validFrom)
          ? 'not-yet-valid'
          : now > Date.parse(details.validTo)
            ? 'expired'
            : 'current'
      const current = validity === 'current' || validity === 'unknown'
      const reason =
        verdict.match && !keyMatches
          ? `${verdict.reason}, but it has ${record.key === null ? 'no key' : 'a key that does not match it'}, so it cannot be presented`
          : verdict.match && !current
            ? `${verdict.reason}, but it is ${validity === 'expired' ? 'expired' : 'not valid yet'}: the server will refuse it`
            : verdict.reason
      return {
        id: record.id,
        name: record.name,
        matched: verdict.match !== null,
        rule,
        reason,
        keyMatches,
        validity,
        usable: keyMatches && current,
        current,
        specificity: verdict.match?.specificity ?? -1
      }
    })
    return { host, port, list }
  }

  return {
    list(): CertificateSummary[] {
      return vault
        .read()
        .certificates.map(summarize)
        .sort((a, b) => a.name.localeCompare(b.name))
    },

    async validate(fields: CertificateFields): Promise<CertificateReport> {
      const record = fields.id ? findById(fields.id, vault.read().certificates) : null
      const { input } = await resolveInput(fields, record)
      return (await validateCertificate(input, clock.now())).report
    },

    async save(fields: ParsedInput<'saveCertificate'>): Promise<SavedCertificate> {
      const records = vault.read().certificates
      const record = fields.id ? findById(fields.id, records) : null
      const name = requireName(fields.name, records, record?.id)
      if (!record && !fields.certificate)
        throw new WorkbenchError(
          'CERTIFICATE_REQUIRED',
          'Add the client certificate (upload or paste it).',
          'certificate'
        )
      const { input, keyMaterial } = await resolveInput(fields, record)
      const validated = await validateCertificate(input, clock.now())
      if (!validated.readable || validated.certificatePem === null) return { saved: null, report: validated.report }
      // A key that is not the certificate's is kept only when the user says so: a server refuses the pair.
      if (validated.report.keyMatches === false && !fields.keepMismatchedKey)
        return { saved: null, report: validated.report, refused: 'KEY_MISMATCH' }
      const cipher = vault.requireCipher()
      // The material that carries the key: the key field, or a PKCS#12 file given as the certificate.
      const carrier = keyMaterial ?? (input.certificate && carriesKey(input.certificate) ? input.certificate : null)
      const hasKey = carrier !== null && validated.privateKey !== null
      const domains = validated.report.domains.map((d) => d.input)
      if (record && record.key !== null && carrier === keyMaterial && keyMaterial !== null && fields.key === undefined)
        assertSameDestination(record, domains)
      const now = clock.now().toISOString()
      const id = record?.id ?? randomUUID()
      const next: StoredCertificate = {
        id,
        name,
        description: fields.description.trim(),
        domains,
        certificatePem: validated.certificatePem,
        caPem: validated.caPem,
        key: hasKey ? await cipher.encrypt(JSON.stringify(carrier), certificateBinding({ id, domains }, 'key')) : null,
        passphrase:
          hasKey && validated.report.passphrase === 'correct'
            ? await cipher.encrypt(input.passphrase, certificateBinding({ id, domains }, 'passphrase'))
            : null,
        report: validated.report as unknown as StoredCertificate['report'],
        createdAt: record?.createdAt ?? now,
        updatedAt: now
      }
      vault.update((data) => {
        requireName(name, data.certificates, next.id)
        const rest = data.certificates.filter((c) => c.id !== next.id)
        if (record && rest.length === data.certificates.length) findById(next.id, data.certificates)
        return { ...data, certificates: [...rest, next] }
      })
      return { saved: summarize(next), report: validated.report }
    },

    delete({ id }: { id: string }): { id: string } {
      vault.update((data) => {
        findById(id, data.certificates)
        return { ...data, certificates: data.certificates.filter((c) => c.id !== id) }
      })
      return { id }
    },

    /** Which stored certificate a request to this URL presents, and why. */
    matchUrl(url: string): CertificateMatch {
      const { host, port, list } = candidates(url)
      // A certificate inside its validity window wins over one that is expired or not yet valid;
      // then the most specific rule; then the name. An expired one is still presented if it is the only match.
      const usable = list
        .filter((c) => c.matched && c.keyMatches)
        .sort(
          (a, b) =>
            Number(b.current) - Number(a.current) || b.specificity - a.specificity || a.name.localeCompare(b.name)
        )
      const names = (list: { name: string }[]) => `"${list.map((c) => c.name).join('", "')}"`
      const strip = ({ specificity: _s, current: _c, ...c }: (typeof list)[number]): CertificateCandidate => c
      const selected = usable[0] ?? null
      let explanation: string
      if (selected) {
        const tied = usable.filter((c) => c.specificity === selected.specificity && c.id !== selected.id)
        // Closer matches passed over because their dates are out: the server would refuse them.
        const closer = usable.filter((c) => c.specificity > selected.specificity)
        const why = closer.length
          ? `It is chosen over ${names(closer)}, which match${closer.length === 1 ? 'es' : ''} more closely but ${closer.length === 1 ? 'is' : 'are'} ${closer.every((c) => c.validity === 'expired') ? 'expired' : 'outside the validity window'}`
          : tied.length
            ? `${names(tied)} match${tied.length === 1 ? 'es' : ''} as closely; the first by name wins`
            : `It is the most specific of ${usable.length} matches`
        explanation = `A request to ${host}:${port} presents "${selected.name}": ${selected.reason}.${usable.length > 1 ? ` ${why}.` : ''}`
      } else if (!list.length) {
        explanation = `No certificate is stored, so a request to ${host}:${port} presents none.`
      } else if (list.some((c) => c.matched)) {
        explanation = `A request to ${host}:${port} presents no certificate: the ones whose authorized domains match cannot be presented (no key, or a key that does not match).`
      } else {
        explanation = `A request to ${host}:${port} presents no certificate: no stored certificate authorizes this host.`
      }
      return { host, port, selected: selected ? strip(selected) : null, explanation, candidates: list.map(strip) }
    },

    /** The certificate and opened key to present for a request to `url`, or null. Main process only. */
    async tlsMaterialFor(url: string): Promise<ClientTlsMaterial | null> {
      const match = this.matchUrl(url)
      return match.selected ? this.tlsMaterial(match.selected.id) : null
    },

    /** A stored certificate's chain, CA and opened key, for a TLS client in main. */
    async tlsMaterial(id: string): Promise<ClientTlsMaterial> {
      const record = findById(id, vault.read().certificates)
      const opened = await open(record)
      if (!opened.privateKey)
        throw new WorkbenchError('CERTIFICATE_NOT_FOUND', `"${record.name}" has no usable key; replace its key first.`)
      return { id: record.id, name: record.name, cert: record.certificatePem, key: opened.privateKey, ca: record.caPem }
    }
  }
}

export type CertificatesService = ReturnType<typeof createCertificatesService>
