import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openPersonas } from '../../../main/personas/personas-service'
import { tempDir } from '../helpers'

describe('personas', () => {
  it('seeds the QuickStart personas on first run, once', () => {
    const dir = tempDir()
    const personas = openPersonas({ dataDir: dir })
    expect(personas.list().map((p) => [p.name, p.accountType, p.teams])).toEqual([
      ['Sales Manager', 'Creator', ['Sales_Managers']],
      ['Sales Person', 'Viewer', ['Sales_People']]
    ])
    personas.remove(personas.list()[0]!.id)
    expect(
      openPersonas({ dataDir: dir })
        .list()
        .map((p) => p.name)
    ).toEqual(['Sales Person'])
  })

  it('creates, edits (trimming what was typed), duplicates and deletes; survives a restart', () => {
    const dir = tempDir()
    const personas = openPersonas({ dataDir: dir })
    const created = personas.create({
      name: ' West analyst ',
      email: 'west@example.com',
      teams: ['Sales_People', ' ', ' West '],
      accountType: 'Analyst Plus',
      userAttributes: [
        { name: 'Region', values: ['West', ''] },
        { name: '', values: [] }
      ],
      extraParams: [
        { name: ':use_user_name', value: 'true' },
        { name: ' ', value: 'x' }
      ]
    })
    expect(created).toMatchObject({
      name: 'West analyst',
      teams: ['Sales_People', 'West'],
      userAttributes: [{ name: 'Region', values: ['West'] }],
      extraParams: [{ name: ':use_user_name', value: 'true' }]
    })
    const { id: _id, ...fields } = created
    const edited = personas.update(created.id, { ...fields, email: 'west2@example.com' })
    expect(() => personas.update(created.id, { ...created })).toThrow(
      expect.objectContaining({ code: 'PERSONA_INVALID' })
    )
    expect(edited.email).toBe('west2@example.com')
    const copy = personas.duplicate(created.id)
    expect(copy.name).toBe('West analyst copy')
    expect(personas.duplicate(created.id).name).toBe('West analyst copy (2)')
    expect(copy.id).not.toBe(created.id)
    personas.remove(copy.id)
    const again = openPersonas({ dataDir: dir }).list()
    expect(again.map((p) => p.name)).toEqual(['Sales Manager', 'Sales Person', 'West analyst', 'West analyst copy (2)'])
    expect(again[2]).toEqual(edited)
  })

  it('refuses a persona without a name, a duplicate name, or a named-less attribute with values', () => {
    const personas = openPersonas({ dataDir: tempDir() })
    expect(() => personas.create({ name: '  ' })).toThrow(
      expect.objectContaining({ code: 'PERSONA_INVALID', field: 'name' })
    )
    expect(() => personas.create({ name: 'sales manager' })).toThrow(
      expect.objectContaining({ code: 'NAME_TAKEN', field: 'name' })
    )
    expect(() => personas.create({ name: 'X', userAttributes: [{ name: '', values: ['West'] }] })).toThrow(
      expect.objectContaining({ code: 'PERSONA_INVALID', field: 'userAttributes' })
    )
    expect(() => personas.update('nope', { name: 'X' })).toThrow(expect.objectContaining({ code: 'PERSONA_NOT_FOUND' }))
  })

  it('exports persona fields only and imports them back under free names', () => {
    const source = openPersonas({ dataDir: tempDir() })
    source.create({
      name: 'Regional',
      email: 'r@example.com',
      teams: ['T'],
      userAttributes: [{ name: 'Region', values: ['East'] }]
    })
    const { json, count } = source.exportJson()
    expect(count).toBe(3)
    const parsed = JSON.parse(json)
    expect(parsed.format).toBe('embed-workbench-personas')
    expect(Object.keys(parsed.personas[0]).sort()).toEqual([
      'accountType',
      'email',
      'evalConnectionId',
      'externalUserId',
      'extraParams',
      'firstName',
      'lastName',
      'name',
      'teams',
      'userAttributes'
    ])
    expect(json).not.toMatch(/"id"|secret|client/i)
    const target = openPersonas({ dataDir: tempDir() })
    const result = target.importJson(json)
    expect(result.imported.map((p) => p.name)).toEqual(['Sales Manager (2)', 'Sales Person (2)', 'Regional'])
    expect(result.notices).toEqual([
      '"Sales Manager" already exists; imported as "Sales Manager (2)".',
      '"Sales Person" already exists; imported as "Sales Person (2)".'
    ])
    expect(target.list().find((p) => p.name === 'Regional')!.userAttributes).toEqual([
      { name: 'Region', values: ['East'] }
    ])
  })

  it('imports 3,000 personas of one name, each given the next free "(n)", skipping one taken already', () => {
    const target = openPersonas({ dataDir: tempDir() })
    const { id: _id, ...fields } = target.get(target.list()[0]!.id)
    target.create({ ...fields, name: 'Twin (3)' })
    const one = JSON.parse(target.exportJson([target.list()[0]!.id]).json)
    const json = JSON.stringify({
      ...one,
      personas: Array.from({ length: 3000 }, () => ({ ...one.personas[0], name: 'Twin' }))
    })
    const result = target.importJson(json)
    const names = result.imported.map((p) => p.name)
    expect(names.slice(0, 3)).toEqual(['Twin', 'Twin (2)', 'Twin (4)'])
    expect(names.at(-1)).toBe('Twin (3001)')
    expect(new Set(target.list().map((p) => p.name.toLowerCase())).size).toBe(target.list().length)
  })

  it('import says what is wrong and imports nothing from a bad file; unknown fields are dropped with a notice', () => {
    const personas = openPersonas({ dataDir: tempDir() })
    expect(() => personas.importJson('{"personas": [')).toThrow(
      expect.objectContaining({ code: 'IMPORT_INVALID', field: 'json' })
    )
    expect(() => personas.importJson('{"nothing": 1}')).toThrow(expect.objectContaining({ code: 'IMPORT_INVALID' }))
    expect(() => personas.importJson(JSON.stringify([{ name: 'Good' }, { name: 'Bad', teams: 'not-a-list' }]))).toThrow(
      expect.objectContaining({ message: expect.stringContaining('Persona 2 ("Bad"): teams') })
    )
    expect(personas.list().map((p) => p.name)).toEqual(['Sales Manager', 'Sales Person'])
    const result = personas.importJson(
      JSON.stringify([{ name: 'Carried', secret: 'x', clientSecret: 'y', email: 'c@example.com' }])
    )
    expect(result.notices).toEqual(['Persona 1: ignored unknown fields "secret", "clientSecret".'])
    expect(JSON.stringify(personas.list())).not.toContain('"x"')
  })

  it('a corrupt personas file is moved aside and the user is told', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'personas.json'), '{"version": 1, "personas": [{"name": 3}]}')
    const personas = openPersonas({ dataDir: dir })
    expect(personas.notices[0]).toMatchObject({ code: 'STORE_MOVED_ASIDE' })
    expect(personas.notices[0]!.message).toContain('personas file')
    expect(readdirSync(dir).some((f) => f.startsWith('personas.json.corrupt-'))).toBe(true)
    expect(personas.list()).toEqual([])
    personas.create({ name: 'Fresh' })
    expect(
      JSON.parse(readFileSync(join(dir, 'personas.json'), 'utf8')).personas.map((p: { name: string }) => p.name)
    ).toEqual(['Fresh'])
  })
})
