import { useLayoutEffect, useRef, useState, type DragEvent, type TextareaHTMLAttributes } from 'react'

interface BigTextAreaProps extends Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'defaultValue' | 'onChange'
> {
  value: string
  onChange: (value: string) => void
  /** A file dropped onto it (text dropped is typed in as usual); without it, files are not taken. */
  onFile?: (file: File) => void
}

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files')

/**
 * A textarea for pastes of up to 10 MB (a long URL, a whole HAR). It is uncontrolled: React's
 * controlled textarea rewrites its text on every keystroke, which stalls typing for seconds at
 * that size. The DOM is written only when `value` changes from outside (Clear, Swap, "Open in
 * Inspector", a file opened). A file dropped onto it is handed to `onFile`, when given.
 */
export function BigTextArea({ value, onChange, onFile, className, ...rest }: BigTextAreaProps) {
  const node = useRef<HTMLTextAreaElement>(null)
  // The last value this textarea reported or was given, to tell an outside change from an echo.
  const known = useRef(value)
  const [dragging, setDragging] = useState(false)

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
      className={dragging ? `${className ?? ''} is-dragging`.trim() : className}
      onChange={(event) => {
        known.current = event.target.value
        onChange(known.current)
      }}
      onDragEnter={(event) => {
        if (!onFile || !carriesFiles(event)) return
        event.preventDefault()
        setDragging(true)
      }}
      onDragOver={(event) => {
        if (!onFile || !carriesFiles(event)) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        if (!onFile || !carriesFiles(event)) return
        event.preventDefault()
        setDragging(false)
        const file = event.dataTransfer.files[0]
        if (file) onFile(file)
      }}
      {...rest}
    />
  )
}
