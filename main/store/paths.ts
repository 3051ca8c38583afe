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
