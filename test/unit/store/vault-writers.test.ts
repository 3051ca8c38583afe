/**
 * Two processes on one data folder (issue 11, item 4): browser mode and the CLI, or two windows.
 * Each write re-reads the file under a lock and applies its change to what is there, so no change
 * is lost and no revocation is undone. A lock left by a crashed process does not block for long.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createServices } from '../../../main/services'
import { fastScrypt, tempDir } from '../helpers'

const PASS = 'a long enough passphrase'
const fields = (name: string) => ({ name, description: '', owner: '', ownerAccountType: 'Admin' })

async function two() {
  const dataDir = tempDir()
  const first = await createServices({ dataDir, scryptParams: fastScrypt })
  await first.vault.setUp(PASS, PASS)
  const second = await createServices({ dataDir, scryptParams: fastScrypt })
  await second.vault.unlock(PASS)
  return { dataDir, first, second }
}

const names = async (s: Awaited<ReturnType<typeof createServices>>) =>
  (await s.credentials.list()).map((c) => `${c.name}:${c.status}`).sort()

describe('vault: two writers on one data folder', () => {
  it("keeps both processes' new credentials", async () => {
    const { dataDir, first, second } = await two()
    await first.credentials.create(fields('From the app'))
    await second.credentials.create(fields('From the CLI'))
    await first.credentials.create(fields('From the app again'))
    const fresh = await createServices({ dataDir, scryptParams: fastScrypt })
    await fresh.vault.unlock(PASS)
    const expected = ['From the CLI:active', 'From the app again:active', 'From the app:active']
    expect(await names(fresh)).toEqual(expected)
    expect(await names(first)).toEqual(expected)
    expect(await names(second)).toEqual(expected)
  })

  it('never undoes a revocation made by the other process', async () => {
    const { first, second } = await two()
    const made = await first.credentials.create(fields('Shared'))
    await second.credentials.list() // the second process has seen it active
    await first.credentials.revoke({ id: made.credential.id })
    await second.credentials.create(fields('Other'))
    await second.apiCredentials.setEnvironment('production')
    expect(await names(first)).toEqual(['Other:active', 'Shared:revoked'])
    await expect(second.credentials.signingSecret(made.credential.clientId)).rejects.toMatchObject({
      code: 'CREDENTIAL_REVOKED'
    })
  })

  it('a passphrase changed by the other process locks this one instead of writing with the old key', async () => {
    const { first, second } = await two()
    await first.credentials.create(fields('Kept'))
    await first.vault.changePassphrase(PASS, 'the new passphrase', 'the new passphrase')
    await expect(second.credentials.create(fields('Lost?'))).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
    expect(second.vault.status().state).toBe('locked')
    await second.vault.unlock('the new passphrase')
    await second.credentials.create(fields('After unlock'))
    expect(await names(first)).toEqual(['After unlock:active', 'Kept:active'])
  })

  it('waits for a lock another process holds, then says the vault is busy; takes over a stale lock', async () => {
    const { dataDir, first } = await two()
    const lock = join(dataDir, 'vault.json.lock')
    // A real second process holds the lock for 6 seconds, refreshing it as proper-lockfile does.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const l=require('proper-lockfile');const r=l.lockSync(${JSON.stringify(join(dataDir, 'vault.json'))},{realpath:false,stale:10000});console.log('held');setTimeout(()=>{r();process.exit(0)},6000)`
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] }
    )
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()))
    const started = Date.now()
    await expect(first.credentials.create(fields('Blocked'))).rejects.toMatchObject({
      code: 'STORE_BUSY',
      message: expect.stringContaining('Another Embed Workbench process')
    })
    expect(Date.now() - started).toBeGreaterThan(1000)
    holder.kill('SIGKILL')
    await new Promise((resolve) => holder.once('exit', resolve))
    // The killed holder left its lock behind; once stale it is taken over.
    mkdirSync(lock, { recursive: true })
    const old = new Date(Date.now() - 60_000)
    utimesSync(lock, old, old)
    await first.credentials.create(fields('After the crash'))
    expect(await names(first)).toEqual(['After the crash:active'])
  }, 30_000)

  it('remembered secrets (issue 18): a secret changed or revoked by the other process is used or refused at once; a lock forgets them', async () => {
    const { first, second } = await two()
    const api = await first.apiCredentials.save({
      name: 'Orders',
      baseUrl: 'https://api.example.com',
      environment: 'test',
      contentType: 'json',
      headers: [],
      orgSpecific: false,
      orgs: [],
      auth: { type: 'bearer', headerName: 'Authorization', scheme: 'Bearer', token: 'first-token' }
    })
    expect((await second.apiCredentials.forRequest(api.id, undefined)).secrets.token).toBe('first-token')
    const { id: _i, createdAt: _c, updatedAt: _u, secretsStored: _s, ...rest } = api
    await first.apiCredentials.save({ ...rest, id: api.id, auth: { ...api.auth, token: 'second-token' } } as never)
    expect((await second.apiCredentials.forRequest(api.id, undefined)).secrets.token).toBe('second-token')

    const made = await first.credentials.create(fields('Signer'))
    expect((await second.credentials.signingKey(made.credential.id)).secret).toBe(made.secret)
    await first.credentials.revoke({ id: made.credential.id })
    await expect(second.credentials.signingKey(made.credential.id)).rejects.toMatchObject({
      code: 'CREDENTIAL_REVOKED'
    })

    second.vault.lock()
    await expect(second.apiCredentials.forRequest(api.id, undefined)).rejects.toMatchObject({ code: 'VAULT_LOCKED' })
    await expect(second.vault.decryptRemembered('v2:anything', { kind: 'x' } as never)).rejects.toMatchObject({
      code: 'VAULT_LOCKED'
    })
  })
})
