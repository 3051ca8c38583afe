import type { CertificateMaterial, CertificateSummary, ChannelInput, Finding } from '../../../../preload/contract'

/** The form fields a finding (`param`) or a failure (`field`) can be shown under. */
export type MaterialField = 'certificate' | 'key' | 'ca'
export const certificateFieldNames = [
  'name',
  'description',
  'domains',
  'certificate',
  'key',
  'passphrase',
  'ca'
] as const

/**
 * One of certificate, key or CA as the form holds it:
 * - stored: editing, and the stored one is kept (nothing is sent);
 * - removed: the stored key or CA goes on save (null is sent);
 * - text: pasted, or loaded from a text file (`fileName` then says which);
 * - file: a binary upload (DER, PKCS#12), shown as a chip, sent as base64.
 */
export type MaterialDraft =
  | { kind: 'stored' }
  | { kind: 'removed' }
  | { kind: 'text'; text: string; fileName?: string }
  | { kind: 'file'; fileName: string; base64: string; size: number }

export interface CertificateDraft {
  name: string
  description: string
  /** Authorized domains, one per line. */
  domains: string
  certificate: MaterialDraft
  key: MaterialDraft
  /** Never kept after a save: the key and passphrase live in the renderer only until then. */
  passphrase: string
  ca: MaterialDraft
}

const emptyText: MaterialDraft = { kind: 'text', text: '' }

export const emptyCertificateDraft: CertificateDraft = {
  name: '',
  description: '',
  domains: '',
  certificate: emptyText,
  key: emptyText,
  passphrase: '',
  ca: emptyText
}

/** The draft of a stored certificate: its words, and "keep" for the material it has. */
export function draftOf(summary: CertificateSummary): CertificateDraft {
  return {
    name: summary.name,
    description: summary.description,
    domains: summary.domains.join('\n'),
    certificate: { kind: 'stored' },
    key: summary.hasKey ? { kind: 'stored' } : emptyText,
    passphrase: '',
    ca: summary.hasCa ? { kind: 'stored' } : emptyText
  }
}

/** A PKCS#12 file carries the key too (the main process takes it from there). */
export function isPkcs12(material: MaterialDraft): boolean {
  return material.kind === 'file' && /\.(p12|pfx)$/i.test(material.fileName)
}

/** What to send for one field: undefined keeps the stored one (or gives none), null removes it. */
export function materialInput(material: MaterialDraft): CertificateMaterial | null | undefined {
  switch (material.kind) {
    case 'stored':
      return undefined
    case 'removed':
      return null
    case 'text':
      return material.text.trim() ? { text: material.text } : undefined
    case 'file':
      return { fileName: material.fileName, base64: material.base64 }
  }
}

/** Whether the field holds something the user gave (as opposed to empty or the stored one). */
export function hasNewMaterial(material: MaterialDraft): boolean {
  return material.kind === 'file' || (material.kind === 'text' && material.text.trim() !== '')
}

type ValidateInput = ChannelInput<'validateCertificate'>
type SaveInput = ChannelInput<'saveCertificate'>

/** The validation request for a draft; with `id`, what is left out comes from the stored certificate. */
export function validateInput(draft: CertificateDraft, id: string | null): ValidateInput {
  const input: ValidateInput = { domains: draft.domains }
  if (id) input.id = id
  const certificate = materialInput(draft.certificate)
  if (certificate) input.certificate = certificate
  // A PKCS#12 file given as the certificate carries the key: the key field is not sent then
  // (the main process takes the key from the file, replacing a stored one).
  const pkcs12 = isPkcs12(draft.certificate)
  const key = pkcs12 ? undefined : materialInput(draft.key)
  if (key !== undefined) input.key = key
  if (draft.passphrase && (pkcs12 || draft.key.kind !== 'removed')) input.passphrase = draft.passphrase
  const ca = materialInput(draft.ca)
  if (ca !== undefined) input.ca = ca
  return input
}

export function saveInput(draft: CertificateDraft, id: string | null): SaveInput {
  return { ...validateInput(draft, id), name: draft.name, description: draft.description }
}

/** Whether saving would change anything. */
export function isDirty(draft: CertificateDraft, baseline: CertificateDraft): boolean {
  const sameMaterial = (a: MaterialDraft, b: MaterialDraft) =>
    a.kind === b.kind && (a.kind !== 'text' || !(a.text.trim() || (b.kind === 'text' && b.text.trim())))
  return (
    draft.name.trim() !== baseline.name.trim() ||
    draft.description.trim() !== baseline.description.trim() ||
    normalizeLines(draft.domains) !== normalizeLines(baseline.domains) ||
    draft.passphrase !== '' ||
    !sameMaterial(draft.certificate, baseline.certificate) ||
    !sameMaterial(draft.key, baseline.key) ||
    !sameMaterial(draft.ca, baseline.ca)
  )
}

function normalizeLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n')
}

/** Whether a validation would say anything useful yet: something was given to check. */
export function worthValidating(draft: CertificateDraft, id: string | null): boolean {
  return id !== null || hasNewMaterial(draft.certificate) || hasNewMaterial(draft.key) || hasNewMaterial(draft.ca)
}

/** The findings about one form field, worst first (the report keeps that order). */
export function findingsFor(findings: readonly Finding[], field: string): Finding[] {
  return findings.filter((finding) => finding.param === field)
}

// ---------------------------------------------------------------------------------------------
// Files

/** Certificates and keys are a few KB; the main process refuses over 1 MB and says why. */
export const MAX_FILE_BYTES = 1024 * 1024

/**
 * Reads an uploaded file. Text (PEM) goes into the text area, so it can be seen and edited;
 * anything binary (DER, PKCS#12) is kept as base64 and shown as a chip.
 */
export async function readUpload(file: File): Promise<MaterialDraft | { problem: string }> {
  if (file.size > MAX_FILE_BYTES) {
    return {
      problem: `${file.name} is ${Math.round(file.size / 1024)} KB; a certificate or key is a few KB. Is it the right file?`
    }
  }
  const bytes = new Uint8Array(await file.arrayBuffer())
  if (!bytes.length) return { problem: `${file.name} is empty.` }
  const text = isPkcs12Name(file.name) ? null : asText(bytes)
  if (text !== null) return { kind: 'text', text, fileName: file.name }
  return { kind: 'file', fileName: file.name, base64: toBase64(bytes), size: bytes.length }
}

function isPkcs12Name(name: string): boolean {
  return /\.(p12|pfx)$/i.test(name)
}

/** The bytes as text when they are UTF-8 without control characters (PEM); null for binary. */
function asText(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x30) return null // DER: an ASN.1 SEQUENCE
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
  // A control character other than tab, newline, vertical tab, form feed or return: binary, not text.
  const binary = [...text.slice(0, 4096)].some((ch) => {
    const code = ch.charCodeAt(0)
    return code < 0x20 && (code < 0x09 || code > 0x0d)
  })
  return binary ? null : text.replace(/^\uFEFF/, '')
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  return btoa(binary)
}

// ---------------------------------------------------------------------------------------------
// Dates

const DAY = 86_400_000

/** Whole days from now until `iso` (negative once it has passed). */
export function daysUntil(iso: string, now = Date.now()): number {
  const at = Date.parse(iso)
  return Number.isNaN(at) ? 0 : Math.floor((at - now) / DAY)
}

/** "in 20 days", "today", "expired 35 days ago". */
export function expiryWords(validTo: string, validFrom: string, now = Date.now()): string {
  const from = Date.parse(validFrom)
  if (!Number.isNaN(from) && from > now) {
    const days = Math.ceil((from - now) / DAY)
    return `valid in ${days} ${days === 1 ? 'day' : 'days'}`
  }
  const to = Date.parse(validTo)
  if (to < now) {
    const ago = Math.floor((now - to) / DAY)
    return ago === 0 ? 'expired today' : `expired ${ago} ${ago === 1 ? 'day' : 'days'} ago`
  }
  const days = daysUntil(validTo, now)
  if (days === 0) return 'expires today'
  return `${days} ${days === 1 ? 'day' : 'days'} left`
}

/** The tone of an expiry, from the report's time findings. */
export function expiryTone(findings: readonly Finding[]): 'ok' | 'warning' | 'error' {
  if (findings.some((f) => f.param === 'certificate' && (f.code === 'EXPIRED' || f.code === 'NOT_YET_VALID')))
    return 'error'
  if (findings.some((f) => f.param === 'certificate' && f.code === 'EXPIRING_SOON')) return 'warning'
  return 'ok'
}

/** The common name of a subject line ("CN=rsa client, O=Tests" → "rsa client"), or the whole line. */
export function commonName(subject: string): string {
  const match = /(?:^|,\s*)CN=([^,]+)/.exec(subject)
  return match ? match[1]!.trim() : subject
}

/** The first form field an error finding is about (for focus after a failed save). */
export function firstErrorField(findings: readonly Finding[]): string | null {
  const order = ['certificate', 'key', 'passphrase', 'ca', 'domains']
  const fields = findings
    .filter((finding) => finding.severity === 'error' && finding.param)
    .map((finding) => finding.param!)
  return order.find((field) => fields.includes(field)) ?? null
}

/** What the validation report is about. */
export type ReportOf = 'stored' | 'draft' | 'saved'

/** The report's caption: what it is of. */
export function reportCaption(of: ReportOf, dirty: boolean): string {
  if (of === 'stored') return 'of the stored certificate'
  if (of === 'saved') return 'as saved'
  return dirty ? 'of your edits (not saved)' : 'of the current certificate'
}
