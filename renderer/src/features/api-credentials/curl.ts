/**
 * "Copy as cURL" for a request the runner built: the request as sent, in a shell command that
 * runs as it is. Values the workbench masked (it never hands a secret to the page) become
 * environment variables the command reads, named after the credential and the header, with a
 * first line that says which to set. Everything else is single-quoted for POSIX shells.
 */
import { MASKED_SECRET } from '../../../../preload/contract/constants'

/** Single-quotes a word for sh, bash and zsh ('it'\''s'). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}

/** ORDERS_API_AUTHORIZATION: an environment variable name from the credential and the header. */
export function secretVariable(credentialName: string, header: string): string {
  const words = `${credentialName} ${header}`
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return /^[0-9]/.test(words) ? `_${words}` : words || 'SECRET'
}

export interface CurlRequest {
  method: string
  url: string
  headers: [string, string][]
  body: string
}

export function curlCommand(request: CurlRequest, credentialName: string): { command: string; variables: string[] } {
  const variables: string[] = []
  const lines: string[] = []
  const method = request.method.toUpperCase()
  const verb = method === 'HEAD' ? ['--head'] : method === 'GET' ? [] : ['-X', method]
  lines.push(['curl', ...verb, shellQuote(request.url)].join(' '))
  for (const [name, value] of request.headers) {
    if (value.includes(MASKED_SECRET)) {
      const variable = secretVariable(credentialName, name)
      if (!variables.includes(variable)) variables.push(variable)
      // Double quotes so the shell expands the variable; the rest of the value has no $ ` \ or ".
      const shown = value.replace(MASKED_SECRET, `\${${variable}}`).replace(/["\\`]/g, '\\$&')
      lines.push(`-H "${name}: ${shown}"`)
    } else lines.push(`-H ${shellQuote(`${name}: ${value}`)}`)
  }
  if (request.body) lines.push(`--data-binary ${shellQuote(request.body)}`)
  const command = lines.join(' \\\n  ')
  const preface = variables.length
    ? `# The workbench never shows a secret: set ${variables.join(', ')} first (export ${variables[0]}=…).\n`
    : ''
  return { command: preface + command, variables }
}
