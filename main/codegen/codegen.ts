/**
 * Embed API code export: a small program in the customer's language that signs the embed URL the
 * app signs for this persona, target and options, with the secret read from an environment
 * variable (never in the code) and a comment on each line that says which parameter it is.
 *
 * What to sign is taken from the app's own signer (a reference signing with a throwaway key), so
 * the program's parameters, their order and their encoding are the app's: one source of truth.
 */
import type { CodegenLanguage, EmbedOptions, GeneratedProgram, Persona, SigningMethod } from '../../preload/contract'
import { signJwt, signUrl } from '../signing/signer'
import { nodeProgram } from './node'
import { pythonProgram } from './python'
import { moreLanguagesProgram } from './more-languages'

export { codegenLanguages } from '../../preload/contract/constants'

/** What a program must reproduce: the user, the URL's static parts, and how the signature is made. */
export interface EmbedRecipe {
  method: SigningMethod
  clientId: string
  /** The URL before '?' (the embed path, or the workbook URL; with /tag/{tag}). */
  base: string
  sessionLength: number
  persona: Persona
  /** Signed URL: the parameters in order, `nonce` and `time` filled in at run time. */
  urlParams: { name: string; value: string | '$nonce' | '$time' }[]
  /** JWT: the claims (jti, iat and exp filled in at run time) and the parameters after :jwt. */
  claims: Record<string, unknown>
  jwtVersion: string
  trailing: { name: string; value: string }[]
}

const THROWAWAY = { secret: 'throwaway', now: 1_000_000_000, nonce: '00000000-0000-4000-8000-000000000000' }

export async function embedRecipe(
  method: SigningMethod,
  persona: Persona,
  options: EmbedOptions,
  clientId: string
): Promise<EmbedRecipe> {
  const key = { clientId, secret: THROWAWAY.secret }
  const input = { persona, options, key, now: THROWAWAY.now, nonce: THROWAWAY.nonce }
  const base = (url: string) => url.slice(0, url.indexOf('?'))
  if (method === 'url') {
    const signed = signUrl(input)
    return {
      method,
      clientId,
      base: base(signed.url),
      sessionLength: options.sessionLength,
      persona,
      urlParams: signed.params
        .filter((p) => p.name !== ':signature')
        .map((p) => ({
          name: p.name,
          value: p.name === ':nonce' ? '$nonce' : p.name === ':time' ? '$time' : p.value
        })),
      claims: {},
      jwtVersion: options.jwtVersion,
      trailing: []
    }
  }
  const signed = await signJwt(input)
  const { jti: _jti, iat: _iat, exp: _exp, ...claims } = signed.jwt!.payload as Record<string, unknown>
  return {
    method,
    clientId,
    base: base(signed.url),
    sessionLength: options.sessionLength,
    persona,
    urlParams: [],
    claims,
    jwtVersion: options.jwtVersion,
    trailing: signed.params.filter((p) => p.name !== ':jwt' && p.name !== ':embed')
  }
}

export async function generateProgram(
  language: CodegenLanguage,
  method: SigningMethod,
  persona: Persona,
  options: EmbedOptions,
  clientId: string
): Promise<GeneratedProgram> {
  const recipe = await embedRecipe(method, persona, options, clientId)
  if (language === 'node') return nodeProgram(recipe)
  if (language === 'python') return pythonProgram(recipe)
  return moreLanguagesProgram(language, recipe)
}
