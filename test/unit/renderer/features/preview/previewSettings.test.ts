import { beforeEach, describe, expect, it } from 'vitest'
import type { EmbedTarget } from '../../../../../preload/contract'
import {
  defaultPreviewSettings,
  MATRIX_MAX,
  MAX_PANEL,
  MIN_PANEL,
  previewEmbedOptions,
  previewStorageKey,
  readPreviewSettings,
  writePreviewSettings,
  type PreviewSettings
} from '../../../../../renderer/src/features/preview/previewSettings'
import { targetKey } from '../../../../../renderer/src/shared/signing/pathForm'
import { defaultSignSettings, toEmbedOptions } from '../../../../../renderer/src/shared/signing/signSettings'
import { installLocalStorage, type MemoryStorage } from '../../memoryStorage'

let storage: MemoryStorage

beforeEach(() => {
  storage = installLocalStorage()
})

const store = (value: unknown) => storage.setItem(previewStorageKey, JSON.stringify(value))

describe('the Preview choices as stored (previewSettings)', () => {
  it('starts from the defaults, and again when the stored JSON is corrupt', () => {
    expect(readPreviewSettings()).toEqual(defaultPreviewSettings)
    storage.setItem(previewStorageKey, '{"source":"online"')
    expect(readPreviewSettings()).toEqual(defaultPreviewSettings)
  })

  it('comes back as the user left it', () => {
    const settings: PreviewSettings = {
      ...defaultPreviewSettings,
      source: 'online',
      targetKey: 'workbook:wb-1::',
      host: 'https://app.sigmacomputing.com',
      onlinePath: 'https://app.sigmacomputing.com/acme/workbook/Sales-1',
      method: 'jwt',
      credentialId: 'c',
      personaId: 'p',
      sessionLength: '3600',
      responsiveHeight: true,
      matrix: true,
      matrixIds: ['p', 'q'],
      panelWidth: 500,
      panelOpen: false,
      panelTab: 'requests'
    }
    writePreviewSettings(settings)
    expect(readPreviewSettings()).toEqual(settings)
  })

  it('keeps the side panel between its narrowest and widest, and a corrupt width at the default', () => {
    store({ panelWidth: 10 })
    expect(readPreviewSettings().panelWidth).toBe(MIN_PANEL)
    store({ panelWidth: 5000 })
    expect(readPreviewSettings().panelWidth).toBe(MAX_PANEL)
    store({ panelWidth: 433.6 })
    expect(readPreviewSettings().panelWidth).toBe(434)
    store({ panelWidth: 'wide' })
    expect(readPreviewSettings().panelWidth).toBe(defaultPreviewSettings.panelWidth)
  })

  it('keeps at most four personas side by side, and only ids', () => {
    store({ matrixIds: ['a', 1, 'b', null, 'c', 'd', 'e'] })
    const { matrixIds } = readPreviewSettings()
    expect(matrixIds).toEqual(['a', 'b', 'c', 'd'])
    expect(matrixIds.length).toBeLessThanOrEqual(MATRIX_MAX)
  })

  it('replaces values it does not know by the defaults; the panel stays open unless closed', () => {
    store({ source: 'somewhere', method: 'saml', panelTab: 'logs', panelOpen: 'no', matrix: 1 })
    const settings = readPreviewSettings()
    expect(settings.source).toBe('emulator')
    expect(settings.method).toBe('url')
    expect(settings.panelTab).toBe('events')
    expect(settings.panelOpen).toBe(true)
    expect(settings.matrix).toBe(false)
  })
})

describe('what a preview load signs', () => {
  it('is the Sign screen defaults with this path, session and height', () => {
    const options = previewEmbedOptions(' https://app.sigmacomputing.com/embed/1-abc ', 900, true)
    expect(options).toEqual(
      toEmbedOptions(
        { ...defaultSignSettings, embedPath: 'https://app.sigmacomputing.com/embed/1-abc', responsiveHeight: true },
        900
      )
    )
    expect(options.embedPath).toBe('https://app.sigmacomputing.com/embed/1-abc')
    expect(options.sessionLength).toBe(900)
    expect(options.responsiveHeight).toBe(true)
  })

  it('names a target by kind and ids, so it survives the emulator moving to another port', () => {
    const target = {
      kind: 'page',
      workbookId: 'wb-1',
      pageId: 'pg-2',
      origin: 'http://127.0.0.1:4781',
      label: 'Sales'
    } as unknown as EmbedTarget
    const moved = { ...target, origin: 'http://127.0.0.1:5999' } as EmbedTarget
    expect(targetKey(target)).toBe('page:wb-1:pg-2:')
    expect(targetKey(moved)).toBe(targetKey(target))
    expect(targetKey({ ...target, kind: 'workbook', pageId: undefined } as unknown as EmbedTarget)).toBe(
      'workbook:wb-1::'
    )
  })
})
