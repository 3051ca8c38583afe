import { useState, useSyncExternalStore } from 'react'

/** A clock of its own: Date.now() as of the last tick, re-read every second while subscribed. */
function createClock() {
  let now = Date.now()
  return {
    read: () => now,
    subscribe(onTick: () => void): () => void {
      // It may have stood still while nothing listened: read it again now, then every second.
      now = Date.now()
      onTick()
      const timer = window.setInterval(() => {
        now = Date.now()
        onTick()
      }, 1000)
      return () => window.clearInterval(timer)
    }
  }
}

const standStill = () => () => {}

/** Date.now(), re-read every second while `active`. */
export function useNow(active: boolean): number {
  const [clock] = useState(createClock)
  return useSyncExternalStore(active ? clock.subscribe : standStill, clock.read)
}
