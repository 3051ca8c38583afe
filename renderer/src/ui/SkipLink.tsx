/**
 * "Skip to content": the first stop of the Tab key, shown only while it has focus; Enter moves
 * focus past the sidebar to the screen (#main-content).
 */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#main-content"
      data-testid="skip-link"
      onClick={(event) => {
        // Focus the screen rather than navigate to the fragment: the address stays as it is.
        event.preventDefault()
        document.getElementById('main-content')?.focus()
      }}
    >
      Skip to content
    </a>
  )
}
