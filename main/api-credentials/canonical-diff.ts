/** A line diff of two canonical requests (or strings to sign): what the runner, the server and the request inspector show. */
import { diffArrays } from 'diff'

/**
 * Where our canonical request (or string to sign) and the server's differ, aligned by the `diff`
 * package's line diff: a part added on one side shows as one line, not as every line after it.
 * A line only ours has `server: ''`, a line only the server's has `ours: ''`; a changed line has both.
 * `line` is the line number on our side (or the server's, for a line only it has).
 */
export function diffLines(ours: string, server: string): { line: number; ours: string; server: string }[] {
  const out: { line: number; ours: string; server: string }[] = []
  let i = 0
  let j = 0
  let onlyOurs: number[] = []
  let onlyServer: number[] = []
  const a = ours.split('\n')
  const b = server.split('\n')
  // Pair a removed line with an added one as "changed"; the rest stay one-sided.
  const flush = () => {
    for (let k = 0; k < Math.max(onlyOurs.length, onlyServer.length); k++) {
      const x = onlyOurs[k]
      const y = onlyServer[k]
      out.push({ line: (x ?? y!) + 1, ours: x === undefined ? '' : a[x]!, server: y === undefined ? '' : b[y]! })
    }
    onlyOurs = []
    onlyServer = []
  }
  for (const change of diffArrays(a, b)) {
    const count = change.value.length
    if (change.removed) for (let k = 0; k < count; k++) onlyOurs.push(i++)
    else if (change.added) for (let k = 0; k < count; k++) onlyServer.push(j++)
    else {
      flush()
      i += count
      j += count
    }
  }
  flush()
  return out
}
