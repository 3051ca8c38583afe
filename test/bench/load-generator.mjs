// The external load generator for the emulator bench: autocannon in a process of its own, so its
// work is not the server's. Each request is a freshly signed embed URL (a nonce is good once),
// signed here, for one of `users` distinct embed users in turn. Prints autocannon's figures as JSON.
//   node load-generator.mjs '{"origin":"http://127.0.0.1:1234","path":"/embed/1-x","secret":"…","clientId":"…","connections":16,"seconds":5,"users":10}'
import { createHmac, randomUUID } from 'node:crypto'
import autocannon from 'autocannon'

const o = JSON.parse(process.argv[2])
let n = 0
/** A signed URL's request target for user n mod users (the same shape for the bare server). */
function target() {
  const user = n++ % o.users
  const now = Math.floor(Date.now() / 1000)
  const unsigned = `${o.path}?:nonce=${randomUUID()}&:client_id=${o.clientId}&:email=load${user}@example.com&:external_user_id=load-${user}&:external_user_team=Sales_People&:account_type=Viewer&:mode=userbacked&:session_length=3600&:time=${now}&:ua_Region=West`
  return `${unsigned}&:signature=${createHmac('sha256', o.secret).update(`${o.origin}${unsigned}`).digest('hex')}`
}

const result = await autocannon({
  url: o.origin,
  connections: o.connections,
  // A number of requests (the warm-up that sees each user once), or a duration.
  ...(o.amount ? { amount: o.amount } : { duration: o.seconds }),
  requests: [{ setupRequest: (req) => ({ ...req, path: target() }) }]
})
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration
  })
)
