import type { EmbedTarget } from '../../../../preload/contract'
import { targetKey } from './pathForm'

const kindGroups: readonly { kind: EmbedTarget['kind']; label: string }[] = [
  { kind: 'workbook', label: 'Workbook' },
  { kind: 'page', label: 'Pages' },
  { kind: 'element', label: 'Elements' }
]

/** The emulator's targets as a select's options, grouped by kind, valued by targetKey. */
export function TargetOptions({ targets }: { targets: readonly EmbedTarget[] }) {
  return kindGroups.map((group) => {
    const ofKind = targets.filter((target) => target.kind === group.kind)
    return ofKind.length ? (
      <optgroup key={group.kind} label={group.label}>
        {ofKind.map((target) => (
          <option key={targetKey(target)} value={targetKey(target)}>
            {target.label}
          </option>
        ))}
      </optgroup>
    ) : null
  })
}
