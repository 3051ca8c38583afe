/**
 * The signer's self-check is worked out once per fixed part of a URL and reused: a reused verdict
 * must be exactly what a full inspection of the new URL says, for every kind of persona and option,
 * and a change to anything it depends on (limits, credential, persona, options) must be seen.
 */
import { describe, expect, it } from 'vitest'
import type { EmbedOptions, Persona, SigningMethod } from '../../../preload/contract'
import { inspectEmbed } from '../../../main/inspector/inspector'
import { defaultLimits, type ProtocolLimits } from '../../../main/protocol/parameters'
import { signEmbed } from '../../../main/signing/signing-service'
import { CLIENT_ID, EMBED_PATH, NOW, options, salesManager, SECRET, WORKBOOK_URL } from '../../fixtures/embed'

const key = { name: 'Staging', clientId: CLIENT_ID, secret: SECRET }

/** What a fresh, full inspection of this URL says, with the signer's own choices left out. */
function fullVerdict(url: string, now: number, limits: ProtocolLimits, name = key.name) {
  return inspectEmbed(url, { credentials: [{ ...key, name, status: 'active' }], now, limits }).findings.filter(
    (f) => f.code !== 'CONTROL_VALUE' && f.code !== 'ENCODING_STYLE'
  )
}

const personas: Persona[] = [
  salesManager,
  { ...salesManager, id: 'p2', teams: [], accountType: '', email: 'NOT AN EMAIL', externalUserId: '' },
  {
    ...salesManager,
    id: 'p3',
    firstName: 'Ana',
    lastName: 'Lima',
    userAttributes: [
      { name: 'Region', values: ['West', 'East'] },
      { name: 'Odd name!', values: ['a&b=c'] }
    ],
    evalConnectionId: 'conn-1',
    extraParams: [{ name: ':unknwon_param', value: 'x' }]
  },
  { ...salesManager, id: 'p4', accountType: 'Viewer', teams: ['A', 'B,C'] }
]
const optionSets: Partial<EmbedOptions>[] = [
  {},
  { sessionLength: 7200, theme: 'Dark', hide: [':hide_folder_navigation'], lng: 'fr' },
  { sessionLength: 99_999_999, mode: 'userbacked', controls: [{ name: 'Region', value: 'West' }] },
  { jwtVersion: '1.0', responsiveHeight: true, menuPosition: 'bottom' }
]
const limitSets: ProtocolLimits[] = [
  defaultLimits,
  { maxSessionLengthSeconds: 3600, clockSkewSeconds: 60, strictParameters: true }
]

describe('the self-check verdict, reused', () => {
  it('equals a full inspection of each new URL, for every persona, option, method and limits, at any time', async () => {
    let compared = 0
    let withFindings = 0
    for (const method of ['url', 'jwt'] as SigningMethod[])
      for (const persona of personas)
        for (const over of optionSets)
          for (const limits of limitSets) {
            const opts = options({ ...over, ...(method === 'jwt' ? { embedPath: WORKBOOK_URL } : {}) })
            // The first sign works the verdict out; the next ones, hours apart, reuse it.
            for (const now of [NOW, NOW + 3_600, NOW + 86_400 * 40]) {
              const signed = await signEmbed({ method, persona, options: opts, key, now, limits })
              expect(signed.findings).toEqual(fullVerdict(signed.url, now, limits))
              compared++
              if (signed.findings.length) withFindings++
            }
          }
    expect(compared).toBe(2 * 4 * 4 * 2 * 3)
    // The sets above are chosen to give findings too, so the comparison is not only of empty lists.
    expect(withFindings).toBeGreaterThan(compared / 3)
  })

  it('sees a change of limits, credential name, persona or options at once', async () => {
    const sign = (over: Partial<Parameters<typeof signEmbed>[0]>) =>
      signEmbed({
        method: 'url',
        persona: salesManager,
        options: options({ sessionLength: 7200 }),
        key,
        now: NOW,
        limits: defaultLimits,
        ...over
      })
    const codes = async (over: Partial<Parameters<typeof signEmbed>[0]>) =>
      (await sign(over)).findings.map((f) => f.code)
    const strict = { maxSessionLengthSeconds: 3600, clockSkewSeconds: 60 }
    expect(await codes({})).not.toContain('SESSION_LENGTH_EXCEEDS_MAX')
    expect(await codes({ limits: strict })).toContain('SESSION_LENGTH_EXCEEDS_MAX')
    expect(await codes({})).not.toContain('SESSION_LENGTH_EXCEEDS_MAX')
    expect(await codes({ options: options({ sessionLength: 600 }), limits: strict })).not.toContain(
      'SESSION_LENGTH_EXCEEDS_MAX'
    )
    const bad = { ...salesManager, email: 'NOT AN EMAIL' }
    expect(await codes({ persona: bad })).toEqual(
      fullVerdict((await sign({ persona: bad })).url, NOW, defaultLimits).map((f) => f.code)
    )
    const renamed = { ...key, name: 'Production' }
    const signed = await sign({ key: renamed, limits: strict })
    expect(signed.findings).toEqual(fullVerdict(signed.url, NOW, strict, 'Production'))
  })

  it('still inspects a URL in full when its path is wrong', async () => {
    await expect(
      signEmbed({
        method: 'url',
        persona: salesManager,
        options: options({ embedPath: `${EMBED_PATH}?x=1` }),
        key,
        now: NOW,
        limits: defaultLimits
      })
    ).rejects.toThrow(/query string/)
  })
})
