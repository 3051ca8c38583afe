import type { ReactNode } from 'react'
import { Icon } from '../../ui/Icon'

interface HarFileInputProps {
  onFile: (file: File) => void
  children: ReactNode
  primary?: boolean
  size?: 'sm' | 'md'
  /** Another kind of file (a repro bundle): its own test id and accepted types. */
  testId?: string
  accept?: string
}

/**
 * A real file input, dressed as a button: its label is what is clicked, the input itself takes
 * the focus (and Enter or Space opens the picker), so the keyboard and screen readers get the
 * browser's own control.
 */
export function HarFileInput({
  onFile,
  children,
  primary,
  size = 'md',
  testId = 'evidence-file-input',
  accept = '.har,application/json'
}: HarFileInputProps) {
  return (
    <label className={`btn evidence-choose${primary ? ' btn-primary' : ''}${size === 'sm' ? ' btn-sm' : ''}`}>
      <Icon name="import" size={size === 'sm' ? 13 : 14} />
      {children}
      <input
        type="file"
        accept={accept}
        className="evidence-file-input"
        data-testid={testId}
        onChange={(event) => {
          const file = event.target.files?.[0]
          // Cleared, so picking the same file again is a change too.
          event.target.value = ''
          if (file) onFile(file)
        }}
      />
    </label>
  )
}
