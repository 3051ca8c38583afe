import { useState } from 'react'
import type { EmulatorStatus } from '../../../../preload/contract'
import { MAX_EMBED_USERS } from '../../../../preload/contract/constants'
import { workbench } from '../../app/bridge'
import { Banner } from '../../ui/Banner'
import { Button } from '../../ui/Button'
import { ConfirmDialog } from '../../ui/ConfirmDialog'
import { CopyButton } from '../../ui/CopyButton'
import { LoadErrorBanner } from '../../ui/LoadErrorBanner'
import { Screen } from '../../ui/ScreenHeader'
import { Spinner } from '../../ui/Spinner'
import { useVault } from '../../app/vault-context'
import {
  AutoCreateUsersSwitch,
  ClockSettings,
  LicenseModelSelect,
  NumberSetting,
  StrictParametersSwitch,
  TimeTravelPill
} from '../../shared/emulator/EmulatorSettingsFields'
import { OriginListSetting } from './OriginListSetting'
import { ServeAsCard } from './ServeAsCard'
import { AccountTypesTable } from './AccountTypesTable'
import { EmbedPathsTable, PeopleTable, TeamsTable, WorkbooksTable } from './OrgTables'
import { VersionTagsTable } from './VersionTagsTable'
import { RequestLog } from '../../shared/emulator/RequestLog'
import { useEmulatorRequests, useEmulatorStatus, type ApplyEmulator } from '../../shared/emulator/useEmulator'
import { Card } from '../../ui/Card'
import './emulator.css'

export function EmulatorScreen() {
  const { noticeFailure } = useVault()
  const { status, error, reload, apply, accept } = useEmulatorStatus()
  const log = useEmulatorRequests(true, status?.baseUrl ?? null)
  const [confirmReset, setConfirmReset] = useState(false)

  return (
    <Screen
      testId="emulator-screen"
      title="Emulator"
      subtitle="The local embed host: its org, who has signed in, how it judges time, and every request it answered."
      actions={
        status ? (
          <>
            <TimeTravelPill offset={status.settings.timeOffsetSeconds} />
            <Button icon="refresh" variant="danger" onClick={() => setConfirmReset(true)} testId="emulator-reset">
              Reset org
            </Button>
          </>
        ) : null
      }
    >
      <div className="screen-body emulator-body">
        {error ? (
          <LoadErrorBanner
            title="Could not read the emulator"
            message={error}
            onRetry={() => void reload()}
            testId="emulator-load-error"
          />
        ) : null}
        {!status ? (
          error ? null : (
            <Spinner label="Reading the emulator…" />
          )
        ) : (
          <>
            <div className="card-grid emulator-card-grid-status">
              <StatusCard status={status} apply={apply} />
              <Card
                title="Clock and rules"
                description="How the emulator judges :time and expiry, disputed parameters and users it does not know."
                testId="emulator-clock"
              >
                <div className="emulator-clock-fields">
                  <ClockSettings settings={status.settings} apply={apply} idPrefix="emulator" />
                  <StrictParametersSwitch settings={status.settings} apply={apply} />
                  <AutoCreateUsersSwitch settings={status.settings} apply={apply} />
                </div>
              </Card>
            </div>

            <Card
              title="Embed paths"
              meta={`${status.targets.length}`}
              description="Sign these in the Sign screen, or point a customer’s embed API at them."
              testId="emulator-paths"
              flush
            >
              {status.targets.length ? (
                <EmbedPathsTable targets={status.targets} />
              ) : (
                <div className="emulator-card-empty">
                  The emulator is not running, so it has no address to embed from.
                </div>
              )}
            </Card>

            <ServeAsCard status={status} apply={apply} />

            <div className="card-grid">
              <Card
                title="Teams"
                meta={`${status.teams.length}`}
                description="A persona’s :external_user_team must name one of these."
                testId="emulator-teams"
                flush
              >
                <TeamsTable status={status} apply={apply} />
              </Card>
              <Card
                title="Account types"
                meta={`${status.defaultAccountTypes.length + status.accountTypes.length}`}
                description="The license model's defaults and the org's custom types; any other :account_type is refused."
                testId="emulator-account-types"
                flush
              >
                <LicenseModelSelect settings={status.settings} apply={apply} />
                <AccountTypesTable
                  accountTypes={status.accountTypes}
                  defaults={status.defaultAccountTypes}
                  apply={apply}
                />
              </Card>
            </div>

            <Card
              title="Workbooks"
              meta={`${status.workbooks.length}`}
              description="The workbook opens only for users in a team it is shared with; the level caps what they may do."
              testId="emulator-workbooks"
              flush
            >
              <WorkbooksTable status={status} apply={apply} />
            </Card>

            <Card
              title="Version tags"
              meta={`${status.workbooks.reduce((n, w) => n + w.tags.length, 0)}`}
              description="A URL ending in /tag/{name} opens the version the tag points at; without a tag, the newest version opens."
              testId="emulator-tags"
              flush
            >
              <VersionTagsTable status={status} apply={apply} />
            </Card>

            <Card
              title="People"
              meta={`${status.people.length}`}
              description={`Embed users appear on their first successful access, listed as “Embed User”. A deactivated user is refused. The emulator keeps the ${MAX_EMBED_USERS.toLocaleString('en-US')} embed users seen most recently: older ones are dropped.`}
              testId="emulator-people"
              flush
            >
              <PeopleTable people={status.people} apply={apply} />
            </Card>

            <Card title="Requests" meta="newest at the bottom" testId="emulator-requests" flush>
              <div className="emulator-log">
                <RequestLog requests={log.requests} error={log.error} onClear={log.clear} baseUrl={status.baseUrl} />
              </div>
            </Card>
          </>
        )}
      </div>
      {confirmReset ? (
        <ConfirmDialog
          title="Reset the emulator org?"
          confirmLabel="Reset org"
          pendingLabel="Resetting…"
          tone="danger"
          action={() => workbench.resetEmulatorOrg({})}
          onDone={(next: EmulatorStatus) => {
            accept(next)
            setConfirmReset(false)
          }}
          onCancel={() => setConfirmReset(false)}
          onFailure={(failure) => noticeFailure(failure.code)}
        >
          Teams, account types, workbooks and people go back to the sample org; the embed users that previews created
          are removed. The port, clock settings and online hosts are kept.
        </ConfirmDialog>
      ) : null}
    </Screen>
  )
}

function StatusCard({ status, apply }: { status: EmulatorStatus; apply: ApplyEmulator }) {
  return (
    <Card
      title="Status"
      description="Where it listens, and the real hosts the Preview may frame besides it."
      testId="emulator-status"
    >
      <div className="status-line">
        <span
          className={`badge ${status.running ? 'badge-success' : 'badge-error'}`}
          data-testid="emulator-running"
          data-running={status.running}
        >
          <span className="badge-dot" aria-hidden="true" />
          {status.running ? 'Running' : 'Stopped'}
        </span>
        {status.baseUrl ? (
          <span className="path-box base-url">
            <code className="mono" data-testid="emulator-base-url">
              {status.baseUrl}
            </code>
            <CopyButton value={status.baseUrl} label="Copy the emulator's base URL" testId="copy-base-url" />
          </span>
        ) : null}
      </div>
      {status.problem ? (
        <Banner tone={status.running ? 'warning' : 'error'} testId="emulator-problem" className="card-banner">
          {status.problem}
        </Banner>
      ) : null}
      <NumberSetting
        id="emulator-port"
        name="port"
        label="Port"
        testId="emulator-port"
        value={status.settings.port}
        min={0}
        max={65535}
        hint={() =>
          'Changing it restarts the emulator (0 picks a free port). Reload the app afterwards so the preview may frame the new address.'
        }
        onCommit={(port) => apply(() => workbench.updateEmulatorSettings({ port }))}
      />
      <OriginListSetting
        field="onlineHosts"
        origins={status.settings.onlineHosts}
        apply={apply}
        id="emulator-online-hosts"
        label="Online hosts"
        hint="Real embed hosts the Preview may frame, one https origin a line, e.g. https://app.sigmacomputing.com. Reload the app after changing them: its security policy is set when it loads."
        placeholder="https://app.sigmacomputing.com"
        saveLabel="Save hosts"
      />
    </Card>
  )
}
