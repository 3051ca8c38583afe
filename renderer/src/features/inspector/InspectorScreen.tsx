import { Icon } from '../../ui/Icon'
import { ScreenHeader } from '../../ui/ScreenHeader'
import { TabList, tabId, tabPanelId } from '../../ui/TabList'
import type { InspectorState } from '../../app/navigation'
import { DiffPanel } from './DiffPanel'
import { InspectPanel } from './InspectPanel'
import './inspector.css'

interface InspectorScreenProps {
  /** Kept by the shell, so the inputs survive switching screens. */
  state: InspectorState
  onChange: (state: InspectorState) => void
}

export function InspectorScreen({ state, onChange }: InspectorScreenProps) {
  const edit = (patch: Partial<InspectorState>) => onChange({ ...state, ...patch })
  return (
    <div className="screen" data-testid="inspector-screen">
      <ScreenHeader
        title="Inspector"
        subtitle="Explains any embed URL or JWT down to the byte: signature, parameters, claims, times. Or compares two."
      />
      <div className="inspector-screen-tabs">
        <TabList
          label="Inspector mode"
          idPrefix="inspector"
          items={[
            {
              id: 'inspect',
              label: (
                <>
                  <Icon name="search" size={13} />
                  Inspect
                </>
              ),
              testId: 'inspector-tab-inspect'
            },
            {
              id: 'diff',
              label: (
                <>
                  <Icon name="diff" size={13} />
                  Diff
                </>
              ),
              testId: 'inspector-tab-diff'
            }
          ]}
          selected={state.tab}
          onSelect={(tab) => edit({ tab })}
        />
      </div>
      <div
        className="screen-body inspector-body"
        id={tabPanelId('inspector')}
        role="tabpanel"
        aria-labelledby={tabId('inspector', state.tab)}
      >
        {state.tab === 'inspect' ? (
          <InspectPanel
            input={state.input}
            request={state.request}
            onInput={(input) => edit({ input, request: null })}
          />
        ) : (
          <DiffPanel left={state.left} right={state.right} onChange={edit} />
        )}
      </div>
    </div>
  )
}
