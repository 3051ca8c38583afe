/**
 * `embed-workbench`: the same signer, inspector and diff as the app, from a terminal or CI.
 * Secrets come only from environment variables or files, never from arguments (which end up in
 * shell history and `ps`). One file per command in commands/, printers in print/; commands call
 * the services and domain functions the app uses, so the two cannot drift apart.
 *
 * Exit codes: 0 fine, 1 an error finding (inspect) or a failure, 2 bad usage.
 */
import { readFileSync } from 'node:fs'
import { escapeControlsKeepingLines } from '../core/terminal'
import { WorkbenchError } from '../core/errors'
import { refuseSecretArguments } from './args'
import { certCommand } from './commands/cert'
import { credentialsCommand } from './commands/credentials'
import { diffCommand } from './commands/diff'
import { emulatorCommand } from './commands/emulator'
import { bundleCommand } from './commands/bundle'
import { codegenCommand } from './commands/codegen'
import { harCommand } from './commands/har'
import { inspectCommand } from './commands/inspect'
import { migrateCommand } from './commands/migrate'
import { requestCommand } from './commands/request'
import { signCommand } from './commands/sign'
import { verifyServerCommand } from './commands/verify-server'
import { USAGE, UsageError, type CliIo } from './usage'

export type { CliIo } from './usage'

const commands: Record<string, (args: string[], io: CliIo) => number | Promise<number>> = {
  sign: signCommand,
  inspect: inspectCommand,
  har: harCommand,
  bundle: bundleCommand,
  migrate: migrateCommand,
  codegen: codegenCommand,
  diff: diffCommand,
  emulator: emulatorCommand,
  credentials: credentialsCommand,
  cert: certCommand,
  request: requestCommand,
  'verify-server': verifyServerCommand
}

export async function runCli(argv: string[], raw: CliIo): Promise<number> {
  // Whatever a command prints, a control character from its input is shown, not obeyed.
  const io: CliIo = {
    ...raw,
    stdout: (text) => raw.stdout(escapeControlsKeepingLines(text)),
    stderr: (text) => raw.stderr(escapeControlsKeepingLines(text))
  }
  const [command, ...rest] = argv
  try {
    refuseSecretArguments(rest)
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(USAGE)
      return command === undefined ? 2 : 0
    }
    const run = Object.hasOwn(commands, command) ? commands[command] : undefined
    if (!run) throw new UsageError(`Unknown command "${command}".`)
    return await run(rest, io)
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError &&
        'code' in error &&
        String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.stderr(`${error.message}\n\n${USAGE}`)
      return 2
    }
    if (error instanceof WorkbenchError) {
      io.stderr(error.message)
      return 1
    }
    throw error
  }
}

/** Runs the CLI on this process's arguments and streams (called by bin/embed-workbench.js). */
export function main(): void {
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    readStdin: () => readFileSync(0, 'utf8'),
    now: () => Math.floor(Date.now() / 1000),
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve())
        process.once('SIGTERM', () => resolve())
      })
  }).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(
        `embed-workbench failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`
      )
      process.exitCode = 1
    }
  )
}
