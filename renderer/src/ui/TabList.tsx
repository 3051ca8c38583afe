import type { KeyboardEvent, ReactNode } from 'react'

export interface TabItem<T extends string> {
  id: T
  label: ReactNode
  testId?: string
  /** data-name, for tests and styling. */
  name?: string
  title?: string
}

interface TabListProps<T extends string> {
  /** Accessible name of the tab list. */
  label: string
  /** Prefix of the tabs' ids; the panel is `${idPrefix}-panel`. */
  idPrefix: string
  items: readonly TabItem<T>[]
  selected: T | null
  onSelect: (id: T) => void
  className?: string
  testId?: string
}

export const tabId = (idPrefix: string, id: string) => `${idPrefix}-tab-${id}`
export const tabPanelId = (idPrefix: string) => `${idPrefix}-panel`

/**
 * ARIA tabs with a roving tab stop: Tab enters at the selected tab, arrow keys (and Home/End)
 * move and select at once.
 */
export function TabList<T extends string>({
  label,
  idPrefix,
  items,
  selected,
  onSelect,
  className,
  testId
}: TabListProps<T>) {
  const selectAt = (index: number) => {
    const item = items[(index + items.length) % items.length]
    if (!item) return
    onSelect(item.id)
    document.getElementById(tabId(idPrefix, item.id))?.focus()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = items.findIndex((item) => item.id === selected)
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowDown: current + 1,
      ArrowLeft: current - 1,
      ArrowUp: current - 1,
      Home: 0,
      End: items.length - 1
    }
    const target = moves[event.key]
    if (target === undefined || event.ctrlKey || event.metaKey || event.altKey) return
    event.preventDefault()
    selectAt(target)
  }

  return (
    <div
      className={`tabs${className ? ` ${className}` : ''}`}
      role="tablist"
      aria-label={label}
      onKeyDown={onKeyDown}
      data-testid={testId}
    >
      {items.map((item, index) => {
        const isSelected = item.id === selected
        return (
          <button
            key={item.id}
            id={tabId(idPrefix, item.id)}
            type="button"
            role="tab"
            className="tab"
            aria-selected={isSelected}
            aria-controls={tabPanelId(idPrefix)}
            tabIndex={isSelected || (selected === null && index === 0) ? 0 : -1}
            onClick={() => onSelect(item.id)}
            data-testid={item.testId}
            data-name={item.name}
            title={item.title}
          >
            {item.label}
          </button>
        )
      })}
    </div>
  )
}
