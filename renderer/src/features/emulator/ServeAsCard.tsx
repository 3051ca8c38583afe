import { useState } from 'react'
import type { EmulatorStatus, Result } from '../../../../preload/contract'
import { call, workbench } from '../../app/bridge'
import { Button } from '../../ui/Button'
import type { ApplyEmulator } from '../../shared/emulator/useEmulator'
import { NumberSetting } from '../../shared/emulator/EmulatorSettingsFields'
import { Card } from '../../ui/Card'
import { CopyButton } from '../../ui/CopyButton'
import { OriginListSetting } from './OriginListSetting'

/**
 * The emulator standing in for the real host: which vendor origins it answers as (a TLS front,
 * certified by the app's local CA), which parent pages may frame it, and how a browser reaches it
 * without a hosts-file edit or a change to the system's trust store.
 */
export function ServeAsCard({ status, apply }: { status: EmulatorStatus; apply: ApplyEmulator }) {
  const { front, settings } = status
  return (
    <Card
      title="Serve as the real host"
      description="For a customer's unchanged parent app and the vendor's SDK: the emulator answers as the vendor's host names over TLS, with a certificate from a local CA kept in the vault."
      testId="emulator-serve-as"
    >
      <div className="emulator-serve-as">
        <div className="emulator-serve-as-fields">
          <OriginListSetting
            field="serveAs"
            origins={settings.serveAs}
            apply={apply}
            id="emulator-serve-as-origins"
            label="Answer as"
            hint="Vendor host origins, one a line, e.g. https://app.sigmacomputing.com. URLs and JWTs signed for them verify as addressed."
            placeholder="https://app.sigmacomputing.com"
            saveLabel="Save"
          />
          <NumberSetting
            id="emulator-tls-port"
            name="tlsPort"
            label="TLS port"
            testId="emulator-tls-port"
            value={settings.tlsPort}
            min={0}
            max={65535}
            hint={() => 'Where the TLS front listens on 127.0.0.1 (0 picks a free port).'}
            onCommit={(tlsPort) => apply(() => workbench.updateEmulatorSettings({ tlsPort }))}
          />
          <OriginListSetting
            field="allowedParents"
            origins={settings.allowedParents}
            apply={apply}
            id="emulator-allowed-parents"
            label="Allowed parents"
            hint="Parent app origins that may frame the workbook, besides this app and loopback (any port). A frame load from any other parent is refused before its nonce or jti is used."
            placeholder="http://customer-staging.test:3000"
            saveLabel="Save parents"
          />
        </div>
        {front ? (
          <dl className="emulator-front" data-testid="emulator-front">
            <dt>Answering as</dt>
            <dd>
              {front.origins.map((o) => (
                <code key={o} className="chip chip-sm">
                  {o}
                </code>
              ))}{' '}
              <span className="cell-secondary">on 127.0.0.1:{front.port}</span>
            </dd>
            <dt>Local CA</dt>
            <dd className="emulator-front-copy">
              <code className="truncate" title={front.caPath} data-testid="emulator-ca-path">
                {front.caPath}
              </code>
              <CopyButton value={front.caPath} label="Copy the CA certificate's path" />
            </dd>
            <dt>CA SPKI SHA-256</dt>
            <dd className="emulator-front-copy">
              <code data-testid="emulator-ca-spki">{front.caSpki}</code>
              <CopyButton value={front.caSpki} label="Copy the CA's SPKI hash" />
            </dd>
            <dt>Chromium or Chrome</dt>
            <dd className="emulator-front-copy">
              <code className="emulator-front-command" data-testid="emulator-chromium-command">
                {front.chromiumCommand}
              </code>
              <CopyButton
                value={front.chromiumCommand}
                label="Copy the command that starts a browser routed to the emulator"
                testId="copy-chromium-command"
              />
            </dd>
            <dt>Parent app</dt>
            <dd>
              <IsolatedBrowserForm />
            </dd>
          </dl>
        ) : (
          <p className="emulator-front-off" data-testid="emulator-front-off">
            {settings.serveAs.length
              ? 'Not answering as the real host yet: see the status above.'
              : 'Off: add an origin to answer as, e.g. https://app.sigmacomputing.com.'}
          </p>
        )}
      </div>
    </Card>
  )
}

/** The customer's parent app in a local Chromium or Chrome routed to the emulator, with a throwaway profile. */
function IsolatedBrowserForm() {
  const [url, setUrl] = useState('http://localhost:3000')
  const [pending, setPending] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  /** Runs one of the two ways to open the parent app and says what happened, where the user looks. */
  const run = async <T,>(invoke: () => Promise<Result<T>>, done: (value: T) => string) => {
    setPending(true)
    const answer = await call(invoke)
    setPending(false)
    setResult(answer.ok ? { ok: true, text: done(answer.value) } : { ok: false, text: answer.error.message })
  }
  const open = () =>
    run(
      () => workbench.openIsolatedBrowser({ url }),
      (v) => `Started ${v.browser} with a throwaway profile (${v.profile}).`
    )
  const openHere = () =>
    run(
      () => workbench.openCustomerApp({ url }),
      (v) =>
        `Opened ${v.url} in a window of its own; it may frame the workbook, and its messages show in Preview > Events.`
    )
  return (
    <form
      className="emulator-isolated"
      onSubmit={(event) => {
        event.preventDefault()
        void open()
      }}
    >
      <div className="emulator-isolated-row">
        <input
          className="input input-sm mono"
          value={url}
          onChange={(event) => {
            setUrl(event.target.value)
            setResult(null)
          }}
          aria-label="The parent app's address"
          aria-invalid={result?.ok === false}
          aria-describedby="emulator-isolated-result"
          spellCheck={false}
          data-testid="isolated-browser-url"
        />
        <Button type="submit" size="sm" icon="play" disabled={pending || !url.trim()} testId="isolated-browser-open">
          {pending ? 'Starting…' : 'Open in an isolated browser'}
        </Button>
        <Button
          size="sm"
          icon="frame"
          disabled={pending || !url.trim()}
          testId="customer-app-open"
          title="Desktop app: a window with a session of its own, where the served host names are answered by the emulator"
          onClick={() => void openHere()}
        >
          In a window here
        </Button>
      </div>
      {result ? (
        <p
          id="emulator-isolated-result"
          className={result.ok ? 'emulator-isolated-ok' : 'field-error'}
          role={result.ok ? 'status' : 'alert'}
          data-testid="isolated-browser-result"
        >
          {result.text}
        </p>
      ) : null}
    </form>
  )
}
