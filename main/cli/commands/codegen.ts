import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { CodegenLanguage } from '../../../preload/contract'
import { codegenLanguages, generateProgram } from '../../codegen/codegen'
import { readSigningArgs, signingArgOptions } from '../signing-args'
import { UsageError, type CliIo } from '../usage'

/**
 * `codegen --lang L`: the embed API for this persona, target, method and options, as a program
 * in language L (printed, or written with --out). It takes no secret: the program reads its own
 * from EMBED_SECRET.
 */
export async function codegenCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { ...signingArgOptions, lang: { type: 'string' }, out: { type: 'string' } }
  })
  const lang = values.lang as CodegenLanguage | undefined
  if (!lang || !codegenLanguages.includes(lang))
    throw new UsageError(`--lang must be one of: ${codegenLanguages.join(', ')}.`)
  const { method, clientId, persona, options } = readSigningArgs(values, io)
  const program = await generateProgram(lang, method, persona, options, clientId)
  if (values.out) {
    writeFileSync(values.out, program.code)
    io.stdout(`Wrote ${values.out}. Install: ${program.install}. Run: ${program.run}`)
  } else io.stdout(program.code)
  return 0
}
