import { afterEach, describe, expect, it, vi } from 'vitest'
import { channelNames, contract, type ChannelName } from '../../../preload/contract'
import { dispatch, type Handlers } from '../../../main/core/dispatch'
import { registerIpcHandlers, type IpcMainLike } from '../../../main/shell/ipc-binding'
import { WorkbenchError } from '../../../main/core/errors'

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const handlers = Object.fromEntries(
    channelNames.map((name) => [name, vi.fn(async () => `${name} ran`)])
  ) as unknown as Handlers
  return { ...handlers, ...overrides }
}

describe('dispatch', () => {
  afterEach(() => vi.restoreAllMocks())

  it('answers an unknown channel with UNKNOWN_CHANNEL, not an exception', async () => {
    expect(await dispatch(fakeHandlers(), 'readAllSecrets', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' }
    })
    expect(await dispatch(fakeHandlers(), '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' }
    })
    expect(await dispatch(fakeHandlers(), 'toString', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' }
    })
  })

  it('validates input with the channel schema before the service runs', async () => {
    const handlers = fakeHandlers()
    const wrongType = await dispatch(handlers, 'createCredential', { name: 42 })
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'name' } })
    const unknownField = await dispatch(handlers, 'revokeCredential', { id: 'x', force: true })
    expect(unknownField).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await dispatch(handlers, 'unlockVault', 'a string')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
    expect(
      await dispatch(handlers, 'importCredential', { name: 'x', clientId: 'a', secret: 'b'.repeat(20_000) })
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'secret' } })
    expect(handlers.createCredential).not.toHaveBeenCalled()
    expect(handlers.revokeCredential).not.toHaveBeenCalled()
  })

  it('says what is wrong with the input in words, under its field, never as raw schema text', async () => {
    const handlers = fakeHandlers()
    const base = { name: 'Orders', baseUrl: 'https://api.example.com', environment: 'test', contentType: 'json' }
    const empty = await dispatch(handlers, 'saveApiCredential', {
      ...base,
      auth: { type: 'headers', headerName: '', value: 'k' }
    })
    expect(empty).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'auth.headerName', message: 'Fill in the header name.' }
    })
    const pattern = await dispatch(handlers, 'saveApiCredential', {
      ...base,
      auth: { type: 'headers', headerName: 'X Api Key', value: 'k' }
    })
    expect(pattern).toMatchObject({
      error: { field: 'auth.headerName', message: 'A header name holds only letters, digits and - _ . (no spaces).' }
    })
    const long = await dispatch(handlers, 'createCredential', { name: 'n'.repeat(500) })
    expect(long).toMatchObject({
      error: { field: 'name', message: expect.stringMatching(/^The name is too long: at most \d+ characters\.$/) }
    })
    const missing = await dispatch(handlers, 'revokeCredential', {})
    expect(missing).toMatchObject({ error: { field: 'id', message: 'The id is missing.' } })
    const unknown = await dispatch(handlers, 'revokeCredential', { id: 'x', force: true })
    expect(unknown).toMatchObject({ error: { message: expect.stringContaining('"force"') } })
    for (const result of [empty, pattern, long, missing, unknown]) {
      const message = result.ok ? '' : result.error.message
      expect(message).not.toMatch(/Too small|Too big|expected string|Invalid input|>=|<=|was not accepted/)
    }
  })

  it('passes parsed input (with defaults) to the handler and wraps its value', async () => {
    const handlers = fakeHandlers()
    expect(await dispatch(handlers, 'createCredential', { name: 'N' })).toEqual({
      ok: true,
      value: 'createCredential ran'
    })
    expect(handlers.createCredential).toHaveBeenCalledWith({
      name: 'N',
      description: '',
      owner: '',
      ownerAccountType: 'Admin'
    })
  })

  it('turns a WorkbenchError into its typed failure and anything else into INTERNAL without leaking input', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const handlers = fakeHandlers({
      revokeCredential: async () => {
        throw new WorkbenchError('CREDENTIAL_NOT_FOUND', 'gone')
      },
      unlockVault: async () => {
        throw new TypeError('boom')
      }
    })
    expect(await dispatch(handlers, 'revokeCredential', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'CREDENTIAL_NOT_FOUND', message: 'gone' }
    })
    const internal = await dispatch(handlers, 'unlockVault', { passphrase: 'hunter2-hunter2' })
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(internal)).not.toContain('hunter2')
    expect(JSON.stringify(logged.mock.calls)).not.toContain('hunter2')
  })

  it('every channel of the contract has a schema that accepts its documented minimal input', () => {
    for (const name of channelNames) expect(contract[name].input).toBeDefined()
  })
})

describe('registerIpcHandlers', () => {
  const appOrigin = 'app://workbench'
  function register(handlers = fakeHandlers()) {
    const registered = new Map<ChannelName, Parameters<IpcMainLike['handle']>[1]>()
    registerIpcHandlers(
      { handle: (channel, listener) => void registered.set(channel as ChannelName, listener) },
      handlers,
      (url) => !!url && url.startsWith(`${appOrigin}/`)
    )
    return { registered, handlers }
  }

  it('registers exactly the contract channels', () => {
    expect([...register().registered.keys()].sort()).toEqual([...channelNames].sort())
  })

  it('checks the sender frame on every channel: a foreign or missing frame is refused before the service runs', async () => {
    const { registered, handlers } = register()
    for (const [name, listener] of registered) {
      for (const senderFrame of [{ url: 'https://evil.example/' }, { url: 'file:///etc/passwd' }, null, undefined]) {
        expect(await listener({ senderFrame }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
      }
      expect(handlers[name]).not.toHaveBeenCalled()
    }
    expect(await registered.get('getVaultStatus')!({ senderFrame: { url: `${appOrigin}/index.html` } }, {})).toEqual({
      ok: true,
      value: 'getVaultStatus ran'
    })
  })
})
