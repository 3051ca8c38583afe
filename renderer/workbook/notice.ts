/** The host's full-page answers: a refused embed, and an expired session. */
import { h, s } from './dom'

export function noticeCard(options: {
  message: string
  /** The host's error code; null for the messages the docs show without one. */
  code: string | null
  messageTestId: string
  icon?: 'alert' | 'clock'
}): HTMLElement {
  const clock = options.icon === 'clock'
  const icon = s(
    'svg',
    {
      class: `ewb-notice-icon${clock ? ' ewb-notice-icon-clock' : ''}`,
      viewBox: '0 0 24 24',
      width: 28,
      height: 28,
      'aria-hidden': 'true'
    },
    s('circle', { cx: 12, cy: 12, r: 10, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.6 }),
    clock
      ? s('path', {
          d: 'M12 6.5V12l3.5 2.5',
          fill: 'none',
          stroke: 'currentColor',
          'stroke-width': 1.8,
          'stroke-linecap': 'round',
          'stroke-linejoin': 'round'
        })
      : s('path', { d: 'M12 7v6', stroke: 'currentColor', 'stroke-width': 1.8, 'stroke-linecap': 'round' }),
    clock ? null : s('circle', { cx: 12, cy: 16.6, r: 1.1, fill: 'currentColor' })
  )
  return h(
    'div',
    { class: 'ewb-notice', role: 'alert' },
    h(
      'div',
      { class: 'ewb-notice-card' },
      icon,
      h('p', { class: 'ewb-notice-message', testid: options.messageTestId }, options.message),
      options.code === null
        ? null
        : h('p', { class: 'ewb-notice-code' }, 'Error code ', h('code', { testid: 'host-error-code' }, options.code))
    )
  )
}
