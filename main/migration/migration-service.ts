/** Migration and code export for the app: secrets from the vault, the org and personas from their stores. */
import type { Migration, GeneratedProgram, ParsedInput } from '../../preload/contract'
import type { Clock } from '../core/clock'
import { WorkbenchError } from '../core/errors'
import type { CredentialsService } from '../credentials/credentials-service'
import type { OrgStore } from '../emulator/org'
import type { PersonasService } from '../personas/personas-service'
import { getParam, parseUrl } from '../protocol/embed-url'
import type { ProtocolLimits } from '../protocol/parameters'
import { generateProgram } from '../codegen/codegen'
import { migrateSignedUrl } from './migrate'

export interface MigrationDeps {
  credentials: CredentialsService
  personas: PersonasService
  org: OrgStore
  clock: Clock
  limits: () => ProtocolLimits
}

export function createMigrationService({ credentials, personas, org, clock, limits }: MigrationDeps) {
  /** The secret to migrate with: typed (this migration only), chosen, or the stored one of the URL's client id. */
  async function secretFor(input: ParsedInput<'migrateEmbed'>): Promise<string> {
    if (input.secret) return input.secret
    if (input.credentialId) return (await credentials.signingKey(input.credentialId)).secret
    const clientId = getParam(parseUrl(input.input.trim()), ':client_id')?.value
    const stored = (await credentials.verificationKeys()).find((k) => k.clientId === clientId && k.status === 'active')
    if (!stored)
      throw new WorkbenchError(
        'SECRET_REQUIRED',
        'No stored credential has this URL’s client id: import it on Credentials, or type its secret for this migration.',
        'secret'
      )
    return stored.secret
  }

  return {
    async migrate(input: ParsedInput<'migrateEmbed'>): Promise<Migration> {
      return migrateSignedUrl({
        url: input.input,
        secret: await secretFor(input),
        org: org.get(),
        now: Math.floor(clock.now().getTime() / 1000),
        limits: limits(),
        ...(input.workbookUrl?.trim() ? { workbookUrl: input.workbookUrl.trim() } : {})
      })
    },

    async exportCode(input: ParsedInput<'exportEmbedCode'>): Promise<GeneratedProgram> {
      const credential = (await credentials.list()).find((c) => c.id === input.credentialId)
      if (!credential)
        throw new WorkbenchError('CREDENTIAL_NOT_FOUND', 'That credential no longer exists.', 'credentialId')
      return generateProgram(
        input.language,
        input.method,
        personas.get(input.personaId),
        input.options,
        credential.clientId
      )
    }
  }
}

export type MigrationService = ReturnType<typeof createMigrationService>
