import type { EmulatorStatus } from '../../../../preload/contract'
import { workbench } from '../../app/bridge'
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
