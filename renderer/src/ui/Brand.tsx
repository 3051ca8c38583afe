import { Icon } from './Icon'

/** The app's mark and name, at the top of the sidebar and of the vault gate. */
export function Brand() {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">
        <Icon name="key" size={13} />
      </span>
      <span className="brand-name">Embed Workbench</span>
    </div>
  )
}
