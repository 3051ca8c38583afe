import { useState } from 'react'
import type { HarBundleExport, HarReproResult } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { useVault } from '../../app/vault-context'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { saveAsFile } from '../../ui/saveAsFile'

/** "Export repro bundle": the last report as a redacted file, and exactly what was left out of it. */
export function ExportBundleButton({ onExported }: { onExported: (exported: HarBundleExport) => void }) {
  const { noticeFailure } = useVault()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async () => {
    setPending(true)
    setError(null)
    const result = await call(() => workbench.exportHarBundle({}))
    setPending(false)
    if (!result.ok) {
      setError(result.error.message)
      noticeFailure(result.error.code)
      return
    }
    saveAsFile(result.value.fileName, result.value.text)
    onExported(result.value)
  }
  return (
    <>
      <Button
        variant="default"
        icon="export"
        onClick={() => void run()}
        disabled={pending}
        testId="evidence-export-bundle"
        title="A file a colleague opens offline: no secret, signature, cookie or other header inside"
      >
        Export repro bundle
      </Button>
      {error ? (
        <span className="evidence-bundle-error" role="alert" data-testid="evidence-bundle-error">
          {error}
        </span>
      ) : null}
    </>
  )
}

/** What the export removed, listed where the user just clicked. */
export function ExportedBundle({ exported, onDismiss }: { exported: HarBundleExport; onDismiss: () => void }) {
  const counts = new Map<string, number>()
  for (const r of exported.removed) counts.set(r.what, (counts.get(r.what) ?? 0) + 1)
  return (
    <Banner tone="success" title={`Saved ${exported.fileName}`} testId="evidence-bundle-saved" onDismiss={onDismiss}>
      It holds only what the findings depend on: every cookie, every other header and body is left out. Removed besides:{' '}
      <span data-testid="evidence-bundle-removed">
        {[...counts].map(([what, n]) => `${what} (${n})`).join('; ') || 'nothing else'}
      </span>
      .
    </Banner>
  )
}

/** After "Open repro bundle": the sandbox it was signed again in, and which findings came back. */
export function ReproSummary({ repro }: { repro: HarReproResult }) {
  const misses = repro.comparison.filter((c) => c.missing.length || c.extra.length)
  return (
    <Banner
      tone={repro.reproduced ? 'success' : 'warning'}
      title={repro.reproduced ? 'Reproduced in a sandbox' : 'Partly reproduced in a sandbox'}
      testId="evidence-repro"
    >
      Signed again with a sandbox credential (client id <code>{repro.credential.clientId.slice(0, 8)}…</code>), not the
      customer’s secret.{' '}
      {repro.reproduced ? (
        <span data-testid="evidence-repro-verdict">
          Every request’s findings came back ({repro.comparison.length} requests).
        </span>
      ) : (
        <span data-testid="evidence-repro-verdict">
          {misses
            .map(
              (c) =>
                `#${c.index}: ${c.missing.length ? `missing ${c.missing.join(', ')}` : ''}${c.extra.length ? ` new ${c.extra.join(', ')}` : ''}`
            )
            .join('; ')}
        </span>
      )}
    </Banner>
  )
}

/** Reads a bundle file and opens it in the sandbox. */
export function useOpenBundle(
  onOpened: (repro: HarReproResult, fileName: string) => void,
  onError: (message: string, fileName: string) => void
) {
  const { noticeFailure } = useVault()
  const [opening, setOpening] = useState(false)
  const open = async (file: File) => {
    setOpening(true)
    const text = await file.text()
    const result = await call(() => workbench.openHarBundle({ text }))
    setOpening(false)
    if (result.ok) onOpened(result.value, file.name)
    else {
      onError(result.error.message, file.name)
      noticeFailure(result.error.code)
    }
  }
  return { opening, open }
}
