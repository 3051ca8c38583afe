/**
 * The signer against vectors made by the documented algorithm independently of it: the
 * QuickStart's string building with node:crypto, a digest from the openssl command, and jose's own
 * verification of our JWTs.
 */
import { createHmac } from 'node:crypto'
import { jwtVerify, decodeProtectedHeader } from 'jose'
import { describe, expect, it } from 'vitest'
import { encodeValue, wellFormed } from '../../../main/protocol/encoding'
import { signJwt, signUrl } from '../../../main/signing/signer'
import { CLIENT_ID, EMBED_PATH, NOW, options, salesManager, SECRET, WORKBOOK_URL } from '../../fixtures/embed'

const NONCE = '5b0c6ab1-4c3a-4b59-9b9a-0e2b8c5a1f00'
const key = { clientId: CLIENT_ID, secret: SECRET }

describe('signed URL', () => {
  it('matches the QuickStart embed-api.js string and an openssl-computed HMAC', () => {
    // As the QuickStart's embed-api.js builds it, by concatenation.
    let searchParams = `?:nonce=${NONCE}`
    searchParams += `&:client_id=${CLIENT_ID}`
    searchParams += '&:email=sales.manager@example.com'
    searchParams += '&:external_user_id=sales-manager-1'
    searchParams += '&:external_user_team=Sales_Managers'
    searchParams += '&:account_type=Creator'
    searchParams += '&:mode=userbacked'
    searchParams += '&:session_length=600'
    searchParams += `&:time=${NOW}`
    const unsigned = EMBED_PATH + searchParams
    // printf %s "$URL" | openssl dgst -sha256 -hmac "$SECRET"
    const opensslDigest = '33786d1301286c389732b6b1fc599ad4f8ef16fc90b355b0625a1e8b0707fd6b'
    expect(createHmac('sha256', Buffer.from(SECRET, 'utf8')).update(Buffer.from(unsigned, 'utf8')).digest('hex')).toBe(
      opensslDigest
    )

    const signed = signUrl({ persona: salesManager, options: options(), key, now: NOW, nonce: NONCE })
    expect(signed.url).toBe(`${unsigned}&:signature=${opensslDigest}`)
    expect(signed.params.at(-1)).toEqual({ name: ':signature', value: opensslDigest })
    expect(signed).toMatchObject({ method: 'url', oneTimeId: NONCE, issuedAt: NOW, expiresAt: NOW + 600 })
  })

  it('puts every optional parameter after the required ones, raw key values, signature last', () => {
    const persona = {
      ...salesManager,
      teams: ['Sales_Managers', 'West Coast'],
      userAttributes: [{ name: 'Region', values: ['West', 'North West'] }],
      firstName: 'Ada',
      lastName: 'Lovelace',
      evalConnectionId: 'conn-1',
      extraParams: [{ name: ':use_user_name', value: 'true' }]
    }
    const signed = signUrl({
      persona,
      options: options({
        theme: 'Dark',
        menuPosition: 'top',
        hide: [':hide_folder_navigation'],
        lng: 'fr',
        lngVariant: 'CA',
        responsiveHeight: true,
        controls: [{ name: 'Region-Control', value: 'West & East' }],
        versionTag: 'prod'
      }),
      key,
      now: NOW,
      nonce: NONCE
    })
    const url = new URL(signed.url)
    expect(url.pathname).toBe('/embed/1-3kxOdcUS4xsaEFdy1Wkwgn/tag/prod')
    const names = signed.url
      .split('?')[1]!
      .split('&')
      .map((s) => s.split('=')[0])
    expect(names).toEqual([
      ':nonce',
      ':client_id',
      ':email',
      ':external_user_id',
      ':external_user_team',
      ':account_type',
      ':mode',
      ':session_length',
      ':time',
      ':first_name',
      ':last_name',
      ':ua_Region',
      ':eval_connection_id',
      ':use_user_name',
      ':theme',
      ':menu_position',
      ':hide_folder_navigation',
      ':lng',
      ':lng_variant',
      ':responsive_height',
      'Region-Control',
      ':signature'
    ])
    expect(signed.url).toContain('&:external_user_team=Sales_Managers,West%20Coast&')
    expect(signed.url).toContain('&:ua_Region=West,North%20West&')
    expect(signed.url).toContain('&Region-Control=West%20%26%20East&')
    const [unsigned, signature] = signed.url.split('&:signature=')
    expect(signature).toBe(createHmac('sha256', SECRET).update(unsigned!).digest('hex'))
  })

  it('uses a fresh nonce for every URL', () => {
    const a = signUrl({ persona: salesManager, options: options(), key, now: NOW })
    const b = signUrl({ persona: salesManager, options: options(), key, now: NOW })
    expect(a.oneTimeId).not.toBe(b.oneTimeId)
    expect(a.url).not.toBe(b.url)
  })

  it('encodes only what would break the query', () => {
    expect(encodeValue('a:b,c@d/e=f?g')).toBe('a:b,c@d/e=f?g')
    expect(encodeValue('a b&c#d+e%f')).toBe('a%20b%26c%23d%2Be%25f')
    expect(encodeValue('Zürich\n')).toBe('Z%C3%BCrich%0A')
  })

  it('leaves a value as it is only when nothing in it needs encoding (every code unit, and random mixes)', () => {
    // The rule as the signer states it: space, %, &, #, +, control and non-ASCII are encoded.
    const mustEncode = (c: string) => /[\s%&#+\p{Cc}\u007f-\uffff]/u.test(c)
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code)
      if (code >= 0xd800 && code <= 0xdfff) expect(encodeValue(c)).toBe('%EF%BF%BD')
      else expect(encodeValue(`a${c}b`)).toBe(mustEncode(c) ? `a${encodeURIComponent(c)}b` : `a${c}b`)
    }
    const alphabet = [
      'a',
      'Z',
      '9',
      ':',
      ',',
      '@',
      '/',
      '=',
      '?',
      ' ',
      '%',
      '&',
      '#',
      '+',
      '\t',
      'ü',
      '😀',
      '\ud83d',
      '~'
    ]
    for (let i = 0; i < 2000; i++) {
      const value = Array.from(
        { length: 1 + (i % 12) },
        (_, j) => alphabet[(i * 7 + j * 13 + (i >> 3)) % alphabet.length]
      ).join('')
      const encoded = encodeValue(value)
      expect(decodeURIComponent(encoded)).toBe(wellFormed(value))
      expect(/[\s&#+]|%(?![0-9A-F]{2})/.test(encoded)).toBe(false)
    }
  })
})

describe('JWT', () => {
  it('is HS256 with kid = client id and the documented claims, verified by jose', async () => {
    const persona = {
      ...salesManager,
      userAttributes: [
        { name: 'Region', values: ['West'] },
        { name: 'Tier', values: ['a', 'b'] }
      ],
      firstName: 'Ada',
      lastName: 'L'
    }
    const signed = await signJwt({
      persona,
      options: options({ embedPath: WORKBOOK_URL }),
      key,
      now: NOW,
      nonce: NONCE
    })
    const token = new URL(signed.url).searchParams.get(':jwt')!
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', kid: CLIENT_ID, typ: 'JWT' })
    const { payload } = await jwtVerify(token, Buffer.from(SECRET, 'utf8'), {
      algorithms: ['HS256'],
      currentDate: new Date(NOW * 1000),
      audience: 'sigmacomputing'
    })
    expect(payload).toEqual({
      sub: 'sales.manager@example.com',
      jti: NONCE,
      iat: NOW,
      exp: NOW + 600,
      ver: '1.1',
      aud: 'sigmacomputing',
      account_type: 'Creator',
      teams: ['Sales_Managers'],
      user_attributes: { Region: 'West', Tier: ['a', 'b'] },
      first_name: 'Ada',
      last_name: 'L'
    })
    // The same signature by the bare algorithm.
    const [h, p, s] = token.split('.')
    expect(createHmac('sha256', SECRET).update(`${h}.${p}`).digest('base64url')).toBe(s)
    // Signed again with the imported key kept, and with another secret: each its own, right signature.
    for (const secret of [SECRET, 'another-secret-of-enough-length']) {
      const again = await signJwt({
        persona,
        options: options({ embedPath: WORKBOOK_URL }),
        key: { ...key, secret },
        now: NOW
      })
      const [h2, p2, s2] = new URL(again.url).searchParams.get(':jwt')!.split('.')
      expect(createHmac('sha256', secret).update(`${h2}.${p2}`).digest('base64url')).toBe(s2)
    }
  })

  it('omits aud for version 1.0', async () => {
    const signed = await signJwt({
      persona: salesManager,
      options: options({ embedPath: WORKBOOK_URL, jwtVersion: '1.0' }),
      key,
      now: NOW
    })
    expect(signed.jwt!.payload['aud']).toBeUndefined()
    expect(signed.jwt!.payload['ver']).toBe('1.0')
  })

  it('builds the URL as :jwt, :embed=true, then display parameters and control values', async () => {
    const signed = await signJwt({
      persona: salesManager,
      options: options({
        embedPath: `${WORKBOOK_URL}/page/Abc`,
        theme: 'Surface',
        menuPosition: 'none',
        hide: [':hide_tooltip'],
        controls: [{ name: 'Store-Region', value: 'East' }]
      }),
      key,
      now: NOW
    })
    const query = signed.url
      .split('?')[1]!
      .split('&')
      .map((s) => s.split('=')[0])
    expect(signed.url.startsWith(`${WORKBOOK_URL}/page/Abc?:jwt=ey`)).toBe(true)
    expect(query).toEqual([':jwt', ':embed', ':theme', ':menu_position', ':hide_tooltip', 'Store-Region'])
  })
})
