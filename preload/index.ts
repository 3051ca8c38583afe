/**
 * The only bridge between the page and the main process: one named function per channel of
 * preload/contract.ts, nothing generic. Imports only types from the contract, so the sandboxed
 * preload bundles to a few lines.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { Bridge } from './contract'

const workbench: Bridge = {
  getVaultStatus: (input) => ipcRenderer.invoke('getVaultStatus', input ?? {}),
  setUpVault: (input) => ipcRenderer.invoke('setUpVault', input),
  unlockVault: (input) => ipcRenderer.invoke('unlockVault', input),
  lockVault: (input) => ipcRenderer.invoke('lockVault', input ?? {}),
  changePassphrase: (input) => ipcRenderer.invoke('changePassphrase', input),
  listCredentials: (input) => ipcRenderer.invoke('listCredentials', input ?? {}),
  createCredential: (input) => ipcRenderer.invoke('createCredential', input),
  importCredential: (input) => ipcRenderer.invoke('importCredential', input),
  revokeCredential: (input) => ipcRenderer.invoke('revokeCredential', input),
  regenerateCredential: (input) => ipcRenderer.invoke('regenerateCredential', input),
  deleteCredential: (input) => ipcRenderer.invoke('deleteCredential', input)
}

contextBridge.exposeInMainWorld('workbench', workbench)
