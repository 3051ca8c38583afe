import { differingRun } from '../../shared/inspection/text'
/** `value` with the run that differs from `other` (between their common prefix and suffix) marked. */
export function Marked({ value, other }: { value: string; other: string }) {
  if (value === '') return <span className="faint">{other === '' ? '(empty line)' : '(no such line)'}</span>
  const { start, end: stop } = differingRun(value, other)
  const middle = value.slice(start, stop)
  return (
    <>
      {value.slice(0, start)}
      {middle ? <mark className="diff-mark">{middle}</mark> : null}
      {value.slice(stop)}
    </>
  )
}
