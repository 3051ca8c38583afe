import type { ReactNode, Ref } from 'react'
import { describedBy, Field } from './Field'
import type { FormErrors } from './formErrors'
import { PassphraseInput } from './PassphraseInput'

interface PassphraseFieldProps {
  /** Input id (see Field). */
  id: string
  /** Contract field name: the error shown under the input, and the one cleared when it is edited. */
  name: string
  label: ReactNode
  hint?: ReactNode
  testId: string
  value: string
  onChange: (value: string) => void
  errors: FormErrors
  clearField: (field: string) => void
  readOnly?: boolean
  autoFocus?: boolean
  inputRef?: Ref<HTMLInputElement>
}

/** A labelled passphrase input with its hint or error; editing it clears that field's error. */
export function PassphraseField({
  id,
  name,
  label,
  hint,
  testId,
  value,
  onChange,
  errors,
  clearField,
  readOnly,
  autoFocus,
  inputRef
}: PassphraseFieldProps) {
  const error = errors.fields[name]
  return (
    <Field id={id} name={name} label={label} hint={hint} error={error}>
      <PassphraseInput
        id={id}
        ref={inputRef}
        data-testid={testId}
        value={value}
        readOnly={readOnly}
        autoFocus={autoFocus}
        onChange={(event) => {
          onChange(event.target.value)
          clearField(name)
        }}
        {...describedBy(id, error, hint !== undefined)}
      />
    </Field>
  )
}
