import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { MAX_CERTIFICATE_BYTES } from '../../../preload/contract'
import { validateCertificate } from '../../certificates/validate'
import { hasError } from '../../protocol/findings'
import { certificateText } from '../print/certificate'
import { UsageError, type CliIo } from '../usage'

/**
 * `cert check`: the Certificates screen's validation, for a terminal or CI. Prints
 * {ok, keyMatches, chainValid, certificate, findings} (--json) or a readable report.
 */
export async function certCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args
  if (sub !== 'check')
    throw new UsageError(
      sub
        ? `Unknown cert command "${sub}"; the one there is: cert check.`
        : 'cert needs a command: cert check --cert F ...'
    )
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      cert: { type: 'string' },
      key: { type: 'string' },
      ca: { type: 'string' },
      'passphrase-env': { type: 'string' },
      domains: { type: 'string' },
      host: { type: 'string' },
      json: { type: 'boolean' }
    }
  })
  if (positionals.length)
    throw new UsageError(`Unexpected argument "${positionals[0]}": give files with --cert, --key and --ca.`)
  if (!values.cert) throw new UsageError('cert check needs --cert FILE (PEM, DER, PKCS#7 or PKCS#12).')
  let passphrase = ''
  if (values['passphrase-env'] !== undefined) {
    const value = io.env[values['passphrase-env']]
    if (value === undefined) throw new UsageError(`The environment variable ${values['passphrase-env']} is not set.`)
    passphrase = value
  }
  let host: { host: string; port: number } | null = null
  if (values.host !== undefined) {
    if (values.domains === undefined)
      throw new UsageError(
        "--host is checked against the certificate's authorized domains: give them with --domains '*.example.com,api.example.net:8443'."
      )
    host = parseHostArgument(values.host)
  }
  const report = (
    await validateCertificate(
      {
        certificate: readMaterialFile(values.cert, '--cert'),
        key: values.key ? readMaterialFile(values.key, '--key') : null,
        passphrase,
        ca: values.ca ? readMaterialFile(values.ca, '--ca') : null,
        domains: (values.domains ?? '').split(/[,\n]/).join('\n'),
        host
      },
      new Date(io.now() * 1000)
    )
  ).report
  // Domain findings are noise unless domains were asked about.
  const findings = values.domains === undefined ? report.findings.filter((f) => f.param !== 'domains') : report.findings
  const ok = !hasError(findings)
  if (values.json) {
    io.stdout(
      JSON.stringify(
        {
          ok,
          keyMatches: report.keyMatches,
          chainValid: report.chainValid,
          passphrase: report.passphrase,
          certificateFormat: report.certificateFormat,
          keyFormat: report.keyFormat,
          certificate: report.certificate,
          chain: report.chain,
          links: report.links,
          findings: findings.map((f) => ({
            code: f.code,
            severity: f.severity,
            field: f.param,
            message: f.message,
            fix: f.fix
          }))
        },
        null,
        2
      )
    )
  } else io.stdout(certificateText(report, findings))
  return ok ? 0 : 1
}

function readMaterialFile(file: string, flag: string): { fileName: string; base64: string } {
  try {
    const bytes = readFileSync(file)
    if (bytes.length > MAX_CERTIFICATE_BYTES)
      throw new UsageError(
        `${flag} ${file} is ${Math.round(bytes.length / 1024)} KB; a certificate or key is a few KB. Is it the right file?`
      )
    return { fileName: file, base64: bytes.toString('base64') }
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`Cannot read ${flag} ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`)
  }
}

function parseHostArgument(text: string): { host: string; port: number } {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`)
    return {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443
    }
  } catch {
    throw new UsageError(`--host "${text}" is not a host name (api.example.com, api.example.com:8443 or a URL).`)
  }
}
