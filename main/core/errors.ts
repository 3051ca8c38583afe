import type { ErrorCode, WorkbenchFailure } from '../../preload/contract'

/**
 * A failure the user can cause or fix. Services throw it; the dispatcher turns it into a typed
 * result. Its message is shown to the user as is, so it must never contain a secret.
 */
export class WorkbenchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string
  ) {
    super(message)
    this.name = 'WorkbenchError'
  }

  toFailure(): WorkbenchFailure {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}
