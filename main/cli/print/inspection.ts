import type { Inspection } from '../../../preload/contract'
import { findingJson, findingLines } from './findings'

export function inspectionJson(result: Inspection) {
  return {
    method: result.method,
    signature: result.signature,
    findings: result.findings.map(findingJson),
    params: result.params.map((p) => ({ name: p.name, value: p.value }))
  }
}

export function inspectionText(result: Inspection): string {
  const lines = [
    `method: ${result.method}    signature: ${result.signature}${result.verifiedWith ? ` (verified with ${result.verifiedWith})` : ''}`,
    ''
  ]
  const width = Math.min(28, Math.max(4, ...result.params.map((p) => p.name.length)))
  for (const p of result.params)
    lines.push(
      `  ${p.check === 'ok' ? ' ' : p.check === 'error' ? '✗' : '!'} ${p.name.padEnd(width)}  ${p.value.length > 100 ? `${p.value.slice(0, 100)}…` : p.value}`
    )
  lines.push('')
  lines.push(...findingLines(result.findings))
  return lines.join('\n')
}
