import { beforeAll, describe, expect, it, vi } from 'vitest'
import { channelNames } from '../../../preload/contract'

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, any>(),
  invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel }))
}))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => void bridge.exposed.set(name, api) },
  ipcRenderer: { invoke: bridge.invoke }
}))

beforeAll(async () => {
  await import('../../../preload/index')
})

describe('preload bridge', () => {
  it('exposes exactly one function per contract channel under window.workbench, and nothing generic', () => {
    expect([...bridge.exposed.keys()]).toEqual(['workbench'])
    const api = bridge.exposed.get('workbench')
    expect(Object.keys(api).sort()).toEqual([...channelNames].sort())
    for (const name of Object.keys(api)) expect(typeof api[name]).toBe('function')
    expect(api.invoke).toBeUndefined()
    expect(api.send).toBeUndefined()
    expect(api.on).toBeUndefined()
  })

  it('each function invokes its own channel only, passing its input through', async () => {
    const api = bridge.exposed.get('workbench')
    for (const name of channelNames) {
      bridge.invoke.mockClear()
      await api[name]({ probe: name })
      expect(bridge.invoke).toHaveBeenCalledTimes(1)
      expect(bridge.invoke).toHaveBeenCalledWith(name, { probe: name })
    }
  })
})
