/**
 * Customer evidence in, over IPC: the renderer sends a HAR in slices (one import at a time),
 * gets the report, and can export the last one as a redacted repro bundle or open a bundle.
 */
import { randomUUID } from 'node:crypto'
import type { HarBundleExport, HarChunkResult, HarReport, HarReproResult, ParsedInput } from '../../preload/contract'
import { systemClock, type Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import { exportBundle, openBundle, parseBundle, type ReproBundle } from './bundle'
import { harAnalysis, type HarServiceDeps } from './har-import'

/** An import the renderer stopped feeding is dropped after this long. */
const IDLE_MS = 2 * 60 * 1000

/** Imports over IPC: the renderer sends the file in slices; one import runs at a time. */
export function createHarService(deps: HarServiceDeps, clock: Clock = systemClock) {
  let current: { id: string; analysis: ReturnType<typeof harAnalysis>; timer: NodeJS.Timeout; busy: boolean } | null =
    null
  /** The last report and what it was built from, for "Export repro bundle". */
  let judged: { report: HarReport; evidence: ReturnType<ReturnType<typeof harAnalysis>['evidence']> } | null = null

  const drop = () => {
    if (!current) return
    clearTimeout(current.timer)
    current.analysis.abort()
    current = null
  }
  const idleTimer = () => setTimeout(drop, IDLE_MS).unref()

  return {
    open({ fileName, bytes }: ParsedInput<'openHarImport'>): { importId: string } {
      drop()
      const id = randomUUID()
      current = { id, analysis: harAnalysis(deps, { fileName, bytes }), timer: idleTimer(), busy: false }
      return { importId: id }
    },

    async chunk({ importId, text, last }: ParsedInput<'sendHarChunk'>): Promise<HarChunkResult> {
      const running = current
      if (!running || running.id !== importId)
        throw new WorkbenchError(
          'HAR_IMPORT_NOT_FOUND',
          'This HAR import is no longer running (it was cancelled, replaced by another, or idle for 2 minutes). Open the file again.'
        )
      if (running.busy) throw new WorkbenchError('INVALID_INPUT', 'Send the slices of a HAR one at a time, in order.')
      running.busy = true
      clearTimeout(running.timer)
      try {
        await running.analysis.write(text)
        if (!last) {
          running.timer = idleTimer()
          return { done: false, bytes: running.analysis.bytes }
        }
        const report = await running.analysis.finish()
        if (current === running) current = null
        judged = { report, evidence: running.analysis.evidence() }
        return { done: true, report }
      } finally {
        running.busy = false
      }
    },

    cancel({ importId }: ParsedInput<'cancelHarImport'>): { cancelled: boolean } {
      if (!current || current.id !== importId) return { cancelled: false }
      drop()
      return { cancelled: true }
    },

    /** The last report as a redacted repro bundle (the file's text and what was removed). */
    async exportBundle(): Promise<HarBundleExport> {
      if (!judged)
        throw new WorkbenchError('HAR_IMPORT_NOT_FOUND', 'Open a HAR first: the bundle is made from its report.')
      const secrets = (await deps.credentials()).map((c) => c.secret)
      const bundle: ReproBundle = exportBundle({ ...judged.evidence, report: judged.report, secrets }, clock.now())
      return {
        fileName: `${judged.report.fileName.replace(/\.har$/i, '')}.repro.json`,
        text: JSON.stringify(bundle, null, 2),
        removed: bundle.removed
      }
    },

    /** A bundle opened in a sandbox of its own: signed again with a sandbox credential and judged. */
    async openBundle({ text }: ParsedInput<'openHarBundle'>): Promise<HarReproResult> {
      return openBundle(parseBundle(text))
    },

    /** What a locked vault must not leave behind: the last report holds one-time URLs. */
    forget(): void {
      drop()
      judged = null
    }
  }
}

export type HarService = ReturnType<typeof createHarService>
