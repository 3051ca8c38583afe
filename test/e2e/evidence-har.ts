/**
 * HAR files for the Evidence screen's suites, built in Node around URLs the running app signed
 * itself (so the credential openAppWithCredential created verifies them), and handed to the
 * page's file input as a customer's export would be.
 */
import type { Page } from 'playwright-core'
import { entry, har } from '../fixtures/har'

export { entry, har }

export const EMBED_PATH = 'https://app.sigmacomputing.com/embed/1-3kxOdcUS4xsaEFdy1Wkwgn'

/** A signed URL from the app's own signer: the first stored credential, the named persona. */
export async function signThroughApp(page: Page, persona = 'Sales Manager', embedPath = EMBED_PATH): Promise<string> {
  const signed = await page.evaluate(
    async ([personaName, path]) => {
      const credentials = await window.workbench.listCredentials({})
      const personas = await window.workbench.listPersonas({})
      if (!credentials.ok || !personas.ok) throw new Error('could not list credentials or personas')
      const personaId = personas.value.find((p) => p.name === personaName)?.id
      if (!credentials.value[0] || !personaId) throw new Error('no credential or persona to sign with')
      return window.workbench.signEmbedUrl({
        method: 'url',
        credentialId: credentials.value[0].id,
        personaId,
        options: { embedPath: path!, sessionLength: 600 }
      })
    },
    [persona, embedPath]
  )
  if (!signed.ok) throw new Error(`the app did not sign: ${signed.error.message}`)
  return signed.value.url
}

/** Unix seconds now (the signed URLs' :time is the app's clock). */
export const nowSeconds = () => Math.floor(Date.now() / 1000)

/** Picks `text` as the file `name` in the Evidence screen's file input. */
export async function pickHar(page: Page, text: string, name = 'customer.har'): Promise<void> {
  await page.setInputFiles('[data-testid=evidence-file-input]', {
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text)
  })
}

/** The embed API's JSON answer that carries the URL (what the parent's server returns). */
export const apiAnswer = (at: number, url: string) =>
  entry({
    at,
    method: 'POST',
    url: 'https://customer.example.com/api/embed-url',
    body: JSON.stringify({ url }),
    mimeType: 'application/json'
  })

/** A HAR of about `megabytes` MB: page requests with large bodies and no embed in them. */
export function largeHar(megabytes: number, at: number): string {
  const body = 'x'.repeat(256 * 1024)
  const entries = Array.from({ length: megabytes * 4 }, (_, i) =>
    entry({ at: at + i, url: `https://customer.example.com/assets/chunk-${i}.js`, body, mimeType: 'text/javascript' })
  )
  return har(entries)
}
