/**
 * Composition root: builds every service from a data directory (and, in Electron, the keychain).
 * The Electron shell, browser mode and the CLI all call this, so all three run the same code.
 */
import { join } from 'node:path'
import { createCertificatesService, type CertificatesService } from './certificates/certificates-service'
import { createApiCredentialsService, type ApiCredentialsService } from './api-credentials/api-credentials-service'
import { createApiRequestsService, type ApiRequestsService } from './api-credentials/requests-service'
import { openRequestHistory, type RequestHistory } from './api-credentials/request-history'
import type { Clock } from './core/clock'
import type { ParsedInput } from '../preload/contract'
import { systemClock } from './core/clock'
import { createCredentialsService, type CredentialsService } from './credentials/credentials-service'
import type { Handlers } from './core/dispatch'
import { createEmulatorService, type EmulatorService } from './emulator/emulator-service'
import { openOrg, type OrgStore } from './emulator/org'
import { createHostCa } from './emulator/host-ca'
import { WorkbenchError } from './core/errors'
import { createHarService, type HarService } from './har/har-service'
import { createMigrationService, type MigrationService } from './migration/migration-service'
import { openPersonas, type PersonasService } from './personas/personas-service'
import { createSigningService, type SigningService } from './signing/signing-service'
import { forgetJwtKeys } from './signing/signer'
import type { ScryptParams } from './store/cipher'
import { removeStaleTempFiles, type BackingStoreFactory } from './store/json-file'
import { ensureDataDir } from './store/paths'
import { Vault, type Keychain } from './store/vault'

export interface ServiceOptions {
  dataDir: string
  keychain?: Keychain
  backingStore?: BackingStoreFactory
  clock?: Clock
  scryptParams?: ScryptParams
  /** The built renderer (out/renderer): the emulator serves its workbook page from there. */
  rendererDir?: string
}

export interface Services {
  vault: Vault
  credentials: CredentialsService
  certificates: CertificatesService
  apiCredentials: ApiCredentialsService
  apiRequests: ApiRequestsService
  requestHistory: RequestHistory
  personas: PersonasService
  signing: SigningService
  emulator: EmulatorService
  org: OrgStore
  har: HarService
  migration: MigrationService
}

export async function createServices(options: ServiceOptions): Promise<Services> {
  const clock = options.clock ?? systemClock
  ensureDataDir(options.dataDir)
  // File ages are wall-clock facts: compared with the system clock, not an injected one.
  removeStaleTempFiles(options.dataDir, systemClock.now())
  const vault = await Vault.open({ ...options, clock })
  // Signing keys made from the vault's secrets go when it locks or changes its key.
  vault.onForget(forgetJwtKeys)
  const credentials = createCredentialsService(vault, { clock })
  const personas = openPersonas({ ...options, clock })
  const org = openOrg({ ...options, clock })
  const emulator = createEmulatorService({
    org,
    credentials,
    clock,
    pageDir: options.rendererDir ?? '',
    ledgerFile: join(options.dataDir, 'emulator-ledger.txt'),
    hostCa: createHostCa(vault, options.dataDir, clock)
  })
  const certificates = createCertificatesService(vault, { clock })
  const apiCredentials = createApiCredentialsService(vault, { clock })
  const apiRequests = createApiRequestsService({ apiCredentials, certificates, clock })
  return {
    vault,
    credentials,
    certificates,
    apiCredentials,
    apiRequests,
    requestHistory: openRequestHistory({ ...options, clock }),
    personas,
    emulator,
    org,
    // A HAR is judged with every stored credential (none while the vault is locked).
    har: createHarService({ credentials: () => credentials.verificationKeys(), limits: emulator.limits }),
    migration: createMigrationService({ credentials, personas, org, clock, limits: emulator.limits }),
    signing: createSigningService({
      credentials,
      personas,
      clock,
      limits: emulator.limits,
      hostVerdict: (url) => emulator.judge(url)
    })
  }
}

/** Binds each contract channel to the service method that answers it. */
export function createHandlers({
  vault,
  credentials,
  certificates,
  apiCredentials,
  apiRequests,
  requestHistory,
  personas,
  signing,
  emulator,
  har,
  migration
}: Services): Handlers {
  /** A sent request goes into the runner's history (a dry run does not), whatever the answer. */
  const sendAndRecord = async (input: ParsedInput<'sendApiRequest'>) => {
    const recorded = {
      credentialId: input.credentialId,
      credentialName: apiCredentials.list().credentials.find((c) => c.id === input.credentialId)?.name ?? '',
      org: input.org ?? null,
      method: input.method,
      path: input.path,
      headers: input.headers,
      body: input.body
    }
    try {
      const result = await apiRequests.send(input)
      if (input.send)
        requestHistory.record({
          ...recorded,
          status: result.response?.status ?? null,
          error: result.error?.message ?? null
        })
      return result
    } catch (error) {
      if (input.send && error instanceof WorkbenchError)
        requestHistory.record({ ...recorded, status: null, error: error.message })
      throw error
    }
  }
  return {
    getVaultStatus: () => {
      const status = vault.status()
      return {
        ...status,
        notices: [...status.notices, ...personas.notices, ...emulator.notices, ...requestHistory.notices]
      }
    },
    // Once the vault opens, the emulator's TLS front can get its CA key, if it is to run.
    setUpVault: async ({ passphrase, confirmation }) => {
      const status = await vault.setUp(passphrase, confirmation)
      await emulator.vaultOpened()
      return status
    },
    unlockVault: async ({ passphrase }) => {
      const status = await vault.unlock(passphrase)
      await emulator.vaultOpened()
      return status
    },
    lockVault: () => {
      // A HAR's report holds one-time URLs: it goes with the vault's other secrets.
      har.forget()
      return vault.lock()
    },
    changePassphrase: ({ current, next, confirmation }) => vault.changePassphrase(current, next, confirmation),
    listCredentials: () => credentials.list(),
    createCredential: (input) => credentials.create(input),
    importCredential: (input) => credentials.import(input),
    revokeCredential: (input) => credentials.revoke(input),
    regenerateCredential: (input) => credentials.regenerate(input),
    deleteCredential: (input) => credentials.delete(input),
    listPersonas: () => personas.list(),
    createPersona: (input) => personas.create(input),
    updatePersona: ({ id, persona }) => personas.update(id, persona),
    duplicatePersona: ({ id }) => personas.duplicate(id),
    deletePersona: ({ id }) => personas.remove(id),
    exportPersonas: ({ ids }) => personas.exportJson(ids),
    importPersonas: ({ json }) => personas.importJson(json),
    listCertificates: () => certificates.list(),
    validateCertificate: (input) => certificates.validate(input),
    saveCertificate: (input) => certificates.save(input),
    deleteCertificate: (input) => certificates.delete(input),
    matchCertificateForUrl: ({ url }) => certificates.matchUrl(url),
    listApiCredentials: () => apiCredentials.list(),
    setApiEnvironment: ({ environment }) => apiCredentials.setEnvironment(environment),
    saveApiCredential: (input) => apiCredentials.save(input),
    deleteApiCredential: (input) => apiCredentials.delete(input),
    sendApiRequest: (input) => sendAndRecord(input),
    inspectApiRequest: (input) => apiRequests.inspect(input),
    listRequestHistory: () => requestHistory.list(),
    saveRequest: ({ id, name }) => requestHistory.save(id, name),
    deleteRequest: ({ id }) => requestHistory.remove(id),
    clearRequestHistory: () => requestHistory.clear(),
    getVerifyServer: () => apiRequests.verifyServerStatus(),
    startVerifyServer: (input) => apiRequests.startVerifyServer(input),
    stopVerifyServer: () => apiRequests.stopVerifyServer(),
    signEmbedUrl: (input) => signing.sign(input),
    inspectEmbed: (input) => signing.inspect(input),
    diffEmbedUrls: (input) => signing.diff(input),
    resignEmbed: (input) => signing.resign(input),
    openHarImport: (input) => har.open(input),
    sendHarChunk: (input) => har.chunk(input),
    cancelHarImport: (input) => har.cancel(input),
    exportHarBundle: () => har.exportBundle(),
    openHarBundle: (input) => har.openBundle(input),
    migrateEmbed: (input) => migration.migrate(input),
    exportEmbedCode: (input) => migration.exportCode(input),
    getEmulator: () => emulator.status(),
    updateEmulatorSettings: (input) => emulator.updateSettings(input),
    listEmulatorRequests: ({ sinceId }) => emulator.requests(sinceId),
    openEmulatorRequest: ({ id }) => emulator.openRequest(id),
    openIsolatedBrowser: ({ url }) => emulator.openIsolatedBrowser(url),
    // The desktop shell replaces this one: browser mode and the CLI have no window of their own.
    openCustomerApp: () => {
      throw new WorkbenchError(
        'INVALID_INPUT',
        'The customer-app window opens in the desktop app only. Here, use "Open in an isolated browser".',
        'url'
      )
    },
    // The desktop shell replaces these two as well: only its customer-app windows report messages.
    listCustomerAppMessages: () => ({ windows: 0, messages: [] }),
    postToCustomerApp: () => {
      throw new WorkbenchError(
        'INVALID_INPUT',
        'Messages go to a customer-app window, which opens in the desktop app only.',
        'message'
      )
    },
    setPersonDeactivated: ({ email, deactivated }) => emulator.setDeactivated(email, deactivated),
    resetEmulatorOrg: () => emulator.reset(),
    updateEmulatorOrg: (input) => emulator.updateOrg(input)
  }
}
