/**
 * Issue 15's size: a 200 MB HAR (a long session with big script bodies, the embed load at the
 * end) read to the end by `embed-workbench har` as a stream, and one cut off mid-body judged up
 * to the cut.
 */
import { execFile } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { root } from './harness'
import { SECRET } from '../fixtures/embed'
import { entry, signedUrl, T0 } from '../fixtures/har'

const run = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'ewb-har-large-'))
const path = join(dir, 'long-session.har')
const TARGET = 200 * 1024 * 1024

beforeAll(async () => {
  const out = createWriteStream(path)
  const write = (text: string) =>
    new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)))
  await write(
    '{"log":{"version":"1.2","creator":{"name":"Firefox","version":"146.0"},"browser":{"name":"Firefox","version":"146.0"},"pages":[],"entries":['
  )
  const body = 'x'.repeat(256 * 1024)
  let written = 0
  let i = 0
  const url = signedUrl(T0 + 5000)
  while (written < TARGET) {
    const text = JSON.stringify(
      entry({ at: T0 + i, url: `https://cdn.example/${i}.js`, mimeType: 'text/javascript', body })
    )
    await write(`${i ? ',' : ''}${text}`)
    written += text.length
    i++
  }
  await write(
    `,${JSON.stringify(entry({ at: T0 + 5000, url }))},${JSON.stringify(entry({ at: T0 + 5001, url, status: 403 }))}]}}`
  )
  await new Promise<void>((resolve) => out.end(resolve))
}, 60_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function har(file: string) {
  try {
    const { stdout } = await run(
      process.execPath,
      [join(root, 'bin/embed-workbench.js'), 'har', file, '--json', '--secret-env', 'S'],
      {
        env: { PATH: process.env.PATH ?? '', S: SECRET },
        maxBuffer: 64 * 1024 * 1024
      }
    )
    return { code: 0, stdout }
  } catch (error) {
    return error as { code: number; stdout: string }
  }
}

describe('a 200 MB HAR', () => {
  it('is read to its end: every entry counted, the embed loads at the end judged', async () => {
    expect(statSync(path).size).toBeGreaterThan(TARGET)
    const { code, stdout } = await har(path)
    const report = JSON.parse(stdout) as {
      file: { entries: number; browser: string }
      entries: { status: number; findings: { code: string }[] }[]
    }
    expect(code).toBe(1)
    expect(report.file.entries).toBeGreaterThan(790)
    expect(report.file.browser).toBe('Firefox 146.0')
    expect(report.entries.map((e) => e.status)).toEqual([200, 403])
    expect(report.entries[1]!.findings.map((f) => f.code)).toContain('NONCE_REUSED')
  }, 120_000)

  it('cut off in the middle of a body, is judged up to the cut and says it was cut', async () => {
    truncateSync(path, Math.floor(TARGET / 2) + 12_345)
    const { stdout } = await har(path)
    const report = JSON.parse(stdout) as {
      file: { truncated: boolean; entries: number }
      problems: { code: string; message: string }[]
    }
    expect(report.file.truncated).toBe(true)
    expect(report.file.entries).toBeGreaterThan(350)
    expect(report.problems.map((p) => p.code)).toContain('HAR_TRUNCATED')
  }, 120_000)
})
