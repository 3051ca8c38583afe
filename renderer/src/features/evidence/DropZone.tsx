import { Icon } from '../../ui/Icon'
import { HarFileInput } from './HarFileInput'

/** Where a HAR comes in: dropped anywhere on the screen, or chosen. And how to get one. */
export function DropZone({ onFile, dragging }: { onFile: (file: File) => void; dragging: boolean }) {
  return (
    <div className={`evidence-drop${dragging ? ' is-dragging' : ''}`} data-testid="evidence-drop">
      <div className="evidence-drop-icon" aria-hidden="true">
        <Icon name="evidence" size={22} />
      </div>
      <h2 className="evidence-drop-title">Drop a HAR file here, or choose one</h2>
      <p className="evidence-drop-text">
        Every embed request in it is judged as of its own time, then what only the sequence shows: a one-time URL loaded
        twice, a URL changed on its way to the iframe, clocks that disagree. The file stays on this machine.
      </p>
      <HarFileInput onFile={onFile} primary>
        Choose file…
      </HarFileInput>
      <p className="evidence-drop-how" data-testid="evidence-how">
        <strong>Getting a HAR:</strong> DevTools › Network, tick <em>Preserve log</em>, reproduce, then{' '}
        <em>Export HAR</em> (Chrome and Edge: the ↓ arrow), <em>Save All As HAR</em> (Firefox: the gear) or{' '}
        <em>Export</em> (Safari: Develop › Show Web Inspector).
      </p>
    </div>
  )
}
