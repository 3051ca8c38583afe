import { useState } from 'react'
import type { UrlDiff } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Icon } from '../../ui/Icon'
import { Spinner } from '../../ui/Spinner'
import { isModKey, useGlobalKeyDown } from '../../ui/useGlobalKeyDown'
import { shortcutLabel } from '../../ui/format'
import { useVault } from '../../app/vault-context'
import { BigTextArea } from '../../ui/BigTextArea'
import { DiffResult, diffSummary } from '../../shared/inspection/DiffResult'
import { debounceFor, useDebouncedRun, useLatestCall } from '../../shared/inspection/useLatestCall'

interface DiffPanelProps {
  left: string
  right: string
  onChange: (sides: { left: string; right: string }) => void
}

/** Two embed URLs side by side, parameter by parameter (and claim by claim for JWTs). */
export function DiffPanel({ left, right, onChange }: DiffPanelProps) {
  const { noticeFailure } = useVault()
  const [diff, setDiff] = useState<UrlDiff | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [showSame, setShowSame] = useState(true)
  const { pending, start, settle, cancel } = useLatestCall()
  const compare = async () => {
    if (!left.trim() || !right.trim()) {
      cancel()
      setDiff(null)
      setError(null)
      return
    }
    const request = start()
    const result = await call(() => workbench.diffEmbedUrls({ left, right }))
    if (!settle(request)) return
    if (result.ok) {
      setDiff(result.value)
      setError(null)
    } else {
      setError(result.error.message)
      noticeFailure(result.error.code)
    }
  }

  const atOnce = useDebouncedRun(() => void compare(), [left, right], debounceFor(left.length + right.length))

  useGlobalKeyDown((event) => {
    if (isModKey(event) && event.key === 'Enter') {
      event.preventDefault()
      void compare()
    }
  })

  const counts = diff ? diffSummary(diff.params) : null
  const ready = diff && left.trim() && right.trim()

  return (
    <div className="diff-panel">
      <div className="inspector-diff-inputs">
        {(['left', 'right'] as const).map((side) => (
          <div className="inspector-diff-side" key={side}>
            <label className="field-label" htmlFor={`diff-${side}`}>
              {side === 'left' ? 'Left' : 'Right'}
            </label>
            <BigTextArea
              id={`diff-${side}`}
              className="input textarea mono inspector-big-input"
              rows={5}
              spellCheck={false}
              autoComplete="off"
              value={side === 'left' ? left : right}
              placeholder={
                side === 'left'
                  ? 'The URL that works (or the one you signed)'
                  : 'The URL that fails (or the one that was sent)'
              }
              onPaste={atOnce}
              onChange={(value) => onChange(side === 'left' ? { left: value, right } : { left, right: value })}
              data-testid={`diff-${side}`}
            />
          </div>
        ))}
      </div>
      <div className="inspector-toolbar">
        <Button
          icon="diff"
          variant="primary"
          onClick={() => void compare()}
          testId="diff-button"
          title={`Compare (${shortcutLabel('Enter')})`}
          shortcut={shortcutLabel('↵')}
        >
          Compare
        </Button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            atOnce()
            onChange({ left: right, right: left })
          }}
          disabled={!left && !right}
          data-testid="diff-swap"
          title="Swap left and right"
        >
          Swap
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={showSame}
            onChange={(event) => setShowSame(event.target.checked)}
            data-testid="diff-show-same"
          />
          <span>Show unchanged</span>
        </label>
        {counts && ready ? (
          <span className="result-summary" data-testid="diff-summary">
            {counts}
          </span>
        ) : null}
        {pending ? <Spinner label="Comparing…" /> : null}
      </div>

      {error ? (
        <Banner tone="error" title="Could not compare" testId="diff-error">
          {error}
        </Banner>
      ) : null}

      {ready ? (
        <div className={`diff-result${pending ? ' is-pending' : ''}`} data-testid="diff-result">
          <DiffResult diff={diff} showSame={showSame} />
        </div>
      ) : !left.trim() || !right.trim() ? (
        <div className="result-placeholder muted" data-testid="diff-empty">
          <Icon name="diff" size={16} />
          <span>
            Paste two embed URLs (or JWTs) to compare them parameter by parameter: what changed, what is missing on one
            side, what moved.
          </span>
        </div>
      ) : null}
    </div>
  )
}
