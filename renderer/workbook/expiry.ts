/**
 * Session expiry on the emulator's clock: the remaining time is `expiresAt - serverNow` at render,
 * counted from the page load. Timers are chained (setTimeout overflows past ~24.8 days, and a
 * session may last 30), and re-checked when the page becomes visible again.
 */
const MAX_TIMER_MS = 60 * 60 * 1000

export function watchExpiry(remainingSeconds: number, onExpire: () => void): void {
  if (!Number.isFinite(remainingSeconds)) return
  const deadline = Date.now() + remainingSeconds * 1000
  let timer: ReturnType<typeof setTimeout> | undefined
  let done = false
  const check = () => {
    if (done) return
    clearTimeout(timer)
    const left = deadline - Date.now()
    if (left <= 0) {
      done = true
      document.removeEventListener('visibilitychange', check)
      onExpire()
      return
    }
    timer = setTimeout(check, Math.min(left, MAX_TIMER_MS))
  }
  document.addEventListener('visibilitychange', check)
  check()
}
