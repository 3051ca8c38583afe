/** HMAC-SHA256's advanced options: what is signed and in which order, the separator, the headers, the encodings. */
import { useState } from 'react'
import type { HmacOptions, HmacPart } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import { Segmented } from '../../ui/Segmented'
import { hmacPartHint, hmacPartLabel, sameHmacOptions, separatorText, separatorValue } from './apiCredentialDraft'
import { defaultHmacOptions, hmacParts } from '../../../../preload/contract/constants'

/** Parts in order (those signed first), separator, header names, encoding and timestamp format. */
export function HmacAdvanced({
  options,
  readOnly,
  error,
  onChange
}: {
  options: HmacOptions
  readOnly: boolean
  error: string | undefined
  onChange: (options: HmacOptions) => void
}) {
  const isDefault = sameHmacOptions(options, defaultHmacOptions)
  // Open at first when the options are not the default or are in error; then the user's choice,
  // except that a new error opens it again (adjusted during render, see react.dev "You Might Not
  // Need an Effect").
  const [open, setOpen] = useState(!isDefault || !!error)
  const [shownError, setShownError] = useState(error)
  if (error !== shownError) {
    setShownError(error)
    if (error) setOpen(true)
  }
  const ordered: HmacPart[] = [...options.parts, ...hmacParts.filter((part) => !options.parts.includes(part))]
  const set = (patch: Partial<HmacOptions>) => onChange({ ...options, ...patch })
  const toggle = (part: HmacPart) => {
    const parts = options.parts.includes(part) ? options.parts.filter((p) => p !== part) : [...options.parts, part]
    if (parts.length) set({ parts })
  }
  const move = (part: HmacPart, by: -1 | 1) => {
    const parts = [...options.parts]
    const at = parts.indexOf(part)
    const to = at + by
    if (at < 0 || to < 0 || to >= parts.length) return
    ;[parts[at], parts[to]] = [parts[to]!, parts[at]!]
    set({ parts })
    window.setTimeout(() => document.getElementById(`hmac-part-${part}-${by < 0 ? 'up' : 'down'}`)?.focus())
  }
  const header = (key: 'signatureHeader' | 'timestampHeader' | 'clientIdHeader', label: string) => (
    <label className="api-credentials-hmac-header-field">
      <span className="api-credentials-hmac-small-label">{label}</span>
      <input
        className="input input-sm mono"
        value={options[key]}
        readOnly={readOnly}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => set({ [key]: event.target.value })}
        data-testid={`hmac-${key}`}
      />
    </label>
  )
  return (
    <details
      className="disclosure api-credentials-hmac-advanced"
      data-testid="hmac-advanced"
      data-error-key="auth.options"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        <Icon name="chevron" size={12} className="disclosure-chevron" />
        Advanced: what is signed, and where it goes
        <span className={`tag${isDefault ? '' : ' api-credentials-tag-custom'}`} data-testid="hmac-options-state">
          {isDefault ? 'Default' : 'Custom'}
        </span>
      </summary>
      <div className="api-credentials-hmac-body">
        <div className="api-credentials-hmac-template" data-testid="hmac-template">
          <span className="api-credentials-hmac-small-label">String to sign</span>
          <code className="mono">
            {options.parts.map((part, index) => (
              <span key={part}>
                {index ? (
                  <span className="api-credentials-hmac-sep">{separatorText(options.separator) || '(nothing)'}</span>
                ) : null}
                <span className="api-credentials-hmac-part">{hmacPartLabel[part].sample}</span>
              </span>
            ))}
          </code>
          <span className="api-credentials-hmac-small-label">Signature</span>
          <code className="mono">
            {options.signatureHeader}: {options.encoding}(HMAC-SHA256(client secret, string to sign))
          </code>
        </div>
        <div className="api-credentials-hmac-grid">
          <div className="api-credentials-hmac-parts-wrap">
            <span className="api-credentials-hmac-small-label" id="hmac-parts-label">
              Parts, in order
            </span>
            <ol className="api-credentials-hmac-parts" aria-labelledby="hmac-parts-label" data-testid="hmac-parts">
              {ordered.map((part) => {
                const index = options.parts.indexOf(part)
                const included = index >= 0
                return (
                  <li
                    key={part}
                    className={`api-credentials-hmac-part-row${included ? '' : ' is-off'}`}
                    data-testid="hmac-part"
                    data-part={part}
                    data-included={included}
                  >
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={included}
                        disabled={readOnly || (included && options.parts.length === 1)}
                        onChange={() => toggle(part)}
                        data-testid={`hmac-part-${part}`}
                      />
                      <span className="check-text">
                        <span>
                          {included ? <span className="api-credentials-hmac-part-index">{index + 1}</span> : null}
                          {hmacPartLabel[part].label}
                        </span>
                        <span className="check-hint">{hmacPartHint[part]}</span>
                      </span>
                    </label>
                    {included ? (
                      <span className="api-credentials-hmac-part-moves">
                        <button
                          type="button"
                          id={`hmac-part-${part}-up`}
                          className="btn btn-sm btn-icon btn-ghost"
                          onClick={() => move(part, -1)}
                          disabled={readOnly || index === 0}
                          aria-label={`Move ${hmacPartLabel[part].label} up`}
                          title="Move up"
                        >
                          <Icon name="arrowUp" size={13} />
                        </button>
                        <button
                          type="button"
                          id={`hmac-part-${part}-down`}
                          className="btn btn-sm btn-icon btn-ghost"
                          onClick={() => move(part, 1)}
                          disabled={readOnly || index === options.parts.length - 1}
                          aria-label={`Move ${hmacPartLabel[part].label} down`}
                          title="Move down"
                        >
                          <Icon name="arrowDown" size={13} />
                        </button>
                      </span>
                    ) : null}
                  </li>
                )
              })}
            </ol>
          </div>
          <div className="api-credentials-hmac-settings">
            <label className="api-credentials-hmac-header-field">
              <span className="api-credentials-hmac-small-label">Separator</span>
              <input
                className="input input-sm mono"
                value={separatorText(options.separator)}
                readOnly={readOnly}
                spellCheck={false}
                autoComplete="off"
                maxLength={20}
                onChange={(event) => set({ separator: separatorValue(event.target.value) })}
                data-testid="hmac-separator"
              />
              <span className="check-hint">
                <code>\n</code> is a newline, <code>\t</code> a tab.
              </span>
            </label>
            {header('signatureHeader', 'Signature header')}
            {header('timestampHeader', 'Timestamp header')}
            {header('clientIdHeader', 'Client id header')}
            <div className="api-credentials-hmac-header-field">
              <span className="api-credentials-hmac-small-label">Signature encoding</span>
              <Segmented
                label="Signature encoding"
                name="hmac-encoding"
                size="sm"
                value={options.encoding}
                disabled={readOnly}
                options={[
                  { value: 'hex', label: 'hex' },
                  { value: 'base64', label: 'base64' }
                ]}
                onChange={(encoding) => set({ encoding })}
                testId="hmac-encoding"
              />
            </div>
            <div className="api-credentials-hmac-header-field">
              <span className="api-credentials-hmac-small-label">Timestamp</span>
              <Segmented
                label="Timestamp format"
                name="hmac-timestamp"
                size="sm"
                value={options.timestampFormat}
                disabled={readOnly}
                options={[
                  { value: 'unix', label: 'Unix seconds' },
                  { value: 'iso', label: 'ISO 8601' }
                ]}
                onChange={(timestampFormat) => set({ timestampFormat })}
                testId="hmac-timestamp-format"
              />
            </div>
          </div>
        </div>
        {error ? (
          <div className="field-error" data-testid="error-auth.options" role="alert">
            {error}
          </div>
        ) : null}
        <div className="api-credentials-hmac-foot">
          <span className="muted small">
            Default: METHOD, path, canonical query, timestamp, body hash joined by newlines; X-Signature (hex),
            X-Timestamp (Unix seconds), X-Client-Id.
          </span>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => onChange(defaultHmacOptions)}
            disabled={readOnly || isDefault}
            data-testid="hmac-reset"
          >
            Reset to default
          </button>
        </div>
      </div>
    </details>
  )
}
