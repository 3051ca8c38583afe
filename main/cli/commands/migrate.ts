import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { EMULATOR_FILE_NAME, openOrg, seedOrg } from '../../emulator/org'
import type { Migration } from '../../../preload/contract'
import { migrateSignedUrl } from '../../migration/migrate'
import { defaultLimits } from '../../protocol/parameters'
import { storeFilePath } from '../../store/json-file'
import { defaultDataDir } from '../../store/paths'
import { readSecrets, secretOptions } from '../args'
import { UsageError, type CliIo } from '../usage'

/**
 * `migrate SIGNED_URL --secret-env VAR`: the JWT URL, where each parameter went, what behaves
 * differently, and whether the emulator's org judges both the same (exit 0) or not (exit 1).
 */
export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      ...secretOptions,
      'workbook-url': { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean' }
    }
  })
  if (positionals.length !== 1)
    throw new UsageError('migrate takes one signed URL (or "-" to read it from standard input).')
  const secrets = readSecrets(values, io)
  if (secrets.length !== 1)
    throw new UsageError('migrate needs the secret the URL was signed with: --secret-env VAR or --secret-file F.')
  const url = positionals[0] === '-' ? io.readStdin() : positionals[0]!
  // The emulator org of the app's data folder (its teams, account types, workbooks), or the seeded one.
  const dataDir = values['data-dir'] ?? io.env['EWB_DATA_DIR'] ?? defaultDataDir()
  const org = existsSync(storeFilePath(dataDir, EMULATOR_FILE_NAME))
    ? openOrg({ dataDir }).get()
    : seedOrg(new Date(io.now() * 1000))
  const result = await migrateSignedUrl({
    url,
    secret: secrets[0]!.secret,
    org,
    now: io.now(),
    limits: defaultLimits,
    ...(values['workbook-url'] ? { workbookUrl: values['workbook-url'] } : {})
  })
  io.stdout(values.json ? JSON.stringify(result, null, 2) : migrationText(result))
  return result.equivalence.equivalent ? 0 : 1
}

function migrationText(m: Migration): string {
  const width = Math.max(...m.mapping.map((r) => r.param.length))
  const lines = [
    m.jwtUrl,
    '',
    'Where each parameter went:',
    ...m.mapping.map(
      (r) =>
        `  ${r.param.padEnd(width)}  ${r.to === 'dropped' ? 'dropped' : `${r.to} ${r.as ?? ''}`.trim()}  — ${r.why}`
    ),
    '',
    'What changes:',
    ...m.changes.map((c) => `  - ${c}`),
    ''
  ]
  const e = m.equivalence
  if (e.equivalent) {
    const f = e.jwtUrl.facts!
    lines.push(
      `Equivalent: the emulator gives both ${f.email} (${f.accountType ?? 'no account type'}; ${f.permissions.join(', ')}), teams ${f.teams.join(', ') || 'none'}, ${f.rows} rows.`
    )
  } else lines.push('Not equivalent:', ...e.differences.map((d) => `  - ${d}`))
  return lines.join('\n')
}
