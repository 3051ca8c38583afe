import type { ReactNode } from 'react'

interface FieldProps {
  /** Input id; the error element gets `${id}-error`, the hint `${id}-hint`. */
  id: string
  /** Contract field name; the error element gets data-testid="error-<name>". */
  name: string
  label: ReactNode
  hint?: ReactNode
  error?: string | undefined
  children: ReactNode
  optional?: boolean
  /** After the hint or error, e.g. the findings about this field. */
  footer?: ReactNode
}

/** Label, control, hint and the error for one field, wired for screen readers. */
export function Field({ id, name, label, hint, error, children, optional, footer }: FieldProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
        {optional ? <span className="field-optional">optional</span> : null}
      </label>
      {children}
      {error ? (
        <div className="field-error" id={`${id}-error`} data-testid={`error-${name}`} role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {footer}
    </div>
  )
}

/** aria attributes for the control inside a Field. */
export function describedBy(
  id: string,
  error: string | undefined,
  hint: boolean
): Record<string, string | boolean | undefined> {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined
  }
}
