import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where the vault lives by default: the same folder Electron's app.getPath('userData') gives the
 * desktop app, so browser mode and the CLI find the same vault (when it uses a master passphrase).
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): string {
  const name = 'embed-workbench'
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name)
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), name)
  return join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), name)
}

/**
 * Creates the data folder only its owner may enter (0700), and narrows one this app made earlier
 * with the default 0755 (it is empty or holds the vault). A folder the user pointed at that holds
 * other things is left as it is. Windows has no such bits; its folders inherit their ACLs.
 */
export function ensureDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    return
  }
  if (process.platform === 'win32' || (statSync(dataDir).mode & 0o077) === 0) return
  const entries = readdirSync(dataDir)
  if (entries.length === 0 || entries.includes('vault.json')) chmodSync(dataDir, 0o700)
}
