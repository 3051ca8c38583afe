import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { Result } from '../../preload/contract'

/** Small scrypt cost so unit tests stay fast; the default cost is exercised end to end. */
export const fastScrypt = { N: 2 ** 10, r: 8, p: 1 }

const dirs: string[] = []
export function tempDir(prefix = 'ewb-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`)
  return result.value
}

export const hex = (n: number, char = 'a') => char.repeat(n)
