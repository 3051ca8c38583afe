import { randomBytes } from 'node:crypto'
import { resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveAppFile } from '../../../main/core/app-files'

const root = resolve('/srv/app/renderer')

describe('resolveAppFile', () => {
  it('maps / to index.html and plain paths under the root', () => {
    expect(resolveAppFile(root, '/')).toBe(resolve(root, 'index.html'))
    expect(resolveAppFile(root, '/assets/index-abc.js?v=1')).toBe(resolve(root, 'assets/index-abc.js'))
  })

  it.each([
    '/../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/assets/%2e%2e/%2e%2e/x',
    '/%00',
    '/a\\..\\..\\x',
    '/.git/config',
    '/%E0%A4%A',
    '/assets/.hidden'
  ])('refuses %s', (path) => {
    expect(resolveAppFile(root, path)).toBeNull()
  })

  it('never resolves outside the root, whatever the path (fuzzed)', () => {
    const alphabet = ['/', '.', '..', '%2e', '%2f', '%5c', '\\', 'a', '%00', '%', '~', 'assets', '?', '#', '%252e']
    for (let i = 0; i < 5000; i++) {
      const bytes = randomBytes(12)
      const path = '/' + [...bytes].map((b) => alphabet[b % alphabet.length]).join('')
      const resolved = resolveAppFile(root, path)
      if (resolved !== null) expect(resolved.startsWith(root + sep), path).toBe(true)
    }
  })
})
