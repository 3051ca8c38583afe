/** `sign`: an embed URL for a persona, signed by the app's own signing path with a secret from the environment or a file. */
import { parseArgs } from 'node:util'
import { WorkbenchError } from '../../core/errors'
import { defaultLimits } from '../../protocol/parameters'
import { signEmbed, type SignedWithFindings } from '../../signing/signing-service'
import { readSecrets, secretOptions } from '../args'
import { readSigningArgs, signingArgOptions } from '../signing-args'
import { findingJson } from '../print/findings'
import { UsageError, type CliIo } from '../usage'

export async function signCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...signingArgOptions,
      ...secretOptions,
      json: { type: 'boolean' }
    }
  })
  const { method, clientId, persona, options } = readSigningArgs(values, io)
  const secrets = readSecrets(values, io)
  if (secrets.length !== 1) throw new UsageError('Give exactly one secret: --secret-env VAR or --secret-file F.')
  let signed: SignedWithFindings
  try {
    signed = await signEmbed({
      method,
      persona,
      options,
      key: { name: secrets[0]!.label, clientId, secret: secrets[0]!.secret },
      now: io.now(),
      limits: defaultLimits
    })
  } catch (error) {
    // The app refuses a bad embed path with this sentence under the field; here it is bad usage.
    if (error instanceof WorkbenchError && error.field === 'embedPath')
      throw new UsageError(`--embed-path: ${error.message}`)
    throw error
  }
  const findings = signed.findings
  if (values.json) {
    io.stdout(
      JSON.stringify(
        {
          method: signed.method,
          url: signed.url,
          params: signed.params,
          issuedAt: signed.issuedAt,
          expiresAt: signed.expiresAt,
          jwt: signed.jwt,
          findings: findings.map(findingJson)
        },
        null,
        2
      )
    )
  } else {
    io.stdout(signed.url)
    for (const f of findings.filter((x) => x.severity !== 'info'))
      io.stderr(`${f.severity}: ${f.code}${f.param ? ` (${f.param})` : ''}: ${f.message}`)
  }
  return 0
}
