import type { SigV4Options as Options } from '../../../../preload/contract'
import { defaultSigV4Options } from '../../../../preload/contract/constants'

interface SigV4OptionsProps {
  options: Options
  readOnly: boolean
  onChange: (options: Options) => void
}

const choices: {
  [K in keyof Options]: { label: string; hint: string; options: { value: Options[K]; label: string }[] }
} = {
  path: {
    label: 'Path',
    hint: 'S3 signs the path as sent; every other service normalizes it and encodes it again.',
    options: [
      { value: 'normalized', label: 'Normalized, encoded twice (AWS services)' },
      { value: 'as-sent', label: 'As sent, encoded once (S3)' }
    ]
  },
  payload: {
    label: 'Payload',
    hint: 'The canonical request’s last line; S3 also sends it as X-Amz-Content-Sha256.',
    options: [
      { value: 'hash', label: 'Body SHA-256' },
      { value: 'hash-header', label: 'Body SHA-256, also in a header (S3)' },
      { value: 'unsigned', label: 'UNSIGNED-PAYLOAD' }
    ]
  },
  sessionToken: {
    label: 'Session token',
    hint: 'Whether X-Amz-Security-Token is part of the signature.',
    options: [
      { value: 'signed', label: 'Signed (most services)' },
      { value: 'after-signing', label: 'Added after signing' }
    ]
  }
}

/** How a SigV4 credential signs where AWS services differ; the defaults are what most services expect. */
export function SigV4Options({ options, readOnly, onChange }: SigV4OptionsProps) {
  const isDefault = (Object.keys(options) as (keyof Options)[]).every((k) => options[k] === defaultSigV4Options[k])
  return (
    <fieldset className="api-credentials-sigv4" data-testid="sigv4-options">
      <legend className="field-label">
        Signing{' '}
        <span className="field-optional">{isDefault ? 'what AWS services expect' : 'changed from the default'}</span>
      </legend>
      <div className="api-credentials-sigv4-grid">
        {(Object.keys(choices) as (keyof Options)[]).map((key) => {
          const choice = choices[key]
          const id = `sigv4-${key}`
          return (
            <div className="api-credentials-sigv4-field" key={key}>
              <label className="api-credentials-hmac-small-label" htmlFor={id}>
                {choice.label}
              </label>
              <select
                id={id}
                className="input select input-sm"
                value={options[key]}
                disabled={readOnly}
                aria-describedby={`${id}-hint`}
                onChange={(event) => onChange({ ...options, [key]: event.target.value })}
                data-testid={id}
              >
                {choice.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <span className="field-hint api-credentials-sigv4-hint" id={`${id}-hint`}>
                {choice.hint}
              </span>
            </div>
          )
        })}
      </div>
      {!isDefault && !readOnly ? (
        <button
          type="button"
          className="link-button small"
          onClick={() => onChange(defaultSigV4Options)}
          data-testid="sigv4-reset"
        >
          Back to what AWS services expect
        </button>
      ) : null}
    </fieldset>
  )
}
