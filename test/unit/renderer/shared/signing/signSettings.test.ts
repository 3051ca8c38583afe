import { beforeEach, describe, expect, it } from 'vitest'
import {
  defaultSignSettings,
  displayCount,
  parseSessionLength,
  readSignSettings,
  sessionSeconds,
  signStorageKey,
  toEmbedOptions,
  writeSignSettings,
  type SignSettings
} from '../../../../../renderer/src/shared/signing/signSettings'
import { installLocalStorage, type MemoryStorage } from '../../memoryStorage'

let storage: MemoryStorage

beforeEach(() => {
  storage = installLocalStorage()
})

const filled: SignSettings = {
  ...defaultSignSettings,
  credentialId: 'cred-1',
  personaId: 'persona-2',
  method: 'jwt',
  embedPath: 'https://app.sigmacomputing.com/acme/workbook/Sales-abc',
  versionTag: 'production',
  sessionLength: '3600',
  mode: 'view',
  jwtVersion: '1.0',
  theme: { choice: 'custom', custom: 'Brand' },
  menuPosition: 'top',
  hide: [':hide_menu', ':hide_tooltip'],
  lng: 'fr',
  lngVariant: 'CA',
  responsiveHeight: true,
  controls: [{ name: 'Region-Control', value: 'East' }],
  displayOpen: true
}

describe('the Sign form as stored (signSettings)', () => {
  it('starts from the defaults when nothing is stored', () => {
    expect(readSignSettings()).toEqual(defaultSignSettings)
  })

  it('comes back exactly as the user left it', () => {
    writeSignSettings(filled)
    expect(readSignSettings()).toEqual(filled)
  })

  it('falls back to the defaults when the stored JSON is corrupt', () => {
    storage.setItem(signStorageKey, '{"method":"jwt",')
    expect(readSignSettings()).toEqual(defaultSignSettings)
  })

  it('keeps what is valid and replaces each malformed field by its default', () => {
    storage.setItem(
      signStorageKey,
      JSON.stringify({
        embedPath: 'https://app.sigmacomputing.com/embed/1-abc',
        method: 'saml',
        mode: 42,
        sessionLength: 600,
        theme: { choice: 'Dark' },
        hide: [':hide_menu', ':hide_everything', 7],
        controls: [{ name: 'A', value: '1' }, { name: 'B' }, null, 'C'],
        responsiveHeight: 'yes'
      })
    )
    const settings = readSignSettings()
    expect(settings.embedPath).toBe('https://app.sigmacomputing.com/embed/1-abc')
    expect(settings.method).toBe('url')
    expect(settings.mode).toBe('userbacked')
    expect(settings.sessionLength).toBe('600') // a number is not what the field holds: the default
    expect(settings.theme).toEqual(defaultSignSettings.theme)
    expect(settings.hide).toEqual([':hide_menu'])
    expect(settings.controls).toEqual([{ name: 'A', value: '1' }])
    expect(settings.responsiveHeight).toBe(false)
  })

  it('never stores a signed URL: only the form', () => {
    writeSignSettings(filled)
    expect(Object.keys(JSON.parse(storage.getItem(signStorageKey)!)).sort()).toEqual(
      Object.keys(defaultSignSettings).sort()
    )
  })
})

describe('the session length as typed', () => {
  it('takes whole seconds from 1, with spaces around', () => {
    expect(parseSessionLength('600')).toBe(600)
    expect(parseSessionLength(' 60 ')).toBe(60)
    expect(parseSessionLength('1')).toBe(1)
  })

  it('refuses anything else', () => {
    for (const typed of ['', '0', '-5', '1.5', '1e3', '10 min', '0x10', '1234567890123'])
      expect(parseSessionLength(typed), typed).toBeNull()
  })

  it('sessionSeconds reads it from the form', () => {
    expect(sessionSeconds({ ...defaultSignSettings, sessionLength: '28800' })).toBe(28800)
    expect(sessionSeconds({ ...defaultSignSettings, sessionLength: 'soon' })).toBeNull()
  })
})

describe('the options the Sign screen signs with', () => {
  it('trims what was typed, leaves out an empty version tag and unnamed controls', () => {
    const options = toEmbedOptions(
      {
        ...defaultSignSettings,
        embedPath: '  https://app.sigmacomputing.com/embed/1-abc  ',
        versionTag: '  ',
        controls: [
          { name: ' Region ', value: ' East ' },
          { name: '  ', value: 'x' }
        ]
      },
      600
    )
    expect(options.embedPath).toBe('https://app.sigmacomputing.com/embed/1-abc')
    expect(options).not.toHaveProperty('versionTag')
    expect(options.controls).toEqual([{ name: 'Region', value: ' East ' }])
    expect(options.sessionLength).toBe(600)
  })

  it('sends the display settings: a custom theme by its name, the hide flags in the documented order', () => {
    const options = toEmbedOptions(filled, 3600)
    expect(options).toMatchObject({
      versionTag: 'production',
      mode: 'view',
      jwtVersion: '1.0',
      theme: 'Brand',
      menuPosition: 'top',
      lng: 'fr',
      lngVariant: 'CA',
      responsiveHeight: true
    })
    expect(options.hide).toEqual([':hide_menu', ':hide_tooltip'])
    expect(toEmbedOptions({ ...filled, hide: [':hide_tooltip', ':hide_bookmarks'] }, 1).hide).toEqual([
      ':hide_bookmarks',
      ':hide_tooltip'
    ])
  })

  it('counts the display settings that differ from the defaults, for the collapsed summary', () => {
    expect(displayCount(defaultSignSettings)).toBe(0)
    // theme, menu position, two hide flags, language, variant, responsive height, one control
    expect(displayCount(filled)).toBe(8)
    expect(displayCount({ ...defaultSignSettings, controls: [{ name: ' ', value: 'x' }], lng: '  ' })).toBe(0)
  })
})
