import { describe, expect, it } from 'vitest'
import type { EmbedTarget } from '../../../../../preload/contract'
import { originOf, pathFor, targetFor, targetPath } from '../../../../../renderer/src/shared/signing/pathForm'

const target: EmbedTarget = {
  kind: 'workbook',
  label: 'Plugs Sales',
  workbookId: 'w1',
  embedPath: 'http://127.0.0.1:4781/embed/1-3kxOdcUS4xsaEFdy1Wkwgn',
  workbookUrl: 'http://127.0.0.1:4781/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn',
  apiUrl: 'http://127.0.0.1:4781/plugs-electronics/workbook/Plugs-Sales/0b7e'
}

describe('the path form follows the signing method', () => {
  it('turns an embed path into the workbook URL for a JWT and back, keeping the origin typed', () => {
    const real = 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn'
    const jwt = pathFor('jwt', real, [target])
    expect(jwt).toBe('https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn')
    expect(pathFor('url', jwt!, [target])).toBe(real)
    expect(pathFor('url', 'https://app.sigmacomputing.com/plugs-electronics/workbook/Plugs-Sales/0b7e', [target])).toBe(
      real
    )
  })

  it('leaves a path it does not know, an invalid one, or one already in the right form', () => {
    expect(pathFor('jwt', 'https://app.sigmacomputing.com/embed/1-other', [target])).toBeNull()
    expect(pathFor('jwt', 'not a url', [target])).toBeNull()
    expect(pathFor('url', target.embedPath, [target])).toBeNull()
  })
})

describe('a target on a host', () => {
  it('is the path of the method on the origin given; an origin is only an http(s) URL’s', () => {
    expect(targetPath(target, 'url', 'https://app.sigmacomputing.com')).toBe(
      'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn'
    )
    expect(targetPath(target, 'jwt', 'http://127.0.0.1:9')).toBe(
      'http://127.0.0.1:9/plugs-electronics/workbook/Plugs-Sales-3kxOdcUS4xsaEFdy1Wkwgn'
    )
    expect(originOf(' https://app.sigmacomputing.com/embed/x ')).toBe('https://app.sigmacomputing.com')
    expect(originOf('javascript:alert(1)')).toBeNull()
    expect(originOf('/embed/1-x')).toBeNull()
    expect(targetFor('https://elsewhere.example/embed/1-3kxOdcUS4xsaEFdy1Wkwgn/', [target])).toBe(target)
  })
})
