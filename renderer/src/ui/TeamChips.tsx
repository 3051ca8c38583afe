/** Team names as chips; past `max`, a "+N" chip (its title lists the rest). */
export function TeamChips({
  teams,
  max = 4,
  small = true,
  testId
}: {
  teams: readonly string[]
  max?: number
  small?: boolean
  testId?: string
}) {
  if (!teams.length) return null
  const size = small ? ' chip-sm' : ''
  const rest = teams.slice(max)
  return (
    <span className="chips" data-testid={testId}>
      {teams.slice(0, max).map((team, index) => (
        <span className={`chip${size}`} key={`${team}-${index}`}>
          {team}
        </span>
      ))}
      {rest.length ? (
        <span className={`chip${size} chip-more`} title={rest.join(', ')}>
          +{rest.length}
        </span>
      ) : null}
    </span>
  )
}
