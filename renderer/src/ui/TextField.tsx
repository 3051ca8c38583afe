import type { InputHTMLAttributes, ReactNode } from 'react'
import { describedBy, Field } from './Field'
import type { FormErrors } from './formErrors'

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'value' | 'onChange'> {
  /** Input id (see Field). */
  id: string
  /** Contract field name: the error shown under the input, and the one cleared when it is edited. */
  name: string
  label: ReactNode
  hint?: ReactNode
  optional?: boolean
  testId: string
  value: string
  onChange: (value: string) => void
  errors: FormErrors
  clearField: (field: string) => void
}

/** A labelled text input with its hint or error; editing it clears that field's error. Other props go to the input. */
export function TextField({
  id,
  name,
  label,
  hint,
  optional,
  testId,
  value,
  onChange,
  errors,
  clearField,
  className,
  ...input
}: TextFieldProps) {
  const error = errors.fields[name]
  return (
    <Field id={id} name={name} label={label} hint={hint} optional={optional} error={error}>
      <input
        id={id}
        className={`input${className ? ` ${className}` : ''}`}
        data-testid={testId}
        value={value}
        autoComplete="off"
        {...input}
        onChange={(event) => {
          onChange(event.target.value)
          clearField(name)
        }}
        {...describedBy(id, error, hint !== undefined)}
      />
    </Field>
  )
}
