/** `embed-workbench migrate`, run in-process: the JWT URL, the mapping, the verdict and the exit codes. */
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/index'
import { CLIENT_ID, SECRET } from '../../fixtures/embed'
import { sampleSignedUrl } from '../../fixtures/vendor-samples'
import { tempDir } from '../helpers'

const NOW = 1_790_000_000
async function run(args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { EMBED_SECRET: SECRET },
    readStdin: () => '',
    now: () => NOW
  })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}
const signed = (teams: string[]) =>
  sampleSignedUrl('quickstart', {
    embedPath: 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn',
    clientId: CLIENT_ID,
    secret: SECRET,
    user: { email: 'sales.person@example.com', teams, accountType: 'Viewer' },
    now: NOW - 5
  })

describe('embed-workbench migrate', () => {
  it('prints the JWT URL, the mapping and "Equivalent"; --json has the same; exit 0', async () => {
    const dir = tempDir()
    const text = await run(['migrate', signed(['Sales_People']), '--secret-env', 'EMBED_SECRET', '--data-dir', dir])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(
      /^https:\/\/app\.sigmacomputing\.com\/plugs-electronics\/workbook\/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn\?:jwt=/
    )
    expect(text.stdout).toContain(':external_user_team  claim teams')
    expect(text.stdout).toContain('Equivalent: the emulator gives both sales.person@example.com')
    const json = await run([
      'migrate',
      signed(['Sales_People']),
      '--secret-env',
      'EMBED_SECRET',
      '--data-dir',
      dir,
      '--json'
    ])
    const result = JSON.parse(json.stdout) as { equivalence: { equivalent: boolean }; mapping: unknown[] }
    expect(result.equivalence.equivalent).toBe(true)
    expect(result.mapping.length).toBeGreaterThan(8)
  })

  it('exit 1 with each difference named; exit 2 without a secret or a URL', async () => {
    const refused = await run([
      'migrate',
      signed(['No_Such_Team']),
      '--secret-env',
      'EMBED_SECRET',
      '--data-dir',
      tempDir()
    ])
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('Not equivalent:')
    expect((await run(['migrate', signed(['Sales_People'])])).code).toBe(2)
    expect((await run(['migrate', '--secret-env', 'EMBED_SECRET'])).code).toBe(2)
  })
})
