import { describe, expect, it } from 'vitest'
import type { Persona, WorkbenchFailure } from '../../../../../preload/contract'
import {
  emptyPersonaDraft,
  personaFieldNames,
  sameDraft,
  splitList,
  toDraft,
  toInput
} from '../../../../../renderer/src/features/personas/personaDraft'
import { placeError } from '../../../../../renderer/src/ui/formErrors'

const persona: Persona = {
  id: 'p-1',
  name: 'Sales Manager',
  email: 'sales.manager@example.com',
  externalUserId: 'sales-manager-1',
  teams: ['Sales_Managers', 'East'],
  accountType: 'Creator',
  userAttributes: [
    { name: 'Region', values: ['East', 'West'] },
    { name: 'Tier', values: ['Gold'] }
  ],
  firstName: 'Sam',
  lastName: 'Lee',
  evalConnectionId: 'conn-7',
  extraParams: [{ name: ':theme', value: 'Dark' }]
}

describe('the persona form (personaDraft)', () => {
  it('round-trips a persona through the form without losing a field', () => {
    const { id: _id, ...stored } = persona
    expect(toInput(toDraft(persona))).toEqual(stored)
  })

  it('shows lists as comma-separated text and a custom account type as custom', () => {
    const draft = toDraft({ ...persona, accountType: 'Analyst' })
    expect(draft.teams).toBe('Sales_Managers, East')
    expect(draft.userAttributes).toEqual([
      { name: 'Region', value: 'East, West' },
      { name: 'Tier', value: 'Gold' }
    ])
    expect(draft.accountType).toEqual({ choice: 'custom', custom: 'Analyst' })
    expect(toInput(draft).accountType).toBe('Analyst')
    expect(toDraft(persona).accountType).toEqual({ choice: 'Creator', custom: '' })
  })

  it('sends typed lists as items, without blanks, and leaves empty rows out', () => {
    const input = toInput({
      ...emptyPersonaDraft,
      teams: ' A , ,B,, ',
      userAttributes: [
        { name: 'Region', value: 'East,  West ,' },
        { name: ' ', value: ' ' }
      ],
      extraParams: [
        { name: '', value: '' },
        { name: ':lng', value: 'fr' }
      ]
    })
    expect(input.teams).toEqual(['A', 'B'])
    expect(input.userAttributes).toEqual([{ name: 'Region', values: ['East', 'West'] }])
    expect(input.extraParams).toEqual([{ name: ':lng', value: 'fr' }])
  })

  it('a new persona is a Viewer with nothing else filled in', () => {
    expect(toInput(emptyPersonaDraft)).toMatchObject({
      name: '',
      email: '',
      teams: [],
      accountType: 'Viewer',
      userAttributes: [],
      extraParams: []
    })
  })

  it('splitList trims and drops empty items', () => {
    expect(splitList('')).toEqual([])
    expect(splitList('a,b , c')).toEqual(['a', 'b', 'c'])
  })

  it('counts as unchanged what would be stored the same ("A,B" and "A, B", spaces around the name)', () => {
    const saved = toDraft(persona)
    expect(sameDraft({ ...saved, teams: 'Sales_Managers,East' }, saved)).toBe(true)
    expect(sameDraft({ ...saved, name: '  Sales Manager ' }, saved)).toBe(true)
    expect(sameDraft({ ...saved, userAttributes: [...saved.userAttributes, { name: '', value: '' }] }, saved)).toBe(
      true
    )
  })

  it('counts as changed what the user would notice was saved', () => {
    const saved = toDraft(persona)
    expect(sameDraft({ ...saved, email: 'other@example.com' }, saved)).toBe(false)
    expect(sameDraft({ ...saved, teams: 'East, Sales_Managers' }, saved)).toBe(false)
    expect(sameDraft({ ...saved, accountType: { choice: 'Viewer', custom: '' } }, saved)).toBe(false)
    expect(sameDraft({ ...saved, extraParams: [{ name: ':theme', value: 'Light' }] }, saved)).toBe(false)
  })
})

describe('where a refused save is explained', () => {
  it('beside the field main names, when the form shows it', () => {
    const failure: WorkbenchFailure = { code: 'NAME_REQUIRED', message: 'Give the persona a name.', field: 'name' }
    expect(placeError(failure, personaFieldNames)).toEqual({ fields: { name: 'Give the persona a name.' }, form: null })
    expect(
      placeError({ ...failure, field: 'email', message: 'Enter an email address.' }, personaFieldNames).fields
    ).toEqual({ email: 'Enter an email address.' })
  })

  it('at the top of the form when the field is not one the form shows, or none is named', () => {
    const failure: WorkbenchFailure = { code: 'VAULT_LOCKED', message: 'The vault is locked.' }
    expect(placeError(failure, personaFieldNames)).toEqual({ fields: {}, form: 'The vault is locked.' })
    expect(placeError({ ...failure, field: 'id' }, personaFieldNames)).toEqual({
      fields: {},
      form: 'The vault is locked.'
    })
  })
})
