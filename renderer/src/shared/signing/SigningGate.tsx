import type { ReactNode } from 'react'
import type { CredentialSummary, Persona } from '../../../../preload/contract'
import { EmptyState } from '../../ui/EmptyState'
import { Icon, type IconName } from '../../ui/Icon'
import { LoadErrorBanner } from '../../ui/LoadErrorBanner'
import { Spinner } from '../../ui/Spinner'
import { useNavigation } from '../../app/navigation'
import type { SigningInputs } from './useSigningInputs'

interface SigningGateProps {
  inputs: SigningInputs
  /** Prefix of the test ids: {prefix}-no-credential, {prefix}-go-credentials, ... */
  testIdPrefix: string
  /** What the screen shows once there is an active credential and a persona. */
  children: (credentials: CredentialSummary[], personas: Persona[]) => ReactNode
}

/**
 * What a signing screen shows before it can sign: the load error, a spinner, or what is missing
 * (an active credential, a persona) with the way to the screen that provides it.
 */
export function SigningGate({ inputs, testIdPrefix, children }: SigningGateProps) {
  const { go } = useNavigation()
  const { credentials, personas, active, loadError, load } = inputs
  const loading = (credentials === null || personas === null) && !loadError
  const noCredential = credentials !== null && active.length === 0
  const noPersona = personas !== null && personas.length === 0
  return (
    <>
      {loadError ? (
        <LoadErrorBanner
          title="Could not load credentials and personas"
          message={loadError}
          onRetry={() => void load()}
          testId="load-error"
        />
      ) : null}
      {loading ? (
        <Spinner label="Loading credentials and personas…" />
      ) : noCredential || noPersona ? (
        <>
          {noCredential ? (
            <Missing
              icon="key"
              title="No active credential"
              testId={`${testIdPrefix}-no-credential`}
              go={() => go('credentials')}
              target="Credentials"
              testIdPrefix={testIdPrefix}
            >
              Signing needs a client ID and embed secret. Create a credential, or import the one a customer's admin
              generated
              {credentials?.length ? ' (every credential here is revoked)' : ''}.
            </Missing>
          ) : null}
          {noPersona ? (
            <Missing
              icon="users"
              title="No persona"
              testId={`${testIdPrefix}-no-persona`}
              go={() => go('personas')}
              target="Personas"
              testIdPrefix={testIdPrefix}
            >
              A persona says who the embed user is: email, teams, account type and user attributes. Make one to sign for
              it.
            </Missing>
          ) : null}
        </>
      ) : personas && credentials ? (
        children(credentials, personas)
      ) : null}
    </>
  )
}

interface MissingProps {
  icon: IconName
  title: string
  testId: string
  testIdPrefix: string
  /** The screen that fixes it. */
  target: 'Credentials' | 'Personas'
  go: () => void
  children: ReactNode
}

/** What signing still needs, with the way to the screen that provides it. */
function Missing({ icon, title, testId, testIdPrefix, target, go, children }: MissingProps) {
  return (
    <EmptyState
      compact
      icon={icon}
      title={title}
      testId={testId}
      actions={
        <button
          type="button"
          className="btn btn-primary"
          onClick={go}
          data-testid={`${testIdPrefix}-go-${target.toLowerCase()}`}
        >
          Go to {target}
          <Icon name="arrowRight" size={14} />
        </button>
      }
    >
      {children}
    </EmptyState>
  )
}
