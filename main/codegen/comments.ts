/** What each parameter or claim is, for the comment beside its line in a generated program. */
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
