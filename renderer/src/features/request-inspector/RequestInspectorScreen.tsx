/**
 * The request inspector: a signed API request a customer already sent (raw HTTP, cURL, a HAR),
 * judged against the stored API credentials as the verification server judges it. The paste and
 * options on the left, the verdict and why on the right; the work is kept while the user is on
 * another screen (in memory, dropped when the vault locks).
 */
import { useEffect } from 'react'
import { workbench } from '../../app/bridge'
import { useNavigation } from '../../app/navigation'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { useBridgeLoad } from '../../ui/useBridgeLoad'
import { isModKey, useGlobalKeyDown } from '../../ui/useGlobalKeyDown'
import { EmptyResult } from './EmptyResult'
import { InspectionResult } from './InspectionResult'
import { RequestForm } from './RequestForm'
import { useRequestInspector } from './useRequestInspector'
import { inputOf, sameInput } from './words'
import './request-inspector.css'
import './request-inspector-verdict.css'
import './request-inspector-detail.css'

const listApiCredentials = () => workbench.listApiCredentials({})

export function RequestInspectorScreen() {
  const navigation = useNavigation()
  const { view, edit, pending, inspect, openFile, clear } = useRequestInspector()
  const { value: credentials, error: credentialsError, load } = useBridgeLoad(listApiCredentials)

  useEffect(() => {
    void load()
  }, [load])

  useGlobalKeyDown((event) => {
    if (isModKey(event) && event.key === 'Enter') {
      event.preventDefault()
      void inspect()
    }
  })

  const { result, ranWith } = view
  const stale = result !== null && ranWith !== null && !sameInput(ranWith, inputOf(view))
  const focusAsOf = () => document.getElementById('ri-as-of')?.focus()

  return (
    <div className="screen request-inspector-screen" data-testid="request-inspector-screen">
      <ScreenHeader
        title="Request inspector"
        subtitle="A signed API request a customer already sent, judged against your API credentials as the verification server judges it."
      />
      <div className="request-inspector-body">
        <div className="request-inspector-left">
          <RequestForm
            view={view}
            edit={edit}
            pending={pending}
            onInspect={() => void inspect()}
            onFile={(file) => void openFile(file)}
            onClear={clear}
            credentials={credentials}
            credentialsError={credentialsError}
          />
        </div>
        <div className="request-inspector-right" aria-label="Result" role="region" data-testid="ri-right">
          {result && ranWith ? (
            <InspectionResult
              result={result}
              ranWith={ranWith}
              stale={stale}
              pending={pending}
              requestedEntry={view.entry}
              onEntry={(entry) => void inspect({ entry })}
              onInspect={() => void inspect()}
              onSetAsOf={focusAsOf}
            />
          ) : (
            <EmptyResult
              noCredentials={
                credentials !== null &&
                !credentials.credentials.some((credential) => credential.environment === credentials.environment)
              }
              onAddCredential={() => navigation.go('api-credentials')}
            />
          )}
        </div>
      </div>
    </div>
  )
}
