/** The embed API in Node.js: Express and jsonwebtoken (what Node users pick for HS256). */
import type { GeneratedProgram } from '../../preload/contract'
import type { EmbedRecipe } from './codegen'
import { claimComment, indent, literal, paramComment } from './comments'

export function nodeProgram(r: EmbedRecipe): GeneratedProgram {
  const p = r.persona
  const user = [
    `email: ${literal(p.email)},`,
    `externalUserId: ${literal(p.externalUserId)},`,
    `teams: ${JSON.stringify(p.teams)},`,
    `accountType: ${literal(p.accountType)},`,
    `userAttributes: ${JSON.stringify(Object.fromEntries(p.userAttributes.map((a) => [a.name, a.values])))}`
  ]
  const signer =
    r.method === 'jwt'
      ? `function embedUrl(user) {
  const now = Math.floor(Date.now() / 1000)
  const claims = {
${indent(
  [
    `sub: user.email, // ${claimComment('sub')}`,
    `jti: crypto.randomUUID(), // ${claimComment('jti')}`,
    `iat: now, // ${claimComment('iat')}`,
    `exp: now + SESSION_LENGTH, // ${claimComment('exp')}`,
    ...Object.entries(r.claims)
      .filter(([name]) => name !== 'sub')
      .map(([name, value]) => `${name}: ${claimValue(name, value)}, // ${claimComment(name)}`)
  ],
  '    '
)}
  }
  const token = jwt.sign(claims, SECRET, {
    algorithm: 'HS256', // the embed secret's UTF-8 bytes are the HMAC key
    header: { alg: 'HS256', kid: CLIENT_ID, typ: 'JWT' } // kid: the client id
  })
  const params = [
    [':jwt', token], // the signed token
    [':embed', 'true'], // marks a JWT embed
${indent(
  r.trailing.map((t) => `[${literal(t.name)}, ${literal(t.value)}], // ${paramComment(t.name)}`),
  '    '
)}
  ]
  return \`\${BASE}?\${params.map(([name, value]) => \`\${name}=\${encodeValue(value)}\`).join('&')}\`
}`
      : `function embedUrl(user) {
  const params = [
${indent(
  r.urlParams.map(
    (u) =>
      `[${literal(u.name)}, ${
        u.value === '$nonce'
          ? 'crypto.randomUUID()'
          : u.value === '$time'
            ? 'String(Math.floor(Date.now() / 1000))'
            : urlValue(u.name, u.value)
      }], // ${paramComment(u.name)}`
  ),
  '    '
)}
  ]
  const unsigned = \`\${BASE}?\${params.map(([name, value]) => \`\${name}=\${encodeValue(value)}\`).join('&')}\`
  // :signature, last: HMAC-SHA256 of everything before it, keyed with the secret's UTF-8 bytes, hex.
  const signature = crypto.createHmac('sha256', Buffer.from(SECRET, 'utf8')).update(unsigned).digest('hex')
  return \`\${unsigned}&:signature=\${signature}\`
}`

  const code = `// Embed API for ${p.name || 'this persona'} (${r.method === 'jwt' ? 'JWT' : 'signed URL'}), exported by Embed Workbench.
//   npm install express jsonwebtoken
//   EMBED_SECRET=... node embed-api.js            serves GET /api/embed-url on PORT (3000)
//   EMBED_SECRET=... node embed-api.js --print    prints one URL
// In your app the user comes from your own login; here it is the persona.
'use strict'
const crypto = require('node:crypto')
${r.method === 'jwt' ? "const jwt = require('jsonwebtoken')\n" : ''}
const CLIENT_ID = ${literal(r.clientId)} // the embed client id (Administration > Developer Access)
const SECRET = process.env.EMBED_SECRET // the embed secret: from the environment, never in code
if (!SECRET) {
  console.error('Set EMBED_SECRET to the embed secret.')
  process.exit(1)
}
const BASE = ${literal(r.base)} // ${r.method === 'jwt' ? 'the workbook, page or element URL' : 'the embed path'}
const SESSION_LENGTH = ${r.sessionLength} // seconds

const user = {
${indent(user, '  ')}
}

/** Key values stay raw; only what would break the query string is percent-encoded. */
function encodeValue(value) {
  return String(value).replace(/[\\s%&#+\\u0000-\\u001f\\u007f-\\uffff]/gu, (c) => encodeURIComponent(c))
}

${signer}

if (process.argv.includes('--print')) {
  console.log(embedUrl(user))
} else {
  const express = require('express')
  const app = express()
  app.get('/api/embed-url', (req, res) => res.json({ url: embedUrl(user) }))
  const port = Number(process.env.PORT || 3000)
  app.listen(port, () => console.log(\`Embed API on http://localhost:\${port}/api/embed-url\`))
}
`
  return {
    language: 'node',
    fileName: 'embed-api.js',
    code,
    install: 'npm install express jsonwebtoken',
    run: 'EMBED_SECRET=... node embed-api.js --print'
  }
}

/** A claim as JavaScript: the user's fields where they come from the user, literals otherwise. */
function claimValue(name: string, value: unknown): string {
  if (name === 'teams') return 'user.teams'
  if (name === 'account_type') return 'user.accountType'
  if (name === 'user_attributes')
    return 'Object.fromEntries(Object.entries(user.userAttributes).map(([k, v]) => [k, v.length === 1 ? v[0] : v]))'
  return JSON.stringify(value)
}

/** A signed-URL parameter as JavaScript: from the user object where it is the user's. */
function urlValue(name: string, value: string): string {
  if (name === ':email') return 'user.email'
  if (name === ':external_user_id') return 'user.externalUserId'
  if (name === ':external_user_team') return "user.teams.join(',')"
  if (name === ':account_type') return 'user.accountType'
  if (name.startsWith(':ua_')) return `user.userAttributes[${literal(name.slice(4))}].join(',')`
  return literal(value)
}
