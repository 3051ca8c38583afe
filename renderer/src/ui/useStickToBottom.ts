import { useCallback, useLayoutEffect, useRef } from 'react'

/**
 * Keeps a scrolling list pinned to its newest (last) item while the user is at the bottom; once
 * they scroll up to read, new items no longer move the view. `change` is what adds items;
 * `visible` re-pins when a hidden list (another tab) is shown again.
 */
export function useStickToBottom<T extends HTMLElement>(change: unknown, visible = true) {
  const ref = useRef<T>(null)
  const pinned = useRef(true)
  const onScroll = useCallback(() => {
    const element = ref.current
    if (element) pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24
  }, [])
  useLayoutEffect(() => {
    const element = ref.current
    if (element && visible && pinned.current) element.scrollTop = element.scrollHeight
  }, [change, visible])
  return { ref, onScroll }
}
