/**
 * A request for a served host name (https://app.sigmacomputing.com/...) answered by the emulator's
 * TLS front: used where the app itself intercepts a page's requests (the desktop app's customer-app
 * window), so the page reaches the emulator through the same TLS, the same Host and the same
 * checks as a browser started with the emulator's flags.
 */
import { request as httpsRequest } from 'node:https'

/** Headers that belong to one hop, not to the request the page made. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te'])

export async function answerAsHost(request: Request, front: { port: number; caPem: string }): Promise<Response> {
  const url = new URL(request.url)
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers[name] = value
  })
  headers['host'] = url.host
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : Buffer.from(await request.arrayBuffer())
  return new Promise<Response>((resolve) => {
    const outgoing = httpsRequest(
      {
        host: '127.0.0.1',
        port: front.port,
        servername: url.hostname,
        ca: front.caPem,
        method: request.method,
        path: `${url.pathname}${url.search}`,
        headers,
        timeout: 15_000
      },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('end', () => {
          const out = new Headers()
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value === undefined || HOP_BY_HOP.has(name)) continue
            for (const v of Array.isArray(value) ? value : [value]) out.append(name, v)
          }
          const status = incoming.statusCode ?? 502
          resolve(
            new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: out })
          )
        })
      }
    )
    const fail = (reason: string) =>
      resolve(
        new Response(`The emulator did not answer for ${url.host}: ${reason}.`, {
          status: 502,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' }
        })
      )
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')))
    outgoing.on('error', (error) => fail(error.message))
    outgoing.end(body ?? undefined)
  })
}
