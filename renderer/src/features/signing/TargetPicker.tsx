import type { EmulatorStatus, SigningMethod } from '../../../../preload/contract'
import { hostLabel, originOf, targetFor, targetKey, targetPath } from '../../shared/signing/pathForm'
import { TargetOptions } from '../../shared/signing/TargetOptions'

interface TargetPickerProps {
  method: SigningMethod
  path: string
  emulator: EmulatorStatus | null
  onPath: (path: string) => void
}

const TYPED = ''

/**
 * Where the embed path points, picked instead of copied: the host (the emulator, an online host,
 * or the one typed) and the emulator target, in the path form of the signing method.
 */
export function TargetPicker({ method, path, emulator, onPath }: TargetPickerProps) {
  const targets = emulator?.targets ?? []
  const current = targetFor(path, targets)
  const typedOrigin = originOf(path)
  const base = (emulator?.running && emulator.baseUrl) || ''
  const hosts = [...new Set([base, ...(emulator?.settings.onlineHosts ?? [])])].filter((host) => host !== '')
  const hostOptions = typedOrigin && !hosts.includes(typedOrigin) ? [typedOrigin, ...hosts] : hosts
  const origin = typedOrigin || base || hosts[0] || ''

  const pickTarget = (key: string) => {
    const target = targets.find((candidate) => targetKey(candidate) === key)
    if (target && origin) onPath(targetPath(target, method, origin))
  }
  const pickHost = (next: string) => {
    if (current) onPath(targetPath(current, method, next))
    else if (typedOrigin) onPath(`${next}${path.trim().slice(typedOrigin.length)}`)
    else onPath(`${next}/`)
  }

  return (
    <div className="signing-target" data-testid="sign-target-picker">
      <label className="signing-target-field">
        <span className="signing-target-label">Host</span>
        <select
          className="input input-sm select"
          value={typedOrigin ?? ''}
          onChange={(event) => pickHost(event.target.value)}
          disabled={!hostOptions.length}
          data-testid="sign-host"
        >
          {typedOrigin ? null : <option value="">{hostOptions.length ? 'Pick a host' : 'No host yet'}</option>}
          {hostOptions.map((host) => (
            <option key={host} value={host}>
              {host === base ? `Emulator · ${host.replace(/^https?:\/\//, '')}` : hostLabel(host)}
            </option>
          ))}
        </select>
      </label>
      <label className="signing-target-field signing-target-what">
        <span className="signing-target-label">Target</span>
        <select
          className="input input-sm select"
          value={current ? targetKey(current) : TYPED}
          onChange={(event) => pickTarget(event.target.value)}
          disabled={!targets.length}
          title={targets.length ? 'The emulator’s workbooks, pages and elements' : undefined}
          data-testid="sign-target"
        >
          <option value={TYPED}>
            {!targets.length
              ? emulator
                ? 'The emulator is not running'
                : 'Reading the emulator…'
              : path.trim()
                ? 'Typed path (not an emulator target)'
                : 'Pick what to embed'}
          </option>
          <TargetOptions targets={targets} />
        </select>
      </label>
    </div>
  )
}
