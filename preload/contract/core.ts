/** Results, failures and notices: what every channel answers with. */
import type { errorCodes } from './constants'

export type ErrorCode = (typeof errorCodes)[number]

export interface WorkbenchFailure {
  code: ErrorCode
  /** One sentence that says what happened and what to do. Never contains a secret. */
  message: string
  /** The input field the error is about, when there is one (for showing it beside the field). */
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WorkbenchFailure }

/** Something the user must be told once, e.g. that a corrupt store file was moved aside. */
export interface Notice {
  code:
    | 'STORE_MOVED_ASIDE'
    | 'SECRET_TRIMMED'
    | 'SECRET_UNUSUAL_FORMAT'
    | 'CLIENT_ID_TRIMMED'
    | 'VAULT_UPGRADED'
    | 'VAULT_REKEYED'
    | 'VAULT_CHANGED_OUTSIDE'
    | 'VAULT_ROLLED_BACK'
    | 'VAULT_LOCKED_ELSEWHERE'
  severity: 'info' | 'warning'
  message: string
}

export interface NameValue {
  name: string
  value: string
}
