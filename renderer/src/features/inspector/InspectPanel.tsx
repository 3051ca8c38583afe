import { useState } from 'react'
import type { EmulatorRequest, Finding, Inspection } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { FindingList, findingSummary } from '../../ui/FindingList'
import { ResultSection } from '../../ui/ResultSection'
import { Icon } from '../../ui/Icon'
import { Spinner } from '../../ui/Spinner'
import { isModKey, useGlobalKeyDown } from '../../ui/useGlobalKeyDown'
import { formatDateTimeLong, formatSize, formatUnixTime, shortcutLabel } from '../../ui/format'
import { useVault } from '../../app/vault-context'
import { BigTextArea } from '../../ui/BigTextArea'
import { InspectParamTable } from '../../shared/inspection/InspectParamTable'
import { JwtView } from '../../shared/inspection/JwtView'
import { SignatureBadge } from '../../shared/inspection/SignatureBadge'
import { ResignPanel } from './ResignPanel'
import { MigratePanel } from './MigratePanel'
import { PassphraseInput } from '../../ui/PassphraseInput'
import { NowControl } from './NowControl'
import { clip } from '../../shared/inspection/text'
import { debounceFor, useDebouncedRun, useLatestCall } from '../../shared/inspection/useLatestCall'

const methodLabel: Record<Inspection['method'], string> = { url: 'Signed URL', jwt: 'JWT', unknown: 'Not recognised' }

interface InspectPanelProps {
  input: string
  /** The emulator request the input is (from its log): its verdict is shown, not a new inspection. */
  request: number | null
  onInput: (input: string) => void
}

export function InspectPanel({ input, request: requestId, onInput }: InspectPanelProps) {
  const { noticeFailure } = useVault()
  const [nowAt, setNowAt] = useState<number | null>(null)
  // Typed for this inspection only: sent with each inspect call, never stored or kept.
  const [secret, setSecret] = useState('')
  const [inspection, setInspection] = useState<Inspection | null>(null)
  /** The text the inspection shown is of (the input may have moved on since). */
  const [inspectedInput, setInspectedInput] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [highlight, setHighlight] = useState<Finding | null>(null)
  const [judged, setJudged] = useState<EmulatorRequest | null>(null)
  const { pending, start, settle, cancel } = useLatestCall()
  const inspect = async () => {
    if (!input.trim()) {
      cancel()
      setInspection(null)
      setError(null)
      return
    }
    const request = start()
    const result =
      requestId !== null
        ? await call(() => workbench.openEmulatorRequest({ id: requestId }))
        : await call(() =>
            workbench.inspectEmbed({
              input,
              ...(nowAt === null ? {} : { now: nowAt }),
              ...(secret ? { secret } : {})
            })
          )
    if (!settle(request)) return
    if (result.ok) {
      const opened = 'request' in result.value ? result.value : null
      setInspection(opened ? opened.inspection : (result.value as Inspection))
      setInspectedInput(input)
      setJudged(opened ? opened.request : null)
      setError(null)
      setHighlight(null)
    } else {
      setError(result.error.message)
      noticeFailure(result.error.code)
    }
  }

  // A request from the emulator's log is judged already: its id stands for the clock.
  const atOnce = useDebouncedRun(
    () => void inspect(),
    [input, requestId === null ? `${nowAt} ${secret}` : `request ${requestId}`],
    debounceFor(input.length)
  )

  useGlobalKeyDown((event) => {
    if (isModKey(event) && event.key === 'Enter') {
      event.preventDefault()
      void inspect()
    }
  })

  return (
    <div className="inspect-panel">
      <div className="inspect-input">
        <label className="visually-hidden" htmlFor="inspect-input">
          Embed URL or JWT to inspect
        </label>
        <BigTextArea
          id="inspect-input"
          className="input textarea mono inspector-big-input"
          value={input}
          rows={5}
          spellCheck={false}
          autoComplete="off"
          placeholder="Paste a signed embed URL, a JWT embed URL or a bare JWT"
          onPaste={atOnce}
          onChange={onInput}
          data-testid="inspect-input"
          autoFocus={!input}
        />
        <div className="inspector-toolbar">
          <Button
            icon="search"
            variant="primary"
            onClick={() => void inspect()}
            testId="inspect-button"
            title={`Inspect (${shortcutLabel('Enter')})`}
            shortcut={shortcutLabel('↵')}
          >
            Inspect
          </Button>
          {input ? (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                onInput('')
                document.getElementById('inspect-input')?.focus()
              }}
              data-testid="inspect-clear"
            >
              Clear
            </button>
          ) : null}
          {input.length > 100_000 ? (
            <span
              className="inspector-input-size"
              data-testid="inspect-input-size"
              title="Large pastes are inspected on paste, on Inspect, and after a longer pause in typing."
            >
              {formatSize(input.length)}
            </span>
          ) : null}
          <label className="inspector-secret" title="Checked for this inspection only: never stored, never sent back">
            <span className="inspector-secret-label">Secret</span>
            <PassphraseInput
              className="input-sm mono"
              value={secret}
              onChange={(event) => setSecret(event.target.value)}
              placeholder="optional, this inspection only"
              aria-label="Embed secret to check the signature with (this inspection only, never stored)"
              data-testid="inspect-secret"
            />
          </label>
          <NowControl value={nowAt} onChange={setNowAt} />
          {pending ? <Spinner label="Inspecting…" /> : null}
        </div>
      </div>

      {error ? (
        <Banner tone="error" title="Could not inspect" testId="inspect-error">
          {error}
        </Banner>
      ) : null}

      {inspection && input.trim() ? (
        <div className={`inspector-result${pending ? ' is-pending' : ''}`} data-testid="inspect-result">
          {judged && requestId === judged.id ? <JudgedBanner request={judged} /> : null}
          <div className="result-bar">
            <div className="result-meta">
              <span className="badge badge-outline" data-testid="inspect-method" data-method={inspection.method}>
                {methodLabel[inspection.method]}
              </span>
              <SignatureBadge inspection={inspection} />
              <span className="result-summary" data-testid="inspect-summary">
                {findingSummary(inspection.findings)}
              </span>
            </div>
            <span className="inspector-now-used" data-testid="inspect-now-used" data-now={inspection.now}>
              <Icon name="clock" size={12} />
              as of {formatUnixTime(inspection.now)}
              {nowAt === null ? null : <span className="badge badge-warning inspector-now-travel">time travel</span>}
            </span>
          </div>

          {inspection.findings.length ? (
            <ResultSection
              level={2}
              title="Findings"
              meta={
                inspection.findings.some(
                  (finding) => finding.param && inspection.params.some((param) => param.name === finding.param)
                )
                  ? 'Click a finding to find its parameter below'
                  : null
              }
            >
              <FindingList findings={inspection.findings} selected={highlight} onSelect={setHighlight} />
            </ResultSection>
          ) : null}

          {inspection.ruledOut.length ? (
            <details className="disclosure inspector-ruled-out" data-testid="ruled-out">
              <summary>
                <Icon name="chevron" size={13} className="disclosure-chevron" />
                Ruled out
                <span className="disclosure-meta">
                  {inspection.ruledOut.length} {inspection.ruledOut.length === 1 ? 'cause' : 'causes'} checked and
                  excluded
                </span>
              </summary>
              <ul className="inspector-ruled-out-list">
                {inspection.ruledOut.map((line, index) => (
                  <li key={index}>{clip(line, 1000)}</li>
                ))}
              </ul>
            </details>
          ) : null}

          {inspection.jwt ? (
            <ResultSection level={2} title="Token" meta="header · payload · signature">
              <JwtView jwt={inspection.jwt} />
            </ResultSection>
          ) : null}

          {inspection.method !== 'unknown' && requestId === null && inspectedInput === input ? (
            <details className="disclosure inspector-resign-disclosure" data-testid="resign">
              <summary>
                <Icon name="chevron" size={13} className="disclosure-chevron" />
                Edit and re-sign
                <span className="disclosure-meta">change a parameter or claim, sign it again</span>
              </summary>
              <ResignPanel key={input} input={input} inspection={inspection} secret={secret} onResigned={onInput} />
            </details>
          ) : null}

          {inspection.method === 'url' && requestId === null && inspectedInput === input ? (
            <details className="disclosure inspector-resign-disclosure" data-testid="migrate">
              <summary>
                <Icon name="chevron" size={13} className="disclosure-chevron" />
                Migrate to JWT
                <span className="disclosure-meta">the same user and options as a JWT URL, proven by the emulator</span>
              </summary>
              <MigratePanel key={input} input={input} secret={secret} />
            </details>
          ) : null}

          {inspection.params.length ? (
            <ResultSection level={2} title="Parameters" meta={`${inspection.params.length}`}>
              <InspectParamTable params={inspection.params} highlight={highlight?.param ?? null} now={inspection.now} />
            </ResultSection>
          ) : null}
        </div>
      ) : !input.trim() ? (
        <div className="result-placeholder muted" data-testid="inspect-empty">
          <Icon name="search" size={16} />
          <span>
            Paste an embed URL from an iframe <code>src</code>, a log line or the embed API’s response. The inspector
            checks the signature against your credentials, every parameter and claim, the times and the encoding, and
            says how to fix what is wrong.
          </span>
        </div>
      ) : null}
    </div>
  )
}

/** Whose verdict this is: an emulator request's, as it was judged then (not as it would be now). */
function JudgedBanner({ request }: { request: EmulatorRequest }) {
  return (
    <Banner tone="info" testId="inspect-judged" className="inspector-judged">
      Emulator request #{request.id} at {formatDateTimeLong(request.at)}:{' '}
      <strong>
        {request.status} {request.verdict}
      </strong>
      {request.message ? ` (${request.message}${request.hostCode ? `, ${request.hostCode}` : ''})` : ''}. These are the
      emulator’s findings at that moment; the signature is redacted. Edit the URL to inspect it as it stands now.
    </Banner>
  )
}
