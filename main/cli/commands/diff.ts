import { parseArgs } from 'node:util'
import { diffEmbedUrls } from '../../inspector/diff'
import { UsageError, type CliIo } from '../usage'

export function diffCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { json: { type: 'boolean' } }
  })
  if (positionals.length !== 2) throw new UsageError('diff takes two URLs.')
  const result = diffEmbedUrls(positionals[0]!, positionals[1]!)
  if (values.json) {
    io.stdout(JSON.stringify(result, null, 2))
  } else {
    const lines =
      result.baseLeft === result.baseRight
        ? [`base: ${result.baseLeft}`]
        : [`base: - ${result.baseLeft}`, `      + ${result.baseRight}`]
    const mark = { same: ' ', changed: '~', 'only-left': '-', 'only-right': '+', moved: '>' } as const
    for (const p of result.params) {
      const value = p.status === 'changed' ? `${p.left} → ${p.right}` : (p.left ?? p.right ?? '')
      lines.push(`${mark[p.status]} ${p.name}  ${value}`)
    }
    io.stdout(lines.join('\n'))
  }
  return result.params.some((p) => p.status !== 'same') || result.baseLeft !== result.baseRight ? 1 : 0
}
