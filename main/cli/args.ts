/** Arguments every command shares: secrets from the environment or files, never argv; Name=value pairs. */
import { readFileSync } from 'node:fs'
import type { ParseArgsConfig } from 'node:util'
import { UsageError, type CliIo } from './usage'

export const secretOptions = {
  'secret-env': { type: 'string', multiple: true },
  'secret-file': { type: 'string', multiple: true }
} as const satisfies ParseArgsConfig['options']

/** A secret must never be an argument: say so before anything else runs. */
export function refuseSecretArguments(args: string[]): void {
  for (const arg of args) {
    if (/^--(secret|client-secret|embed-secret|password|passphrase)(=|$)/.test(arg)) {
      throw new UsageError(
        `${arg.split('=')[0]} is not accepted: secrets are read only from an environment variable (--secret-env VAR) or a file (--secret-file F), because arguments end up in shell history and process lists.`
      )
    }
  }
}

export function readSecrets(
  values: { 'secret-env'?: string[]; 'secret-file'?: string[] },
  io: CliIo
): { label: string; secret: string }[] {
  const secrets: { label: string; secret: string }[] = []
  for (const name of values['secret-env'] ?? []) {
    const value = io.env[name]
    if (value === undefined || value === '')
      throw new UsageError(`The environment variable ${name} is not set (or empty).`)
    secrets.push({ label: `$${name}`, secret: trimmed(value, `$${name}`, io) })
  }
  for (const file of values['secret-file'] ?? []) {
    let value: string
    try {
      value = readFileSync(file, 'utf8')
    } catch (error) {
      throw new UsageError(`Cannot read the secret file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
    }
    if (!value.trim()) throw new UsageError(`The secret file ${file} is empty.`)
    secrets.push({ label: file, secret: trimmed(value, file, io) })
  }
  return secrets
}

function trimmed(secret: string, label: string, io: CliIo): string {
  const clean = secret.trim()
  if (clean !== secret)
    io.stderr(`note: the secret in ${label} had surrounding whitespace (a trailing newline?); it was removed.`)
  return clean
}

export function pair(text: string, flag: string): { name: string; value: string } {
  const eq = text.indexOf('=')
  if (eq <= 0) throw new UsageError(`${flag} takes Name=value, not "${text}".`)
  return { name: text.slice(0, eq), value: text.slice(eq + 1) }
}

/** A time given on the command line: Unix seconds or an ISO 8601 time, as Unix seconds. */
export function timeArgument(text: string, flag: string): number {
  const seconds = /^\d+$/.test(text) ? Number(text) : Math.floor(Date.parse(text) / 1000)
  if (!Number.isFinite(seconds))
    throw new UsageError(`${flag} is Unix seconds or an ISO 8601 time (2026-12-01T09:30:00Z).`)
  return seconds
}
