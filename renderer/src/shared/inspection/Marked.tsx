import { differingRun } from './text'

/**
 * `value` with the run that differs from `other` (between their common prefix and suffix) marked.
 * Where nothing differs in `value` (the other line has more), `gapClassName` marks the spot.
 */
export function Marked({ value, other, gapClassName }: { value: string; other: string; gapClassName?: string }) {
  if (value === '') return <span className="faint">{other === '' ? '(empty line)' : '(no such line)'}</span>
  const { start, end: stop } = differingRun(value, other)
  const middle = value.slice(start, stop)
  return (
    <>
      {value.slice(0, start)}
      {middle ? (
        <mark className="diff-mark">{middle}</mark>
      ) : gapClassName ? (
        <span className={gapClassName} title="Missing here" />
      ) : null}
      {value.slice(stop)}
    </>
  )
}
