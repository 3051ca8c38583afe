import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { CertificateReport, CertificateSummary, SavedCertificate } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { EditorPage } from '../../ui/EditorPage'
import { Button } from '../../ui/Button'
import { describedBy, Field } from '../../ui/Field'
import { findingSummary } from '../../ui/FindingList'
import { FormError } from '../../ui/FormError'
import { placeError, useFormErrors } from '../../ui/formErrors'
import { Icon } from '../../ui/Icon'
import { PassphraseInput } from '../../ui/PassphraseInput'
import { SaveState } from '../../ui/SaveState'
import { Spinner } from '../../ui/Spinner'
import { TextField } from '../../ui/TextField'
import { useEditorShell } from '../../ui/useEditorShell'
import { formatDate, shortcutLabel } from '../../ui/format'
import { useVault } from '../../app/vault-context'
import {
  certificateFieldNames,
  draftOf,
  emptyCertificateDraft,
  findingsFor,
  firstErrorField,
  reportCaption,
  type ReportOf,
  isDirty,
  isPkcs12,
  saveInput,
  validateInput,
  worthValidating,
  type CertificateDraft
} from './certificateDraft'
import { CertificateReportPanel } from './CertificateReportPanel'
import { FieldFindings, MaterialField } from './MaterialField'
import { FormSection } from '../../ui/FormSection'
import { KeyMismatchDialog } from './KeyMismatchDialog'
import { caAccept, certificateAccept, certificateControlId, focusField, keyAccept } from './certificateFields'

/** How long edits must pause before the draft is validated (opening a key can take a while). */
const VALIDATE_AFTER_MS = 400

interface CertificateEditorProps {
  /** The stored certificate being edited; null for a new one. */
  summary: CertificateSummary | null
  onSaved: (saved: CertificateSummary) => void
  /** Back to the list (after any unsaved edits were saved or discarded). */
  onBack: () => void
  onNew: () => void
  onDelete: (summary: CertificateSummary) => void
}

/**
 * A new or stored certificate: its details, the certificate and key, and the validation report
 * beside them. Edits are validated as they are made; Save validates again in main and stores it
 * when it can be read. The key and passphrase are dropped from the form once saved.
 */
export function CertificateEditor({ summary, onSaved, onBack, onNew, onDelete }: CertificateEditorProps) {
  const { noticeFailure } = useVault()
  const id = summary?.id ?? null
  const baseline = useMemo(() => (summary ? draftOf(summary) : emptyCertificateDraft), [summary])
  const [draft, setDraft] = useState<CertificateDraft>(baseline)
  const [report, setReport] = useState<CertificateReport | null>(summary?.report ?? null)
  const [reportOf, setReportOf] = useState<ReportOf>(summary ? 'stored' : 'draft')
  const [validating, setValidating] = useState(false)
  const [saving, setSaving] = useState(false)
  const [notSaved, setNotSaved] = useState(false)
  const [askMismatch, setAskMismatch] = useState(false)
  // A field to focus once the findings under it are on screen (after a failed save).
  const { errors, setErrors, clear, clearField } = useFormErrors()
  const dirty = isDirty(draft, baseline)

  // The committed draft, for a validation that runs after a pause (or from the button).
  const latest = useRef(draft)
  useLayoutEffect(() => {
    latest.current = draft
  })
  // Set by an edit to what the report is about; a save or a fresh record does not validate again.
  const touched = useRef(false)
  const requests = useRef(0)
  const pendingTimer = useRef<number | undefined>(undefined)

  const validate = useCallback(async () => {
    const request = ++requests.current
    setValidating(true)
    const result = await call(() => workbench.validateCertificate(validateInput(latest.current, id)))
    if (request !== requests.current) return
    setValidating(false)
    if (result.ok) {
      setReport(result.value)
      setReportOf('draft')
      setErrors((current) => (current.form ? { ...current, form: null } : current))
    } else {
      setErrors(placeError(result.error, certificateFieldNames))
      noticeFailure(result.error.code)
    }
  }, [id, noticeFailure, setErrors])

  // Live validation, a moment after the certificate, key, passphrase, CA or domains change.
  useEffect(() => {
    if (!touched.current) return
    if (!worthValidating(latest.current, id)) {
      requests.current++
      setValidating(false)
      setReport(null)
      return
    }
    const timer = window.setTimeout(() => void validate(), VALIDATE_AFTER_MS)
    pendingTimer.current = timer
    return () => window.clearTimeout(timer)
  }, [draft.domains, draft.certificate, draft.key, draft.passphrase, draft.ca, id, validate])

  const edit = (patch: Partial<CertificateDraft>, field: string) => {
    setDraft((current) => ({ ...current, ...patch }))
    if (field !== 'name' && field !== 'description') touched.current = true
    clearField(field)
    setSavedAt(null)
  }

  const save = async (): Promise<boolean> => {
    if (saving) return false
    window.clearTimeout(pendingTimer.current) // the save validates; a live validation would only be stale
    requests.current++ // so is an answer to an earlier one
    setValidating(false)
    setSaving(true)
    clear()
    setNotSaved(false)
    const result = await call(() => workbench.saveCertificate(saveInput(draft, id)))
    setSaving(false)
    if (!result.ok) {
      const placed = placeError(result.error, certificateFieldNames)
      setErrors(placed)
      noticeFailure(result.error.code)
      setFocusRequest(Object.keys(placed.fields)[0] ?? null)
      return false
    }
    return applySave(result.value)
  }

  /** What a save answered: stored, refused until the user confirms, or not readable. */
  const applySave = ({ saved, report: checked, refused }: SavedCertificate): boolean => {
    setReport(checked)
    if (!saved) {
      setReportOf('draft')
      if (refused === 'KEY_MISMATCH') setAskMismatch(true)
      else setNotSaved(true)
      setFocusRequest(firstErrorField(checked.findings))
      return false
    }
    // Saved: the key and passphrase leave the renderer; the form shows what is stored now.
    touched.current = false
    setDraft(draftOf(saved))
    setReport(saved.report)
    setReportOf('saved')
    markSaved()
    onSaved(saved)
    return true
  }

  const title = summary ? summary.name : draft.name.trim() || 'New certificate'
  const what = draft.name.trim() || summary?.name || 'New certificate'
  const {
    savedAt,
    setSavedAt,
    markSaved,
    requestFocus: setFocusRequest,
    guarded,
    submit,
    unsavedDialog
  } = useEditorShell({ dirty, isNew: !id, what, save, onNew, focus: focusField })

  const findings = report?.findings ?? []
  const leaf = summary?.report.certificate ?? null
  const storedCa = summary?.report.ca ?? []
  const pkcs12 = isPkcs12(draft.certificate)
  const keyStored = draft.key.kind === 'stored'

  const passphraseHint = pkcs12
    ? 'Opens the PKCS#12 file. Stored encrypted with the key; never shown again.'
    : keyStored && summary?.hasPassphrase
      ? 'A passphrase is stored (encrypted) with the key. Leave blank to keep it.'
      : 'Only for an encrypted key or PKCS#12 file. Stored encrypted; never shown again.'
  const passphraseFindings = findingsFor(findings, 'passphrase')
  const domainFindings = findingsFor(findings, 'domains')

  return (
    <EditorPage
      testId="certificate-editor"
      className="cert-editor-screen"
      dirty={dirty}
      onSubmit={submit}
      listName="Certificates"
      backTitle="Back to the list of certificates"
      onBack={() => guarded(onBack)}
      title={title}
      titleTestId="certificate-title"
      titleExtras={
        <SaveState
          dirty={dirty}
          isNew={!id}
          savedAt={savedAt}
          warning={reportOf === 'saved' && report?.keyMatches === false ? 'Saved: the key does not match' : null}
        />
      }
      subtitle={
        id
          ? 'The stored key and passphrase are never shown; replace or remove them.'
          : 'Name it, say where it may be sent, then add the client certificate and its key.'
      }
      actions={
        <>
          {saving ? <Spinner label="Saving…" /> : null}
          {summary ? (
            <Button
              variant="danger"
              icon="trash"
              onClick={() => onDelete(summary)}
              disabled={saving}
              testId="delete-current-certificate"
            >
              Delete
            </Button>
          ) : null}
          <Button
            icon="success"
            onClick={() => void validate()}
            disabled={saving}
            testId="validate-certificate"
            title="Check the certificate, key and domains without saving"
          >
            Validate
          </Button>
          <Button
            type="submit"
            variant="primary"
            icon="save"
            disabled={saving || (!dirty && !!id)}
            testId="save-certificate"
            title={`Save (${shortcutLabel('S')})`}
            shortcut={shortcutLabel('S')}
          >
            Save
          </Button>
        </>
      }
      side={{
        labelledBy: 'report-title',
        pending: validating,
        head: (
          <>
            <h2 className="section-title" id="report-title">
              Validation report
            </h2>
            <span className="certificates-report-of" data-testid="report-of" data-of={reportOf}>
              {report ? reportCaption(reportOf, dirty) : null}
            </span>
            {validating ? (
              <Spinner label="Validating…" />
            ) : report ? (
              <span className="certificates-report-count">{findingSummary(report.findings)}</span>
            ) : null}
          </>
        ),
        body: report ? (
          <CertificateReportPanel report={report} />
        ) : (
          <div className="certificates-report-placeholder" data-testid="report-placeholder">
            <Icon name="certificate" size={20} />
            <p>Paste or upload the client certificate and its key: the report says what a server will make of them.</p>
            <p className="muted small">It is checked as you type, and again when you save.</p>
          </div>
        )
      }}
      after={
        <>
          {unsavedDialog}
          {askMismatch ? (
            <KeyMismatchDialog
              reason={findings.find((f) => f.code === 'KEY_MISMATCH')?.message ?? null}
              save={() => workbench.saveCertificate({ ...saveInput(draft, id), keepMismatchedKey: true })}
              onCancel={() => setAskMismatch(false)}
              onDone={(value) => {
                setAskMismatch(false)
                applySave(value)
              }}
            />
          ) : null}
        </>
      }
    >
      {notSaved ? (
        <Banner tone="error" title="Nothing was saved" testId="not-saved" onDismiss={() => setNotSaved(false)}>
          The certificate or key could not be read. Fix what the findings under the fields say, then save again.
        </Banner>
      ) : null}
      <FormError message={errors.form} />

      <FormSection level={2} title="Certificate details">
        <TextField
          id={certificateControlId('name')}
          name="name"
          label="Name"
          hint="How connectors select it, e.g. “Orders API (prod)”."
          testId="cert-name"
          value={draft.name}
          onChange={(name) => edit({ name }, 'name')}
          errors={errors}
          clearField={clearField}
          readOnly={saving}
          maxLength={200}
          spellCheck={false}
          autoFocus={!id}
        />
        <TextField
          id={certificateControlId('description')}
          name="description"
          label="Description"
          optional
          testId="cert-description"
          value={draft.description}
          onChange={(description) => edit({ description }, 'description')}
          errors={errors}
          clearField={clearField}
          readOnly={saving}
          maxLength={2000}
          hint="Helps others pick the right certificate for a connector."
        />
        <Field
          id={certificateControlId('domains')}
          name="domains"
          label="Authorized domains"
          hint={
            <>
              One host per line. <code>*</code> as a wildcard: <code>*.example.com</code> matches one label; add{' '}
              <code>:port</code> to limit the port.
            </>
          }
          error={errors.fields.domains}
          footer={<FieldFindings field="domains" findings={domainFindings} />}
        >
          <textarea
            id={certificateControlId('domains')}
            className="input textarea mono certificates-domains"
            rows={3}
            value={draft.domains}
            spellCheck={false}
            readOnly={saving}
            placeholder={'api.example.com\n*.example.com\npartner.example.net:8443'}
            onChange={(event) => edit({ domains: event.target.value }, 'domains')}
            data-testid="cert-domains"
            {...describedBy(certificateControlId('domains'), errors.fields.domains, true)}
            aria-invalid={
              errors.fields.domains || domainFindings.some((f) => f.severity === 'error') ? true : undefined
            }
          />
        </Field>
      </FormSection>

      <FormSection level={2} title="Certificate and key">
        <MaterialField
          field="certificate"
          id={certificateControlId('certificate')}
          label="Client certificate"
          accept={certificateAccept}
          placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
          hint="PEM, DER or PKCS#12 (.pem .crt .cer .der .p12 .pfx). For a chain, the client certificate first, then its issuers."
          value={draft.certificate}
          onChange={(certificate) => edit({ certificate }, 'certificate')}
          stored={
            leaf
              ? {
                  icon: 'certificate',
                  text: (
                    <>
                      <span className="certificates-material-stored-label">Stored:</span>{' '}
                      <span className="certificates-material-stored-name">{leaf.subject}</span>
                      <span className="certificates-material-stored-meta">
                        {leaf.keyDescription} · expires {formatDate(leaf.validTo)}
                      </span>
                    </>
                  ),
                  title: leaf.subject
                }
              : null
          }
          removable={false}
          findings={findingsFor(findings, 'certificate')}
          error={errors.fields.certificate}
          readOnly={saving}
        />
        <MaterialField
          field="key"
          id={certificateControlId('key')}
          label="Client key"
          accept={keyAccept}
          placeholder={'-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----'}
          hint="The private key the certificate was issued for: PEM or DER (PKCS#8, PKCS#1, SEC1), or PKCS#12. Stored encrypted; never shown again."
          value={draft.key}
          onChange={(key) => edit({ key }, 'key')}
          stored={
            summary?.hasKey
              ? {
                  icon: 'lock',
                  text: (
                    <>
                      <span className="certificates-material-stored-name">Key stored (encrypted)</span>
                      <span className="certificates-material-stored-meta">
                        {[summary.hasPassphrase ? 'with its passphrase' : null, summary.report.keyFormat]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    </>
                  )
                }
              : null
          }
          removable
          findings={findingsFor(findings, 'key')}
          error={errors.fields.key}
          readOnly={saving}
          note={
            pkcs12 ? (
              <>
                The key comes from the PKCS#12 file above{summary?.hasKey ? ' and replaces the stored key' : ''}. Enter
                its passphrase below.
              </>
            ) : undefined
          }
        />
        <Field
          id={certificateControlId('passphrase')}
          name="passphrase"
          label="Passphrase"
          optional
          hint={passphraseHint}
          error={errors.fields.passphrase}
          footer={<FieldFindings field="passphrase" findings={passphraseFindings} />}
        >
          <PassphraseInput
            id={certificateControlId('passphrase')}
            value={draft.passphrase}
            readOnly={saving}
            disabled={draft.key.kind === 'removed' && !pkcs12}
            placeholder={keyStored && summary?.hasPassphrase ? 'Stored — type to replace' : undefined}
            onChange={(event) => edit({ passphrase: event.target.value }, 'passphrase')}
            data-testid="cert-passphrase"
            {...describedBy(certificateControlId('passphrase'), errors.fields.passphrase, true)}
            aria-invalid={
              errors.fields.passphrase || passphraseFindings.some((f) => f.severity === 'error') ? true : undefined
            }
          />
        </Field>
        <MaterialField
          field="ca"
          id={certificateControlId('ca')}
          label="CA certificate"
          optional
          accept={caAccept}
          placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
          hint="The CA that issued the client certificate (.pem .crt .cer .der), to check the chain as the server will."
          value={draft.ca}
          onChange={(ca) => edit({ ca }, 'ca')}
          stored={
            storedCa.length && summary?.hasCa
              ? {
                  icon: 'shield',
                  text: (
                    <>
                      <span className="certificates-material-stored-label">Stored:</span>{' '}
                      <span className="certificates-material-stored-name">{storedCa[0]!.subject}</span>
                      {storedCa.length > 1 ? (
                        <span className="certificates-material-stored-meta">and {storedCa.length - 1} more</span>
                      ) : null}
                    </>
                  ),
                  title: storedCa.map((ca) => ca.subject).join('\n')
                }
              : null
          }
          removable
          findings={findingsFor(findings, 'ca')}
          error={errors.fields.ca}
          readOnly={saving}
        />
      </FormSection>
    </EditorPage>
  )
}
