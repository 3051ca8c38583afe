import { useLayoutEffect, useRef, type TextareaHTMLAttributes } from 'react'

interface BigTextAreaProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'defaultValue' | 'onChange'
> {
  value: string
  onChange: (value: string) => void
}

/**
 * A textarea for pastes of up to 10 MB. It is uncontrolled: React's controlled textarea rewrites
 * its text node (defaultValue) on every keystroke, which stalls typing for seconds at that size.
 * The DOM is written only when `value` changes from outside (Clear, Swap, "Open in Inspector").
 */
export function BigTextArea({ value, onChange, ...rest }: BigTextAreaProps) {
  const node = useRef<HTMLTextAreaElement>(null)
  // The last value this textarea reported or was given, to tell an outside change from an echo.
  const known = useRef(value)

  useLayoutEffect(() => {
    if (node.current && value !== known.current) {
      known.current = value
      node.current.value = value
    }
  }, [value])

  return (
    <textarea
      ref={node}
      defaultValue={value}
      onChange={(event) => {
        known.current = event.target.value
        onChange(known.current)
      }}
      {...rest}
    />
  )
}
