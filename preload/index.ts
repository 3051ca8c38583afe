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
  deleteCredential: (input) => ipcRenderer.invoke('deleteCredential', input),
  listPersonas: (input) => ipcRenderer.invoke('listPersonas', input ?? {}),
  createPersona: (input) => ipcRenderer.invoke('createPersona', input),
  updatePersona: (input) => ipcRenderer.invoke('updatePersona', input),
  duplicatePersona: (input) => ipcRenderer.invoke('duplicatePersona', input),
  deletePersona: (input) => ipcRenderer.invoke('deletePersona', input),
  exportPersonas: (input) => ipcRenderer.invoke('exportPersonas', input ?? {}),
  importPersonas: (input) => ipcRenderer.invoke('importPersonas', input),
  listCertificates: (input) => ipcRenderer.invoke('listCertificates', input ?? {}),
  validateCertificate: (input) => ipcRenderer.invoke('validateCertificate', input ?? {}),
  saveCertificate: (input) => ipcRenderer.invoke('saveCertificate', input),
  deleteCertificate: (input) => ipcRenderer.invoke('deleteCertificate', input),
  matchCertificateForUrl: (input) => ipcRenderer.invoke('matchCertificateForUrl', input),
  listApiCredentials: (input) => ipcRenderer.invoke('listApiCredentials', input ?? {}),
  setApiEnvironment: (input) => ipcRenderer.invoke('setApiEnvironment', input),
  saveApiCredential: (input) => ipcRenderer.invoke('saveApiCredential', input),
  deleteApiCredential: (input) => ipcRenderer.invoke('deleteApiCredential', input),
  sendApiRequest: (input) => ipcRenderer.invoke('sendApiRequest', input),
  listRequestHistory: (input) => ipcRenderer.invoke('listRequestHistory', input ?? {}),
  saveRequest: (input) => ipcRenderer.invoke('saveRequest', input),
  deleteRequest: (input) => ipcRenderer.invoke('deleteRequest', input),
  clearRequestHistory: (input) => ipcRenderer.invoke('clearRequestHistory', input ?? {}),
  getVerifyServer: (input) => ipcRenderer.invoke('getVerifyServer', input ?? {}),
  startVerifyServer: (input) => ipcRenderer.invoke('startVerifyServer', input),
  stopVerifyServer: (input) => ipcRenderer.invoke('stopVerifyServer', input ?? {}),
  signEmbedUrl: (input) => ipcRenderer.invoke('signEmbedUrl', input),
  inspectEmbed: (input) => ipcRenderer.invoke('inspectEmbed', input),
  diffEmbedUrls: (input) => ipcRenderer.invoke('diffEmbedUrls', input),
  openHarImport: (input) => ipcRenderer.invoke('openHarImport', input),
  sendHarChunk: (input) => ipcRenderer.invoke('sendHarChunk', input),
  cancelHarImport: (input) => ipcRenderer.invoke('cancelHarImport', input),
  exportHarBundle: (input) => ipcRenderer.invoke('exportHarBundle', input ?? {}),
  openHarBundle: (input) => ipcRenderer.invoke('openHarBundle', input),
  migrateEmbed: (input) => ipcRenderer.invoke('migrateEmbed', input),
  exportEmbedCode: (input) => ipcRenderer.invoke('exportEmbedCode', input),
  resignEmbed: (input) => ipcRenderer.invoke('resignEmbed', input),
  getEmulator: (input) => ipcRenderer.invoke('getEmulator', input ?? {}),
  updateEmulatorSettings: (input) => ipcRenderer.invoke('updateEmulatorSettings', input ?? {}),
  listEmulatorRequests: (input) => ipcRenderer.invoke('listEmulatorRequests', input ?? {}),
  openEmulatorRequest: (input) => ipcRenderer.invoke('openEmulatorRequest', input),
  listCustomerAppMessages: (input) => ipcRenderer.invoke('listCustomerAppMessages', input ?? {}),
  postToCustomerApp: (input) => ipcRenderer.invoke('postToCustomerApp', input),
  openIsolatedBrowser: (input) => ipcRenderer.invoke('openIsolatedBrowser', input),
  openCustomerApp: (input) => ipcRenderer.invoke('openCustomerApp', input),
  setPersonDeactivated: (input) => ipcRenderer.invoke('setPersonDeactivated', input),
  resetEmulatorOrg: (input) => ipcRenderer.invoke('resetEmulatorOrg', input ?? {}),
  updateEmulatorOrg: (input) => ipcRenderer.invoke('updateEmulatorOrg', input ?? {})
}

contextBridge.exposeInMainWorld('workbench', workbench)
