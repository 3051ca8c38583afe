/**
 * A channel's input refused by its schema, said in words: which field and what to do, never the
 * schema library's own text ("Too small: expected string to have >=1 characters"). Messages a
 * schema gives itself are kept: a sentence as it is, a noun phrase ("a header name (…)") as
 * what the field must be.
 */
import type { z } from 'zod'

type Issue = z.core.$ZodIssue

/** "headerName" → "header name"; a list index becomes "(row 2)". */
function fieldLabel(path: readonly PropertyKey[]): string | null {
  const names = path.filter((part): part is string => typeof part === 'string')
  const last = names.at(-1)
  if (!last) return null
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
  const index = path.findLast((part): part is number => typeof part === 'number')
  return `the ${words}${index === undefined ? '' : ` (row ${index + 1})`}`
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const sentence = (text: string) => capital(/[.!?]$/.test(text) ? text : `${text}.`)

/** Whether zod wrote the message itself (its defaults start so); else the schema gave it. */
const isLibraryMessage = (message: string) => /^(Too small|Too big|Invalid|Unrecognized|Expected)\b/.test(message)

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'on or off (true or false)',
  array: 'a list',
  object: 'a set of fields'
}

export function inputIssueMessage(issue: Issue | undefined): string {
  if (!issue) return 'The app sent something the main process could not read. Restart the app and try again.'
  const label = fieldLabel(issue.path) ?? 'this value'
  if (!isLibraryMessage(issue.message))
    return /^an? /.test(issue.message) ? sentence(`${label} must be ${issue.message}`) : sentence(issue.message)
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? `Fill in ${label}.`
          : sentence(`${label} needs at least ${issue.minimum} characters`)
      if (issue.origin === 'array' || issue.origin === 'set')
        return sentence(`${label} needs at least ${issue.minimum}`)
      return sentence(`${label} must be at least ${issue.minimum}`)
    case 'too_big':
      if (issue.origin === 'string') return sentence(`${label} is too long: at most ${issue.maximum} characters`)
      if (issue.origin === 'array' || issue.origin === 'set')
        return sentence(`${label} has too many entries: at most ${issue.maximum}`)
      return sentence(`${label} must be at most ${issue.maximum}`)
    case 'invalid_type':
      return issue.input === undefined
        ? sentence(`${label} is missing`)
        : sentence(`${label} must be ${typeWords[issue.expected] ?? issue.expected}`)
    case 'invalid_value':
      return sentence(`${label} must be one of: ${issue.values.map((v) => String(v)).join(', ')}`)
    case 'invalid_format':
      return sentence(`${label} is not a valid ${issue.format === 'regex' ? 'value' : issue.format}`)
    case 'unrecognized_keys':
      return `The app sent ${issue.keys.length === 1 ? 'a field' : 'fields'} the main process does not know (${issue.keys.map((k) => `"${k}"`).join(', ')}). The app and its main process may be out of step: restart the app.`
    case 'invalid_union':
      return sentence(`${label} is not one of the forms it can take`)
    default:
      return sentence(`${label} is not valid`)
  }
}
