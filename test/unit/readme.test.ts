/**
 * The README is the contract a new engineer reads first: its code fences must pair up, so no
 * heading (like "Quick start") ends up rendered inside a code block, and the quick start must
 * name the commands package.json really has.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(__dirname, '../..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts

describe('README', () => {
  it('pairs every code fence, and no heading sits inside a code block', () => {
    let open: number | null = null
    const headingsInCode: string[] = []
    readme.split('\n').forEach((line, index) => {
      if (/^\s*```/.test(line)) open = open === null ? index + 1 : null
      else if (open !== null && line.startsWith('## ')) headingsInCode.push(`${index + 1}: ${line}`)
    })
    expect(open, 'a fence opened on this line is never closed').toBeNull()
    expect(headingsInCode).toEqual([])
  })

  it('starts with the quick start: npm ci, the start command and the test command that exist', () => {
    const headings = readme.split('\n').filter((line) => line.startsWith('## '))
    expect(headings[0]).toBe('## Quick start')
    const quickStart = readme.slice(
      readme.indexOf('## Quick start'),
      readme.indexOf('\n## ', readme.indexOf('## Quick start') + 3)
    )
    for (const command of ['npm ci', 'npm start', 'npm test', 'npm run browser']) expect(quickStart).toContain(command)
    expect(scripts['start']).toBeDefined()
    expect(scripts['test']).toBeDefined()
    expect(scripts['browser']).toBeDefined()
    expect(quickStart).toMatch(/First run/)
    expect(quickStart).toMatch(/Node\.js \*\*20\.19\+\*\*/)
  })
})
