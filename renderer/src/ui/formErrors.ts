import { useCallback, useState } from 'react'
import type { WorkbenchFailure } from '../../../preload/contract'

export interface FormErrors {
  /** Messages keyed by contract field name. */
  fields: Partial<Record<string, string>>
  /** A message for the form as a whole (no field, or a field this form does not show). */
  form: string | null
}

const none: FormErrors = { fields: {}, form: null }

/**
 * Puts a failure beside the field it names, when this form shows that field; otherwise at the
 * top of the form. `aliases` maps a field name the main process may use to the one shown here.
 */
export function placeError(
  error: WorkbenchFailure,
  fields: readonly string[],
  aliases: Partial<Record<string, string>> = {}
): FormErrors {
  const named = error.field ? (aliases[error.field] ?? error.field) : undefined
  if (named && fields.includes(named)) return { fields: { [named]: error.message }, form: null }
  return { fields: {}, form: error.message }
}

export function useFormErrors() {
  const [errors, setErrors] = useState<FormErrors>(none)
  const clear = useCallback(() => setErrors(none), [])
  /** Drops the message beside one field (when the user edits it). */
  const clearField = useCallback((field: string) => {
    setErrors((current) => {
      if (!current.fields[field]) return current
      const { [field]: _dropped, ...rest } = current.fields
      return { ...current, fields: rest }
    })
  }, [])
  return { errors, setErrors, clear, clearField }
}
