import { Banner } from './Banner'

/** An error that belongs to the whole form rather than one field. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null
  return (
    <Banner tone="error" testId="form-error" className="form-error">
      {message}
    </Banner>
  )
}
