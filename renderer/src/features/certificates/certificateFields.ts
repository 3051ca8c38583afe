/** The certificate editor's fields: which files each takes, and how a failure finds its control. */
export const certificateAccept = '.pem,.crt,.cer,.der,.p12,.pfx'
export const keyAccept = '.pem,.key,.der,.p12,.pfx'
export const caAccept = '.pem,.crt,.cer,.der'

/** The element id of the control for a form field, so a failure can move focus to it. */
export function certificateControlId(field: string): string {
  return `cert-${field}`
}

export function focusField(field: string) {
  const id = certificateControlId(field)
  const target =
    document.getElementById(id) ??
    document.getElementById(`${id}-replace`) ??
    document.querySelector<HTMLElement>(`[data-testid="field-${field}"] button, [data-testid="field-${field}"] input`)
  if (!target) return
  target.focus({ preventScroll: true })
  // The field with its findings, not just the input: the findings say what to fix.
  ;(target.closest<HTMLElement>('.field') ?? target).scrollIntoView({ block: 'nearest' })
}
