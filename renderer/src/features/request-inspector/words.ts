/** What the request inspector says in words: the labels of the contract's values, and the view it keeps. */
import type { RequestInspection, WorkbenchFailure } from '../../../../preload/contract'

/** What the paste was read as: "a cURL command", "entry #2 of the HAR". */
export function sourceWords(result: Pick<RequestInspection, 'source' | 'entry'>): string {
  switch (result.source) {
    case 'http':
      return 'a raw HTTP request'
    case 'curl':
      return 'a cURL command'
    case 'har-entry':
      return 'one HAR entry'
    case 'har':
      return `entry #${result.entry ?? '?'} of the HAR`
  }
}

export const asOfLabel: Record<RequestInspection['asOf']['from'], string> = {
  given: 'the time you gave',
  har: 'the HAR’s time',
  'date-header': 'its Date header',
  'signed-time': 'its signing time',
  now: 'the time now'
}

/** What a run sends, as the screen chose it (the credential as "id" or "id org"). */
export interface InspectInput {
  text: string
  clientCanonical: string
  /** A datetime-local value (local time); '' judges as of the request's own time. */
  asOf: string
  credential: string
  entry: number | null
}

/** The work the screen keeps while the user is on another one (memory only, dropped when the vault locks). */
export interface RequestInspectorView extends InspectInput {
  clientOpen: boolean
  result: RequestInspection | null
  /** What the result shown was made from: the inputs may have moved on since. */
  ranWith: InspectInput | null
  error: WorkbenchFailure | null
  /** The file the text came from, while the text is still that file's. */
  fileName: string | null
}

export const emptyView: RequestInspectorView = {
  text: '',
  clientCanonical: '',
  asOf: '',
  credential: '',
  entry: null,
  clientOpen: false,
  result: null,
  ranWith: null,
  error: null,
  fileName: null
}

export const inputOf = (view: RequestInspectorView): InspectInput => ({
  text: view.text,
  clientCanonical: view.clientCanonical,
  asOf: view.asOf,
  credential: view.credential,
  entry: view.entry
})

export const sameInput = (a: InspectInput, b: InspectInput) =>
  a.text === b.text &&
  a.clientCanonical === b.clientCanonical &&
  a.asOf === b.asOf &&
  a.credential === b.credential &&
  a.entry === b.entry

/** A credential choice as the select holds it: its id, and the organization after a space (ids have none). */
export const credentialValue = (id: string, org: string | null) => (org === null ? id : `${id} ${org}`)

export function credentialChoice(value: string): { credentialId: string; org?: string } | null {
  if (!value) return null
  const at = value.indexOf(' ')
  return at < 0 ? { credentialId: value } : { credentialId: value.slice(0, at), org: value.slice(at + 1) }
}

/** SigV4's basic time (20251201T090640Z) as ISO, or null when it is not one. */
export function amzDateToIso(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  return match ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z` : null
}

/** The field an error is about, in words (the channel names the input field). */
export const fieldLabel: Record<string, string> = {
  text: 'the pasted request',
  entry: 'the HAR entry',
  asOf: 'As of',
  credentialId: 'the credential',
  org: 'the organization',
  clientCanonical: 'the client’s canonical request'
}

/** "2 problems", "1 problem", "3 entries". */
export const count = (n: number, noun: string) =>
  `${n} ${n === 1 ? noun : noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`}`
