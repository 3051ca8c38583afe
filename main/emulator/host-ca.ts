/**
 * The local CA the emulator's TLS front is certified by: made once per data folder, its key
 * encrypted in the vault (bound to the emulator), its certificate public and written beside the
 * vault as emulator-ca.pem for the browsers and test runners that pin or trust it.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { leafFor, localCa, spkiSha256, type IssuedCertificate } from '../certificates/issue'
import { systemClock, type Clock } from '../core/clock'
import type { Vault } from '../store/vault'
import { hostCaBinding } from '../store/vault-file'

export const HOST_CA_FILE = 'emulator-ca.pem'

export interface HostCertificates {
  /** The leaf for the served names, then the CA: what the TLS front presents. */
  keyPem: string
  certChainPem: string
  caPath: string
  /** The CA's certificate (public), for a client that pins it. */
  caPem: string
  /** The CA's SPKI SHA-256 (base64), for --ignore-certificate-errors-spki-list. */
  caSpki: string
}

export function createHostCa(vault: Vault, dataDir: string, clock: Clock = systemClock) {
  /** The CA, made and stored on first use; needs the vault unlocked (the key lives there). */
  async function ca(): Promise<IssuedCertificate> {
    const cipher = vault.requireCipher()
    let stored = vault.read().emulatorCa
    if (!stored) {
      const made = localCa(clock.now())
      const key = await cipher.encrypt(made.keyPem, hostCaBinding)
      // Under the vault's lock: if another process made one meanwhile, theirs is kept and used.
      stored = vault.update((data) =>
        data.emulatorCa
          ? data
          : { ...data, emulatorCa: { certificatePem: made.certPem, key, createdAt: clock.now().toISOString() } }
      ).emulatorCa!
    }
    return { certPem: stored.certificatePem, keyPem: await cipher.decrypt(stored.key, hostCaBinding) }
  }

  return {
    /** A fresh leaf for these host names (its key only in memory), signed by the CA. */
    async certificatesFor(hostnames: readonly string[]): Promise<HostCertificates> {
      const authority = await ca()
      const leaf = leafFor(authority, hostnames, clock.now())
      const caPath = join(dataDir, HOST_CA_FILE)
      writeFileSync(caPath, authority.certPem, { mode: 0o644 })
      return {
        keyPem: leaf.keyPem,
        certChainPem: `${leaf.certPem}${authority.certPem}`,
        caPath,
        caPem: authority.certPem,
        caSpki: spkiSha256(authority.certPem)
      }
    }
  }
}

export type HostCa = ReturnType<typeof createHostCa>
