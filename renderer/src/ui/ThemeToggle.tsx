import { useThemeControls } from '../app/theme'
import { Icon } from './Icon'

/** Flips between light and dark (an explicit choice, stored in localStorage). */
export function ThemeToggle({ withLabel = false }: { withLabel?: boolean }) {
  const { theme, toggle } = useThemeControls()
  const next = theme === 'dark' ? 'light' : 'dark'
  const label = `Switch to ${next} theme`
  return (
    <button
      type="button"
      className={withLabel ? 'nav-item' : 'icon-button'}
      onClick={toggle}
      aria-label={label}
      title={label}
      data-testid="theme-toggle"
      data-theme-current={theme}
    >
      <Icon name={theme === 'dark' ? 'sun' : 'moon'} size={15} />
      {withLabel ? <span>{theme === 'dark' ? 'Light theme' : 'Dark theme'}</span> : null}
    </button>
  )
}
