import { useCallback, useEffect, useRef, useState } from 'react'
import type { HarReport, WorkbenchFailure } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { harSlices } from './harSlices'

/** An import under way: what the progress bar shows. */
export interface HarReading {
  fileName: string
  /** The file's size in bytes. */
  total: number
  /** Bytes the main process has taken so far. */
  sent: number
  /** Every slice is sent: the main process is judging the embed requests. */
  judging: boolean
}

interface Run {
  importId: string | null
  cancelled: boolean
}

interface HarImportCallbacks {
  onReport: (report: HarReport) => void
  onFailure: (failure: WorkbenchFailure, fileName: string) => void
}

/** The longest file name openHarImport takes. */
const NAME_CHARS = 200

/**
 * Reads a picked or dropped HAR file into the main process, slice by slice (each one answered
 * before the next is sent), with progress and cancel. One import at a time: a new one cancels the
 * one running, and leaving the screen cancels it too.
 */
export function useHarImport({ onReport, onFailure }: HarImportCallbacks) {
  const [reading, setReading] = useState<HarReading | null>(null)
  const running = useRef<Run | null>(null)

  const stop = useCallback((run: Run) => {
    run.cancelled = true
    if (running.current === run) running.current = null
    const importId = run.importId
    if (importId) void call(() => workbench.cancelHarImport({ importId }))
  }, [])

  const cancel = useCallback(() => {
    if (running.current) stop(running.current)
    setReading(null)
  }, [stop])

  const start = useCallback(
    async (file: File) => {
      if (running.current) stop(running.current)
      const run: Run = { importId: null, cancelled: false }
      running.current = run
      const fileName = file.name.slice(0, NAME_CHARS) || 'untitled.har'
      setReading({ fileName, total: file.size, sent: 0, judging: false })
      const settle = () => {
        if (running.current === run) running.current = null
        setReading(null)
      }
      const fail = (failure: WorkbenchFailure) => {
        stop(run)
        settle()
        onFailure(failure, fileName)
      }

      const opened = await call(() => workbench.openHarImport({ fileName, bytes: file.size }))
      if (run.cancelled) {
        if (opened.ok) stop({ importId: opened.value.importId, cancelled: false })
        return
      }
      if (!opened.ok) return fail(opened.error)
      const importId = opened.value.importId
      run.importId = importId

      try {
        for await (const slice of harSlices(file)) {
          if (run.cancelled) return
          if (slice.last) setReading((current) => current && { ...current, judging: true })
          const answer = await call(() => workbench.sendHarChunk({ importId, text: slice.text, last: slice.last }))
          if (run.cancelled) return
          if (!answer.ok) return fail(answer.error)
          if (answer.value.done) {
            settle()
            onReport(answer.value.report)
            return
          }
          setReading((current) => current && { ...current, sent: slice.end })
        }
        fail({
          code: 'INTERNAL',
          message: 'The workbench read the whole file but sent no report. Open the file again.'
        })
      } catch {
        // File.slice().arrayBuffer() rejects when the file changed or went away since it was picked.
        fail({
          code: 'INVALID_INPUT',
          message: `“${fileName}” could not be read any further: it changed or was moved since it was picked. Choose it again.`
        })
      }
    },
    [onFailure, onReport, stop]
  )

  // Leaving the screen stops the import (nothing would show its report).
  useEffect(() => {
    const box = running
    return () => {
      if (box.current) stop(box.current)
    }
  }, [stop])

  return { reading, start, cancel }
}
