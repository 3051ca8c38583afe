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
import { USAGE, UsageError, type CliIo } from './usage'

export type { CliIo } from './usage'

type Command = (args: string[], io: CliIo) => number | Promise<number>

/**
 * Each command is loaded when it runs, with only what it uses: `inspect` of a URL needs neither
 * the vault, nor node-forge, nor the emulator's sample rows (issue 18, item 7).
 */
const commands: Record<string, () => Promise<Command>> = {
  sign: () => import('./commands/sign').then((m) => m.signCommand),
  inspect: () => import('./commands/inspect').then((m) => m.inspectCommand),
  har: () => import('./commands/har').then((m) => m.harCommand),
  bundle: () => import('./commands/bundle').then((m) => m.bundleCommand),
  migrate: () => import('./commands/migrate').then((m) => m.migrateCommand),
  codegen: () => import('./commands/codegen').then((m) => m.codegenCommand),
  diff: () => import('./commands/diff').then((m) => m.diffCommand),
  emulator: () => import('./commands/emulator').then((m) => m.emulatorCommand),
  credentials: () => import('./commands/credentials').then((m) => m.credentialsCommand),
  cert: () => import('./commands/cert').then((m) => m.certCommand),
  request: () => import('./commands/request').then((m) => m.requestCommand),
  'verify-server': () => import('./commands/verify-server').then((m) => m.verifyServerCommand)
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
    const load = Object.hasOwn(commands, command) ? commands[command] : undefined
    if (!load) throw new UsageError(`Unknown command "${command}".`)
    const run = await load()
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
