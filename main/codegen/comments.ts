/** What the generated programs share: the comment beside each parameter or claim, literals, indentation. */
import { jwtClaims, paramSpec } from '../protocol/parameters'

const oneLine = (text: string) => text.replace(/\s+/g, ' ').replace(/\*\//g, '* /').slice(0, 110)

export function paramComment(name: string): string {
  if (name.startsWith(':ua_')) return `user attribute ${name.slice(4)}`
  if (!name.startsWith(':')) return 'workbook control value (Control-Id=value)'
  return oneLine(paramSpec(name)?.meaning ?? 'parameter')
}

export function claimComment(name: string): string {
  return oneLine(jwtClaims.find((c) => c.name === name)?.meaning ?? 'claim')
}

/** A string literal both JavaScript and Python read the same way (JSON's escapes). */
export const literal = (value: string) => JSON.stringify(value)

/** Lines, each indented by `by`, joined into one block. */
export const indent = (lines: string[], by: string) => lines.map((line) => `${by}${line}`).join('\n')
