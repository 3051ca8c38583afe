import { forwardRef, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react'

type PassphraseInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>

/** A password field that never autocompletes or spellchecks and warns when Caps Lock is on. */
export const PassphraseInput = forwardRef<HTMLInputElement, PassphraseInputProps>(function PassphraseInput(
  { onKeyDown, onKeyUp, onBlur, className, ...rest },
  ref
) {
  const [capsLock, setCapsLock] = useState(false)
  const track = (event: KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState?.('CapsLock') ?? false)
  return (
    <div className="passphrase-input">
      <input
        ref={ref}
        type="password"
        className={`input${className ? ` ${className}` : ''}`}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        onKeyDown={(event) => {
          track(event)
          onKeyDown?.(event)
        }}
        onKeyUp={(event) => {
          track(event)
          onKeyUp?.(event)
        }}
        onBlur={(event) => {
          setCapsLock(false)
          onBlur?.(event)
        }}
        {...rest}
      />
      {capsLock ? <span className="caps-lock">Caps Lock is on</span> : null}
    </div>
  )
})
