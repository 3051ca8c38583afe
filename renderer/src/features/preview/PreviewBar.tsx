import { useState, type KeyboardEvent } from 'react'
import type { CredentialSummary, EmulatorStatus } from '../../../../preload/contract'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { Segmented, segmentIds, type SegmentOption } from '../../ui/Segmented'
import { formatDuration, shortcutLabel, shortenMiddle } from '../../ui/format'
import { useNavigation } from '../../app/navigation'
import { parseSessionLength } from '../../shared/signing/signSettings'
import { DisplayPanel, DisplayToggle, useSharedSignSettings } from './PreviewDisplay'
import { type PreviewSettings, type PreviewSource } from './previewSettings'
import { TargetOptions } from '../../shared/signing/TargetOptions'
import { hostLabel } from '../../shared/signing/pathForm'

/** A failure to show in the bar: from signing (its code) or from checking the bar itself. */
export interface BarError {
  code: string
  message: string
  /** The control it is about: credentialId, sessionLength, path; highlighted. */
  field?: string
}

const sourceOptions: SegmentOption<PreviewSource>[] = [
  { value: 'emulator', label: 'Emulator', title: 'The local embed host' },
  { value: 'online', label: 'Online host', title: 'A real embed host from the emulator’s online hosts' }
]
const methodOptions: SegmentOption<PreviewSettings['method']>[] = [
  { value: 'url', label: 'URL', title: 'Signed URL: the embed path with :signature' },
  { value: 'jwt', label: 'JWT', title: 'JWT: the workbook URL with :jwt' }
]

interface PreviewBarProps {
  settings: PreviewSettings
  onChange: (patch: Partial<PreviewSettings>) => void
  emulator: EmulatorStatus | null
  credentials: readonly CredentialSummary[]
  pending: boolean
  error: BarError | null
  onDismissError: () => void
  onLoad: () => void
  /** "Load" or "Load 3 frames". */
  loadLabel: string
}

/** Where to load from, how to sign, and Load: the Preview's request bar. */
export function PreviewBar({
  settings,
  onChange,
  emulator,
  credentials,
  pending,
  error,
  onDismissError,
  onLoad,
  loadLabel
}: PreviewBarProps) {
  const { go } = useNavigation()
  const [sign, editSign] = useSharedSignSettings()
  const [displayOpen, setDisplayOpen] = useState(false)
  const invalid = (field: string) => (error?.field === field ? true : undefined)
  const hosts = emulator?.settings.onlineHosts ?? []
  const seconds = parseSessionLength(settings.sessionLength)
  const onEnter = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault()
      onLoad()
    }
  }

  return (
    <div className="preview-bar" data-testid="preview-bar">
      <div className="request-bar">
        <Segmented
          label="Load from"
          {...segmentIds('preview-source')}
          value={settings.source}
          options={sourceOptions}
          onChange={(source) => onChange({ source })}
        />
        {settings.source === 'emulator' ? (
          <select
            className="input select preview-target"
            value={settings.targetKey}
            onChange={(event) => onChange({ targetKey: event.target.value })}
            aria-label="What to embed"
            disabled={!emulator?.targets.length}
            data-testid="preview-target"
          >
            {!emulator?.targets.length ? (
              <option value="">{emulator ? 'The emulator is not running' : 'Reading the emulator…'}</option>
            ) : null}
            <TargetOptions targets={emulator?.targets ?? []} />
          </select>
        ) : (
          <>
            <select
              className="input select preview-host"
              value={settings.host}
              onChange={(event) => onChange({ host: event.target.value })}
              aria-label="Online host"
              disabled={!hosts.length}
              data-testid="preview-host"
            >
              {hosts.length ? null : <option value="">No online hosts yet</option>}
              {hosts.map((host) => (
                <option key={host} value={host}>
                  {hostLabel(host)}
                </option>
              ))}
            </select>
            <input
              className="input mono request-url"
              value={settings.onlinePath}
              onChange={(event) => onChange({ onlinePath: event.target.value })}
              onKeyDown={onEnter}
              placeholder={
                settings.method === 'url'
                  ? `${settings.host || 'https://host'}/embed/1-…`
                  : `${settings.host || 'https://host'}/{org}/workbook/{name}-{id}`
              }
              aria-label={settings.method === 'url' ? 'Embed path' : 'Workbook URL'}
              aria-invalid={invalid('path')}
              spellCheck={false}
              autoComplete="off"
              data-testid="preview-online-path"
            />
          </>
        )}
        <Segmented
          label="Signing method"
          {...segmentIds('preview-method')}
          value={settings.method}
          options={methodOptions}
          onChange={(method) => onChange({ method })}
        />
        <Button
          icon="play"
          variant="primary"
          className="request-bar-button"
          onClick={onLoad}
          disabled={pending}
          testId="preview-load"
          title={`${loadLabel} (${shortcutLabel('Enter')})`}
          shortcut={shortcutLabel('↵')}
        >
          {loadLabel}
        </Button>
      </div>

      <div className="preview-options">
        <label className="preview-inline-field">
          <span className="preview-inline-label">Credential</span>
          <select
            className="input input-sm select"
            value={settings.credentialId}
            onChange={(event) => onChange({ credentialId: event.target.value })}
            aria-invalid={invalid('credentialId')}
            data-testid="preview-credential"
          >
            {credentials.map((credential) => (
              <option key={credential.id} value={credential.id}>
                {credential.name} · {shortenMiddle(credential.clientId, 6, 4)}
              </option>
            ))}
          </select>
        </label>
        <label
          className="preview-inline-field"
          title={seconds ? `${formatDuration(seconds)} session` : 'Whole seconds'}
        >
          <span className="preview-inline-label">Session</span>
          <input
            className="input input-sm mono session-input"
            inputMode="numeric"
            value={settings.sessionLength}
            onChange={(event) => onChange({ sessionLength: event.target.value })}
            onKeyDown={onEnter}
            aria-invalid={invalid('sessionLength')}
            aria-label="Session length in seconds"
            autoComplete="off"
            data-testid="preview-session-length"
          />
          <span className="input-unit">s</span>
        </label>
        <label
          className="check inline-check"
          title="Adds :responsive_height; the frame takes the height the embed reports"
        >
          <input
            type="checkbox"
            checked={settings.responsiveHeight}
            onChange={(event) => onChange({ responsiveHeight: event.target.checked })}
            data-testid="preview-responsive-height"
          />
          <span>Responsive height</span>
        </label>
        <DisplayToggle settings={sign} open={displayOpen} onToggle={() => setDisplayOpen((open) => !open)} />
        <EmulatorState emulator={emulator} source={settings.source} onOpen={() => go('emulator')} />
      </div>

      {displayOpen ? <DisplayPanel settings={sign} method={settings.method} onChange={editSign} /> : null}

      {error ? (
        <Banner
          tone="error"
          className="preview-error"
          testId="preview-error"
          onDismiss={onDismissError}
          title={
            <>
              Could not load{' '}
              <code className="code-danger" data-testid="preview-error-code">
                {error.code}
              </code>
            </>
          }
        >
          {error.message}
          {!hosts.length && settings.source === 'online' ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => go('emulator')}>
                Add an online host on the Emulator screen
              </button>
              .
            </>
          ) : null}
        </Banner>
      ) : null}
    </div>
  )
}

/** The emulator's address and whether it runs (or the online host's note). */
function EmulatorState({
  emulator,
  source,
  onOpen
}: {
  emulator: EmulatorStatus | null
  source: PreviewSource
  onOpen: () => void
}) {
  if (source === 'online') {
    return (
      <span
        className="preview-emulator-state"
        data-testid="preview-emulator-status"
        data-state="online"
        title="The host’s own frame-ancestors policy must allow this app"
      >
        <span className="preview-state-dot is-online" aria-hidden="true" />
        Framed from the host itself
      </span>
    )
  }
  const running = emulator?.running ?? false
  return (
    <button
      type="button"
      className="preview-emulator-state preview-emulator-state-button"
      onClick={onOpen}
      title={emulator?.problem ?? 'Open the Emulator screen'}
      data-testid="preview-emulator-status"
      data-state={!emulator ? 'unknown' : running ? 'running' : 'stopped'}
    >
      <span
        className={`preview-state-dot${running ? ' is-running' : emulator ? ' is-stopped' : ''}`}
        aria-hidden="true"
      />
      {!emulator ? (
        'Emulator…'
      ) : running ? (
        <>
          Emulator <code>{emulator.baseUrl}</code>
          {emulator.problem ? <span className="preview-state-note">· port changed</span> : null}
        </>
      ) : (
        <span className="preview-state-problem truncate">{emulator.problem ?? 'The emulator is not running.'}</span>
      )}
    </button>
  )
}
