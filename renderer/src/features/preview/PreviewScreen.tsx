import { useCallback, useEffect, useRef, useState } from 'react'
import type { Persona } from '../../../../preload/contract'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { PersonaTabs, personaStep } from '../../ui/PersonaTabs'
import { tabId, tabPanelId } from '../../ui/TabList'
import { Popover } from '../../ui/Popover'
import { Screen } from '../../ui/ScreenHeader'
import { isModKey, useGlobalKeyDown } from '../../ui/useGlobalKeyDown'
import { useNavigation } from '../../app/navigation'
import { ClockSettings, TimeTravelPill } from '../../shared/emulator/EmulatorSettingsFields'
import { RequestLog } from '../../shared/emulator/RequestLog'
import { useEmulatorRequests, useEmulatorStatus } from '../../shared/emulator/useEmulator'
import { SigningGate } from '../../shared/signing/SigningGate'
import { useSigningInputs } from '../../shared/signing/useSigningInputs'
import { EventConsole } from './EventConsole'
import { PreviewBar } from './PreviewBar'
import { PreviewPanel, Splitter } from './PreviewPanel'
import { FrameOf, LoadHint, MatrixGrid, MatrixPicker, StagePlaceholder } from './PreviewStage'
import { MATRIX_MAX, readPreviewSettings, writePreviewSettings, type PreviewSettings } from './previewSettings'
import { takePreviewHandoff } from '../../shared/signing/previewHandoff'
import { originOf, targetFor, targetKey } from '../../shared/signing/pathForm'
import { readTarget, rememberSelection, rememberTarget, withSelection } from '../../shared/signing/selection'
import { SendEventForm } from './SendEventForm'
import { UrlPanel, type PreviewUrl } from './UrlPanel'
import { useFrameMessages } from './useFrameMessages'
import { prepareLoad, usePreviewLoads, type Load } from './usePreviewLoads'
import './event-console.css'
import './preview.css'
import './preview-panel.css'

const TABS_ID = 'preview-persona'

export function PreviewScreen() {
  const { openInInspector } = useNavigation()
  const [settings, setSettings] = useState<PreviewSettings>(() => {
    const opened = withSelection(readPreviewSettings())
    const target = readTarget()
    return target ? { ...opened, targetKey: target } : opened
  })
  const edit = useCallback(
    (patch: Partial<PreviewSettings>) => setSettings((current) => ({ ...current, ...patch })),
    []
  )
  useEffect(() => writePreviewSettings(settings), [settings])
  // The credential and persona chosen here are what Sign opens with too.
  const { credentialId, personaId } = settings
  useEffect(() => {
    if (credentialId || personaId) rememberSelection({ credentialId, personaId })
  }, [credentialId, personaId])
  // And the target: what is embedded here is what Sign's path points at.
  const chosenTarget = settings.source === 'emulator' ? settings.targetKey : ''
  useEffect(() => {
    if (chosenTarget) rememberTarget(chosenTarget)
  }, [chosenTarget])

  const inputs = useSigningInputs(setSettings)
  const { personas, active, load: loadInputs } = inputs
  useEffect(() => {
    void loadInputs()
  }, [loadInputs])

  const emulator = useEmulatorStatus()
  const status = emulator.status
  const requestLog = useEmulatorRequests(true, status?.baseUrl ?? null)
  const messages = useFrameMessages()
  const reloadInputs = useCallback(() => void loadInputs(), [loadInputs])
  const loads = usePreviewLoads(active, reloadInputs)
  const [clockOpen, setClockOpen] = useState(false)
  /** A frame the app's own CSP refused (its frame-src is fixed when the app page loads). */
  const [blocked, setBlocked] = useState<string | null>(null)

  // The stored online host must still be one of the emulator's online hosts (corrected while
  // rendering, so no render offers a host the emulator no longer has).
  const hosts = status?.settings.onlineHosts
  if (hosts && !hosts.includes(settings.host) && settings.host !== (hosts[0] ?? '')) edit({ host: hosts[0] ?? '' })

  useEffect(() => {
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.effectiveDirective === 'frame-src' || event.violatedDirective.startsWith('frame-src'))
        setBlocked(event.blockedURI || 'that origin')
    }
    document.addEventListener('securitypolicyviolation', onViolation)
    return () => document.removeEventListener('securitypolicyviolation', onViolation)
  }, [])

  const byId = (id: string) => personas?.find((persona) => persona.id === id)
  // In the personas' order, so the matrix keeps its columns however they were picked.
  const matrixIds = (personas ?? []).map((persona) => persona.id).filter((id) => settings.matrixIds.includes(id))

  /** The bar's request, once pending emulator settings (time travel) have been applied. */
  const prepared = async () => {
    await emulator.settled()
    setBlocked(null)
    // Loaded before the emulator's status was read (right after opening the screen): read it now.
    return prepareLoad(settings, status ?? (await emulator.reload()))
  }
  const loadPersona = async (persona: Persona) => loads.loadSingle(persona, await prepared())
  const loadMatrix = async (chosen: readonly Persona[]) => loads.loadMatrix(chosen, await prepared())

  const load = () => {
    if (!personas?.length) return
    if (settings.matrix) {
      const chosen = matrixIds.map(byId).filter((persona): persona is Persona => !!persona)
      if (chosen.length < 2)
        loads.setError({ code: 'MATRIX', message: `Pick 2 to ${MATRIX_MAX} personas to see side by side.` })
      else void loadMatrix(chosen)
      return
    }
    const persona = byId(settings.personaId) ?? personas[0]
    if (persona) void loadPersona(persona)
  }

  // "Load in Preview" from Sign: the same target, credential, method and persona (applied while
  // rendering, once the emulator's targets are known), then loaded once by the effect below. A
  // path that is not one of the emulator's targets is loaded from its online host.
  const [handoff, setHandoff] = useState(takePreviewHandoff)
  const [loadTicket, setLoadTicket] = useState(0)
  const ticketsDone = useRef(0)
  if (handoff && status && personas?.length) {
    const target = targetFor(handoff.embedPath, status.targets)
    const origin = originOf(handoff.embedPath)
    setHandoff(null)
    edit({
      method: handoff.method,
      credentialId: handoff.credentialId,
      personaId: handoff.personaId,
      matrix: false,
      ...(target
        ? { source: 'emulator' as const, targetKey: targetKey(target) }
        : origin && status.settings.onlineHosts.includes(origin)
          ? { source: 'online' as const, host: origin, onlinePath: handoff.embedPath }
          : {})
    })
    setLoadTicket((ticket) => ticket + 1)
  }
  useEffect(() => {
    if (loadTicket <= ticketsDone.current) return
    ticketsDone.current = loadTicket
    load()
  })

  const selectPersona = (id: string) => {
    edit({ personaId: id })
    const persona = byId(id)
    if (persona) void loadPersona(persona)
  }

  const toggleMatrix = () => {
    if (!personas) return
    // A frame is never shown again with a URL it already used: switching mode signs anew.
    loads.reset()
    if (settings.matrix) {
      edit({ matrix: false })
      const persona = byId(settings.personaId)
      if (persona) void loadPersona(persona)
      return
    }
    const ids =
      matrixIds.length >= 2
        ? matrixIds
        : [settings.personaId, ...personas.map((persona) => persona.id)]
            .filter((id, index, all) => byId(id) && all.indexOf(id) === index)
            .slice(0, 2)
    edit({ matrix: true, matrixIds: ids })
    const chosen = ids.map(byId).filter((persona): persona is Persona => !!persona)
    if (chosen.length >= 2) void loadMatrix(chosen)
  }

  const toggleMatrixPersona = (id: string, on: boolean) => {
    const ids = on ? [...matrixIds, id].slice(0, MATRIX_MAX) : matrixIds.filter((other) => other !== id)
    edit({ matrixIds: ids })
    loads.keepMatrix(ids)
    const persona = byId(id)
    if (on && persona) void loadMatrix([persona])
  }

  useGlobalKeyDown((event) => {
    if (!isModKey(event) || !personas?.length || !active.length) return
    if (event.key === 'Enter') {
      event.preventDefault()
      load()
      return
    }
    if (settings.matrix) return
    const next = personaStep(event, personas, settings.personaId, TABS_ID)
    if (next) selectPersona(next.id)
  })

  const shownLoads: Load[] = settings.matrix
    ? matrixIds.map((id) => loads.matrix[id]).filter((load): load is Load => !!load)
    : loads.single
      ? [loads.single]
      : []
  const urls: PreviewUrl[] = shownLoads.map((load) => {
    const fresh = loads.fresh[load.key]
    return {
      key: load.key,
      personaName: load.persona.name,
      credentialName: load.credentialName,
      signed: fresh ?? load.signed,
      used: !fresh
    }
  })
  const matrixToggle = (
    <Button
      size="sm"
      icon="columns"
      variant={settings.matrix ? 'primary' : 'default'}
      className="preview-matrix-toggle"
      onClick={toggleMatrix}
      aria-pressed={settings.matrix}
      disabled={!personas || personas.length < 2}
      title={
        personas && personas.length < 2
          ? 'The matrix needs at least two personas'
          : 'Personas side by side, each in its own frame'
      }
      testId="preview-matrix-toggle"
    >
      Matrix
    </Button>
  )
  const refused = requestLog.requests.filter((request) => request.verdict !== 'allowed').length

  return (
    <Screen
      testId="preview-screen"
      className="preview-screen"
      title="Preview"
      subtitle="Load signed embeds in a sandboxed frame; watch their events and the host’s verdicts."
      actions={
        <>
          {status ? (
            <TimeTravelPill offset={status.settings.timeOffsetSeconds} onClick={() => setClockOpen(true)} />
          ) : null}
          <Popover
            open={clockOpen}
            onClose={() => setClockOpen(false)}
            label="Emulator clock"
            testId="emulator-clock-popover"
            trigger={
              <Button
                icon="clock"
                onClick={() => setClockOpen((open) => !open)}
                aria-expanded={clockOpen}
                disabled={!status}
                testId="preview-clock-button"
              >
                Emulator clock
              </Button>
            }
          >
            <div className="preview-popover-head">
              <span className="preview-popover-title">Emulator clock</span>
              <span className="preview-popover-hint">Applies to the next load</span>
            </div>
            {status ? (
              <ClockSettings settings={status.settings} apply={emulator.apply} idPrefix="preview-clock" compact />
            ) : null}
          </Popover>
          <Button
            icon="panelRight"
            variant="ghost"
            className="preview-btn-icon-md"
            onClick={() => edit({ panelOpen: !settings.panelOpen })}
            aria-pressed={settings.panelOpen}
            aria-label={settings.panelOpen ? 'Hide the side panel' : 'Show the side panel'}
            title={settings.panelOpen ? 'Hide the side panel' : 'Show the side panel'}
            testId="preview-panel-toggle"
          />
        </>
      }
    >
      <SigningGate inputs={inputs} testIdPrefix="preview">
        {(_credentials, personaList) => (
          <div className="preview-body">
            <div className="preview-top">
              <PreviewBar
                settings={settings}
                onChange={(patch) => {
                  edit(patch)
                  if (
                    loads.error?.field &&
                    Object.keys(patch).some(
                      (key) => key === loads.error?.field || (key === 'onlinePath' && loads.error?.field === 'path')
                    )
                  )
                    loads.setError(null)
                }}
                emulator={status}
                credentials={active}
                pending={loads.pending}
                error={loads.error}
                onDismissError={() => loads.setError(null)}
                onLoad={load}
                loadLabel={settings.matrix ? 'Load all' : 'Load'}
              />
              {settings.matrix ? (
                <MatrixPicker
                  personas={personaList}
                  selected={matrixIds}
                  onToggle={toggleMatrixPersona}
                  extra={matrixToggle}
                />
              ) : (
                <PersonaTabs
                  idPrefix={TABS_ID}
                  personas={personaList}
                  selected={settings.personaId}
                  onSelect={selectPersona}
                  extra={matrixToggle}
                />
              )}
            </div>
            <div className="preview-work">
              {/* The persona tabs' panel (in the matrix, the personas are checkboxes, not tabs). */}
              <div
                className="preview-stage"
                aria-busy={loads.pending}
                id={settings.matrix ? undefined : tabPanelId(TABS_ID)}
                role={settings.matrix ? undefined : 'tabpanel'}
                aria-labelledby={
                  !settings.matrix &&
                  settings.personaId &&
                  personaList.some((persona) => persona.id === settings.personaId)
                    ? tabId(TABS_ID, settings.personaId)
                    : undefined
                }
              >
                {blocked ? (
                  <Banner
                    tone="error"
                    title="The app’s security policy blocked the frame"
                    testId="frame-blocked"
                    onDismiss={() => setBlocked(null)}
                    className="preview-stage-banner"
                  >
                    Frames may come only from the origins allowed when the app loaded ({blocked} was not). After
                    changing the emulator’s port or the online hosts, reload the app window.
                  </Banner>
                ) : null}
                {settings.matrix ? (
                  <MatrixGrid
                    personas={personaList}
                    selected={matrixIds}
                    loads={loads.matrix}
                    messages={messages}
                    onReload={(persona) => void loadMatrix([persona])}
                    pending={loads.pending}
                  />
                ) : loads.single ? (
                  <FrameOf
                    load={loads.single}
                    messages={messages}
                    testId="preview-frame"
                    onReload={load}
                    detail={loads.single.request.targetLabel}
                  />
                ) : (
                  <StagePlaceholder>{loads.pending ? 'Signing…' : <LoadHint />}</StagePlaceholder>
                )}
              </div>
              {settings.panelOpen ? (
                <>
                  <Splitter width={settings.panelWidth} onResize={(panelWidth) => edit({ panelWidth })} />
                  <div className="preview-side" style={{ width: settings.panelWidth }}>
                    <PreviewPanel
                      tab={settings.panelTab}
                      onTab={(panelTab) => edit({ panelTab })}
                      counts={{
                        events: messages.messageCount,
                        errors: messages.errorCount,
                        requests: requestLog.requests.length,
                        refused
                      }}
                      panels={{
                        events: (
                          <>
                            <EventConsole
                              entries={messages.entries}
                              ignored={messages.ignored}
                              onClear={messages.clear}
                              showFrame={settings.matrix || messages.fromCustomerApp}
                              visible={settings.panelTab === 'events'}
                            />
                            <SendEventForm targets={messages.targets} onSend={messages.send} />
                          </>
                        ),
                        requests: (
                          <RequestLog
                            requests={requestLog.requests}
                            error={requestLog.error}
                            onClear={requestLog.clear}
                            visible={settings.panelTab === 'requests'}
                            baseUrl={status?.baseUrl ?? null}
                          />
                        ),
                        url: (
                          <UrlPanel
                            urls={urls}
                            freshPending={loads.freshPending}
                            onFresh={(key) => {
                              const load = shownLoads.find((candidate) => candidate.key === key)
                              if (load) void loads.signFresh(load)
                            }}
                            onOpenInInspector={openInInspector}
                          />
                        )
                      }}
                    />
                  </div>
                </>
              ) : null}
            </div>
          </div>
        )}
      </SigningGate>
    </Screen>
  )
}
