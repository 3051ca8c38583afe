/** `value` with the run that differs from `other` (between their common prefix and suffix) marked. */
export function Marked({ value, other }: { value: string; other: string }) {
  if (value === '') return <span className="faint">{other === '' ? '(empty line)' : '(no such line)'}</span>
  let start = 0
  while (start < value.length && start < other.length && value[start] === other[start]) start++
  let end = 0
  while (
    end < value.length - start &&
    end < other.length - start &&
    value[value.length - 1 - end] === other[other.length - 1 - end]
  )
    end++
  const middle = value.slice(start, value.length - end)
  return (
    <>
      {value.slice(0, start)}
      {middle ? <mark className="diff-mark">{middle}</mark> : null}
      {value.slice(value.length - end)}
    </>
  )
}
