import { useEffect, useState } from 'react'
import type { HarEmbedRequest, Result, UrlDiff } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Spinner } from '../../ui/Spinner'
import { DiffResult, diffSummary } from '../../shared/inspection/DiffResult'
import { kindLabel } from './words'
import './evidence-detail.css'

interface RowDiffProps {
  left: HarEmbedRequest
  right: HarEmbedRequest
  onClose: () => void
}

type Answer = { for: string; result: Result<UrlDiff> }

/** Two HAR rows' embeds compared parameter by parameter, with the Inspector's diff. */
export function RowDiff({ left, right, onClose }: RowDiffProps) {
  const [answer, setAnswer] = useState<Answer | null>(null)
  const [showSame, setShowSame] = useState(false)
  const key = `${left.index}:${left.embed}\n${right.index}:${right.embed}`

  useEffect(() => {
    let current = true
    void call(() => workbench.diffEmbedUrls({ left: left.embed, right: right.embed })).then((result) => {
      if (current) setAnswer({ for: key, result })
    })
    return () => {
      current = false
    }
  }, [key, left.embed, right.embed])

  const result = answer && answer.for === key ? answer.result : null
  return (
    <section className="evidence-diff" data-testid="har-diff" aria-labelledby="evidence-diff-title">
      <div className="evidence-detail-head">
        <h2 className="evidence-detail-title" id="evidence-diff-title">
          #{left.index} <span className="evidence-detail-kind">{kindLabel[left.kind]}</span>
          <span aria-hidden="true">↔</span>
          <span className="visually-hidden">compared with</span>#{right.index}{' '}
          <span className="evidence-detail-kind">{kindLabel[right.kind]}</span>
        </h2>
        <Button size="sm" variant="ghost" icon="x" onClick={onClose} testId="har-diff-close">
          Stop comparing
        </Button>
      </div>
      <div className="evidence-diff-bar">
        <label className="check">
          <input
            type="checkbox"
            checked={showSame}
            onChange={(event) => setShowSame(event.target.checked)}
            data-testid="har-diff-show-same"
          />
          <span>Show unchanged</span>
        </label>
        {result?.ok ? (
          <span className="result-summary" data-testid="diff-summary">
            {diffSummary(result.value.params)}
          </span>
        ) : null}
      </div>
      {!result ? (
        <Spinner label="Comparing…" />
      ) : result.ok ? (
        <DiffResult
          diff={result.value}
          showSame={showSame}
          leftLabel={`#${left.index}`}
          rightLabel={`#${right.index}`}
        />
      ) : (
        <Banner tone="error" title="Could not compare" testId="har-diff-error">
          {result.error.message}
        </Banner>
      )}
    </section>
  )
}
