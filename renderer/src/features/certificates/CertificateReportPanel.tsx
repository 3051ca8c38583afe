import { Fragment, useState, type ReactNode } from 'react'
import type {
  CertificateDetails,
  CertificateReport,
  ChainLink,
  DomainRule,
  PassphraseState
} from '../../../../preload/contract'
import { CopyButton } from '../../ui/CopyButton'
import { FindingList, findingSummary } from '../../ui/FindingList'
import { ResultSection } from '../../ui/ResultSection'
import { Icon, type IconName } from '../../ui/Icon'
import { formatDate, formatDateTimeLong } from '../../ui/format'
import { daysUntil, expiryTone, expiryWords } from './certificateDraft'

type Tone = 'ok' | 'error' | 'warning' | 'neutral'

const toneIcon: Record<Tone, IconName> = { ok: 'success', error: 'error', warning: 'warning', neutral: 'minus' }

const passphraseWords: Record<PassphraseState, { text: string; tone: Tone; title: string }> = {
  'not-needed': { text: 'Not needed', tone: 'neutral', title: 'The key (or PKCS#12 file) is not encrypted.' },
  correct: { text: 'Correct', tone: 'ok', title: 'The passphrase opens the key; it is stored encrypted with it.' },
  required: { text: 'Required', tone: 'error', title: 'The key is encrypted: enter its passphrase.' },
  wrong: { text: 'Wrong', tone: 'error', title: 'The passphrase does not open the key.' },
  unused: {
    text: 'Not used',
    tone: 'warning',
    title: 'A passphrase was given, but nothing encrypted needs it; it is not stored.'
  },
  'not-checked': { text: 'Not checked', tone: 'neutral', title: 'There was no key to open.' }
}

function keySummary(report: CertificateReport): { text: string; tone: Tone; state: string } {
  if (report.keyMatches === true) return { text: 'Matches', tone: 'ok', state: 'yes' }
  if (report.keyMatches === false) return { text: 'Does not match', tone: 'error', state: 'no' }
  if (report.passphrase === 'required' || report.passphrase === 'wrong')
    return { text: 'Not opened', tone: 'error', state: 'unopened' }
  return { text: 'No key', tone: 'warning', state: 'none' }
}

function chainSummary(report: CertificateReport): { text: string; tone: Tone; state: string } {
  if (report.chainValid === true) return { text: 'Verified', tone: 'ok', state: 'yes' }
  if (report.chainValid === false) return { text: 'Does not verify', tone: 'error', state: 'no' }
  if (report.certificate?.selfSigned) return { text: 'Self-signed', tone: 'neutral', state: 'self-signed' }
  return { text: 'Not checked', tone: 'neutral', state: 'not-checked' }
}

/** The validity window at a glance: red once expired or not yet valid, amber when expiring soon. */
function validitySummary(report: CertificateReport): { text: string; tone: Tone; state: string; title: string } {
  const details = report.certificate
  if (!details)
    return { text: 'Not read', tone: 'neutral', state: 'unknown', title: 'The certificate could not be read.' }
  const tone = expiryTone(report.findings)
  const title = `Valid from ${formatDateTimeLong(details.validFrom)} to ${formatDateTimeLong(details.validTo)}`
  const words = expiryWords(details.validTo, details.validFrom)
  const state = tone === 'error' ? (Date.parse(details.validFrom) > Date.now() ? 'not-yet-valid' : 'expired') : tone
  return { text: words.charAt(0).toUpperCase() + words.slice(1), tone, state, title }
}

/** Everything the validation found: the checks at a glance, the findings, then each part in detail. */
export function CertificateReportPanel({ report }: { report: CertificateReport }) {
  const key = keySummary(report)
  const passphrase = passphraseWords[report.passphrase]
  const chain = chainSummary(report)
  const validity = validitySummary(report)
  return (
    <div className="certificates-report" data-testid="certificate-report" data-ok={report.ok}>
      <div className="certificates-report-checks" role="list" aria-label="Checks">
        <Check
          label="Key"
          text={key.text}
          tone={key.tone}
          testId="report-key-matches"
          state={key.state}
          title="Whether the private key belongs to the certificate"
        />
        <Check
          label="Validity"
          text={validity.text}
          tone={validity.tone}
          testId="report-validity"
          state={validity.state}
          title={validity.title}
        />
        <Check
          label="Passphrase"
          text={passphrase.text}
          tone={passphrase.tone}
          testId="report-passphrase"
          state={report.passphrase}
          title={passphrase.title}
        />
        <Check
          label="Chain"
          text={chain.text}
          tone={chain.tone}
          testId="report-chain"
          state={chain.state}
          title={
            report.chainValid === null
              ? 'Add the CA certificate to check the chain here, as the server will.'
              : 'Each link verified up to the CA certificate given'
          }
        />
      </div>
      <dl className="certificates-report-formats">
        <dt>Certificate</dt>
        <dd data-testid="report-certificate-format">{report.certificateFormat ?? <span className="faint">—</span>}</dd>
        <dt>Key</dt>
        <dd data-testid="report-key-format">{report.keyFormat ?? <span className="faint">—</span>}</dd>
      </dl>

      <ResultSection title="Findings" meta={findingSummary(report.findings)}>
        {report.findings.length ? (
          <FindingList findings={report.findings} testId="report-findings" />
        ) : (
          <div className="all-clear" data-testid="report-all-clear">
            <Icon name="success" size={15} />
            Nothing to fix: a server will accept this certificate and key.
          </div>
        )}
      </ResultSection>

      {report.certificate ? (
        <ResultSection title="Client certificate">
          <CertificateDetailsList
            details={report.certificate}
            findingsTone={expiryTone(report.findings)}
            testId="report-leaf"
          />
        </ResultSection>
      ) : null}

      {report.links.length || report.chain.length || report.ca.length ? (
        <ResultSection title="Chain" meta={chainMeta(report)}>
          {report.links.length ? <ChainLinks links={report.links} checked={report.chainValid !== null} /> : null}
          {report.chain.map((details) => (
            <MoreDetails
              key={details.fingerprintSha256}
              kind={details.isCa && details.selfSigned ? 'Root' : 'Intermediate'}
              details={details}
            />
          ))}
          {report.ca.map((details) => (
            <MoreDetails key={details.fingerprintSha256} kind="CA" details={details} />
          ))}
        </ResultSection>
      ) : null}

      <ResultSection title="Authorized domains" meta={domainsMeta(report.domains)}>
        <DomainRules rules={report.domains} />
      </ResultSection>
    </div>
  )
}

function chainMeta(report: CertificateReport): string {
  const parts: string[] = []
  if (report.chain.length) parts.push(`${report.chain.length} given with the certificate`)
  if (report.ca.length) parts.push(`${report.ca.length} CA`)
  return parts.join(' · ')
}

function domainsMeta(rules: readonly DomainRule[]): string {
  const valid = rules.filter((rule) => rule.pattern !== null).length
  const invalid = rules.length - valid
  if (!rules.length) return 'none'
  return `${valid} ${valid === 1 ? 'rule' : 'rules'}${invalid ? ` · ${invalid} invalid` : ''}`
}

function Check({
  label,
  text,
  tone,
  testId,
  state,
  title
}: {
  label: string
  text: string
  tone: Tone
  testId: string
  state: string
  title: string
}) {
  return (
    <div
      className={`certificates-report-check is-${tone}`}
      role="listitem"
      data-testid={testId}
      data-state={state}
      title={title}
    >
      <Icon name={toneIcon[tone]} size={15} className="certificates-report-check-icon" />
      <div className="certificates-report-check-text">
        <span className="certificates-report-check-label">{label}</span>
        <span className="certificates-report-check-value">{text}</span>
      </div>
    </div>
  )
}

interface DetailsListProps {
  details: CertificateDetails
  /** The tone of the validity row, from the report's time findings (only known for the client certificate). */
  findingsTone?: 'ok' | 'warning' | 'error'
  testId?: string
}

/** What one certificate says, as a name/value list. */
export function CertificateDetailsList({ details, findingsTone, testId }: DetailsListProps) {
  // The clock as the list was shown (a render must not read it): validity is told in whole days.
  const [now] = useState(Date.now)
  const days = daysUntil(details.validTo, now)
  const tone = findingsTone ?? (Date.parse(details.validTo) < now ? 'error' : days < 30 ? 'warning' : 'ok')
  return (
    <dl className="certificates-details" data-testid={testId}>
      <Row label="Subject">
        <span className="subject-name" data-testid="detail-subject">
          {details.subject}
        </span>
        {details.isCa || details.selfSigned ? (
          <span className="certificates-flags">
            {details.isCa ? <span className="tag">CA</span> : null}
            {details.selfSigned ? <span className="tag">Self-signed</span> : null}
          </span>
        ) : null}
      </Row>
      <Row label="Issuer">
        <span className="subject-name">{details.issuer}</span>
      </Row>
      {details.subjectAltNames.length ? (
        <Row label="Alt names">
          <span className="chips">
            {details.subjectAltNames.map((name) => (
              <span className="chip certificates-chip-plain" key={name} title={name}>
                {name}
              </span>
            ))}
          </span>
        </Row>
      ) : null}
      <Row label="Valid">
        <span className="certificates-validity">
          <span title={formatDateTimeLong(details.validFrom)}>{formatDate(details.validFrom)}</span>
          <Icon name="arrowRight" size={12} className="faint" />
          <span title={formatDateTimeLong(details.validTo)}>{formatDate(details.validTo)}</span>
          <span className={`badge badge-${tone === 'ok' ? 'success' : tone}`} data-testid="detail-expiry">
            {expiryWords(details.validTo, details.validFrom, now)}
          </span>
        </span>
      </Row>
      <Row label="Key">
        <span data-testid="detail-key">{details.keyDescription}</span>
      </Row>
      <Row label="Signature">{details.signatureAlgorithm}</Row>
      <Row label="Serial">
        <code className="mono hex-text">{details.serialNumber}</code>
      </Row>
      <Row label="SHA-256">
        <span className="fingerprint">
          <code className="mono hex-text is-colon-hex" data-testid="detail-fingerprint">
            {colonBreaks(details.fingerprintSha256)}
          </code>
          <CopyButton value={details.fingerprintSha256} label="Copy SHA-256 fingerprint" testId="copy-fingerprint" />
        </span>
      </Row>
      <Row label="Ext. key usage">
        {details.extendedKeyUsage ? (
          <Words words={details.extendedKeyUsage} highlight="clientAuth" />
        ) : (
          <span className="muted">Any purpose (no extension)</span>
        )}
      </Row>
      <Row label="Key usage">
        {details.keyUsage ? (
          <Words words={details.keyUsage} />
        ) : (
          <span className="muted">Not restricted (no extension)</span>
        )}
      </Row>
    </dl>
  )
}

/** "AB:CD:EF" with a line-break opportunity after each colon. */
function colonBreaks(hex: string): ReactNode {
  return hex.split(':').map((pair, index) => (
    <Fragment key={index}>
      {index ? ':' : null}
      {index ? <wbr /> : null}
      {pair}
    </Fragment>
  ))
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

function Words({ words, highlight }: { words: readonly string[]; highlight?: string }) {
  if (!words.length) return <span className="muted">None</span>
  return (
    <span className="chips">
      {words.map((word) => (
        <span className={`chip certificates-chip-plain${word === highlight ? ' is-strong' : ''}`} key={word}>
          {word}
        </span>
      ))}
    </span>
  )
}

/** The chain link by link; without a CA a missing issuer is "not checked", not a failure. */
function ChainLinks({ links, checked }: { links: readonly ChainLink[]; checked: boolean }) {
  return (
    <ol className="framed-list certificates-chain-links" data-testid="chain-links">
      {links.map((link, index) => (
        <li
          key={index}
          className={`certificates-chain-link ${link.ok ? 'is-ok' : checked ? 'is-broken' : 'is-unchecked'}`}
          data-testid="chain-link"
          data-ok={link.ok}
        >
          <Icon
            name={link.ok ? 'success' : checked ? 'error' : 'minus'}
            size={14}
            className="certificates-chain-link-icon"
          />
          <div className="certificates-chain-link-text">
            <div className="certificates-chain-link-names">
              <span className="subject-name">{link.subject}</span>
              <span className="certificates-chain-link-by">issued by</span>
              <span className="subject-name">{link.issuedBy ?? <span className="muted">not given</span>}</span>
            </div>
            {link.problem ? <div className="certificates-chain-link-problem">{link.problem}</div> : null}
          </div>
        </li>
      ))}
    </ol>
  )
}

function MoreDetails({ kind, details }: { kind: string; details: CertificateDetails }) {
  return (
    <details className="disclosure certificates-more" data-testid={`chain-${kind.toLowerCase()}`}>
      <summary>
        <Icon name="chevron" size={12} className="disclosure-chevron" />
        <span className="tag">{kind}</span>
        <span className="certificates-more-name">{details.subject}</span>
        <span className="disclosure-meta">{expiryWords(details.validTo, details.validFrom)}</span>
      </summary>
      <CertificateDetailsList details={details} />
    </details>
  )
}

function DomainRules({ rules }: { rules: readonly DomainRule[] }) {
  if (!rules.length) {
    return (
      <div className="certificates-report-empty muted">
        No authorized domains: no request will present this certificate.
      </div>
    )
  }
  return (
    <ul className="framed-list" data-testid="domain-rules">
      {rules.map((rule) => (
        <li
          key={rule.line}
          className={`certificates-domain-rule${rule.problem ? ' is-invalid' : ''}`}
          data-testid="domain-rule"
          data-pattern={rule.pattern ?? ''}
        >
          <span className="certificates-domain-rule-line">{rule.line}</span>
          {rule.problem ? (
            <span className="certificates-domain-rule-body">
              <code className="mono certificates-domain-rule-input">{rule.input}</code>
              <span className="certificates-domain-rule-problem">{rule.problem}</span>
            </span>
          ) : (
            <span className="certificates-domain-rule-body is-row">
              <code className="mono certificates-domain-rule-pattern">
                {rule.pattern}
                {rule.port !== null ? <span className="certificates-domain-rule-port">:{rule.port}</span> : null}
              </code>
              <span className="certificates-domain-rule-meaning">{ruleMeaning(rule)}</span>
              {rule.input !== `${rule.pattern}${rule.port !== null ? `:${rule.port}` : ''}` ? (
                <span className="certificates-domain-rule-from faint" title="As typed">
                  from <code className="mono">{rule.input}</code>
                </span>
              ) : null}
            </span>
          )}
        </li>
      ))}
    </ul>
  )
}

function ruleMeaning(rule: DomainRule): string {
  const port = rule.port !== null ? `port ${rule.port} only` : 'any port'
  if (rule.pattern === '*') return `every host, ${port}`
  if (rule.pattern?.startsWith('*.')) return `one label under ${rule.pattern.slice(2)}, ${port}`
  return `this host, ${port}`
}
