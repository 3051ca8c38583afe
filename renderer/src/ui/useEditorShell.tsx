import {
  useCallback,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type ReactNode
} from 'react'
import { useLeaveGuard, type LeaveGuard } from '../app/navigation'
import { UnsavedChangesDialog } from './UnsavedChangesDialog'
import { isModKey, useGlobalKeyDown } from './useGlobalKeyDown'

interface EditorShellOptions {
  /** There are unsaved edits. */
  dirty: boolean
  /** Nothing is stored yet: Ctrl/Cmd+S saves even without edits. */
  isNew: boolean
  /** What has unsaved edits, for the questions ("Save changes to X?"). */
  what: string
  /** Saves; resolves false when that failed (the form then shows why). */
  save: () => Promise<boolean>
  /** Ctrl/Cmd+N: start a new item (asks first when there are unsaved edits). */
  onNew: () => void
  /** Moves focus to a field by its key (after a failed save). */
  focus: (key: string) => void
}

/**
 * What every editor page shares: Ctrl/Cmd+S and +N, the leave-screen guard, "Save changes?"
 * before an action would drop edits, a short-lived "Saved" state, and focus moved to the first
 * field in error after the next render.
 */
export function useEditorShell({ dirty, isNew, what, save, onNew, focus }: EditorShellOptions) {
  const [savedAt, setSavedAt] = useState<number | null>(null)
  const [asking, setAsking] = useState<(() => void) | null>(null)
  // A new object per request, so asking twice for the same field focuses it twice.
  const [focusRequest, setFocusRequest] = useState<{ key: string } | null>(null)
  const requestFocus = (key: string | null) => setFocusRequest(key === null ? null : { key })
  const focusField = useEffectEvent(focus)

  useEffect(() => {
    if (focusRequest) focusField(focusRequest.key)
  }, [focusRequest])

  // The leave guard stays the same object while the edits last, but saves with the latest form.
  const saveRef = useRef(save)
  useLayoutEffect(() => {
    saveRef.current = save
  })

  /** After a successful save: "Saved" for a moment (another save starts the moment again). */
  const markSaved = useCallback(() => setSavedAt(Date.now()), [])
  useEffect(() => {
    if (savedAt === null) return
    const timer = window.setTimeout(() => setSavedAt(null), 2500)
    return () => window.clearTimeout(timer)
  }, [savedAt])

  // The shell asks before leaving the screen (or locking) while there are unsaved edits.
  const leaveGuard = useMemo<LeaveGuard | null>(
    () => (dirty ? { what, save: () => saveRef.current() } : null),
    [dirty, what]
  )
  useLeaveGuard(leaveGuard)

  const guarded = (then: () => void) => (dirty ? setAsking(() => then) : then())

  useGlobalKeyDown((event) => {
    if (!isModKey(event) || event.shiftKey) return
    const key = event.key.toLowerCase()
    if (key === 's') {
      event.preventDefault()
      if (dirty || isNew) void save()
    } else if (key === 'n') {
      event.preventDefault()
      guarded(onNew)
    }
  })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void save()
  }

  const unsavedDialog: ReactNode = asking ? (
    <UnsavedChangesDialog
      what={what}
      onSave={save}
      onCancel={() => setAsking(null)}
      onProceed={() => {
        const then = asking
        setAsking(null)
        then()
      }}
    />
  ) : null

  return { savedAt, setSavedAt, markSaved, requestFocus, guarded, submit, unsavedDialog }
}
