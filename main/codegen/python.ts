/** The embed API in Python: Flask and PyJWT (what Python users pick for HS256). */
import type { GeneratedProgram } from '../../preload/contract'
import type { EmbedRecipe } from './codegen'
import { claimComment, indent, literal, paramComment } from './comments'

/** A Python literal for JSON data (true/false/null spelled the Python way). */
const py = (value: unknown): string =>
  JSON.stringify(value, null, 0)
    .replace(/\btrue\b/g, 'True')
    .replace(/\bfalse\b/g, 'False')
    .replace(/\bnull\b/g, 'None')

export function pythonProgram(r: EmbedRecipe): GeneratedProgram {
  const p = r.persona
  const user = [
    `"email": ${literal(p.email)},`,
    `"external_user_id": ${literal(p.externalUserId)},`,
    `"teams": ${py(p.teams)},`,
    `"account_type": ${literal(p.accountType)},`,
    `"user_attributes": ${py(Object.fromEntries(p.userAttributes.map((a) => [a.name, a.values])))},`
  ]
  const signer =
    r.method === 'jwt'
      ? `def embed_url(user):
    now = int(time.time())
    claims = {
${indent(
  [
    `"sub": user["email"],  # ${claimComment('sub')}`,
    `"jti": str(uuid.uuid4()),  # ${claimComment('jti')}`,
    `"iat": now,  # ${claimComment('iat')}`,
    `"exp": now + SESSION_LENGTH,  # ${claimComment('exp')}`,
    ...Object.entries(r.claims)
      .filter(([name]) => name !== 'sub')
      .map(([name, value]) => `${literal(name)}: ${claimValue(name, value)},  # ${claimComment(name)}`)
  ],
  '        '
)}
    }
    # HS256 keyed with the secret's UTF-8 bytes; kid: the client id.
    token = jwt.encode(claims, SECRET, algorithm="HS256", headers={"kid": CLIENT_ID, "typ": "JWT"})
    params = [
        (":jwt", token),  # the signed token
        (":embed", "true"),  # marks a JWT embed
${indent(
  r.trailing.map((t) => `(${literal(t.name)}, ${literal(t.value)}),  # ${paramComment(t.name)}`),
  '        '
)}
    ]
    return BASE + "?" + "&".join(f"{name}={encode_value(value)}" for name, value in params)`
      : `def embed_url(user):
    params = [
${indent(
  r.urlParams.map(
    (u) =>
      `(${literal(u.name)}, ${
        u.value === '$nonce'
          ? 'str(uuid.uuid4())'
          : u.value === '$time'
            ? 'str(int(time.time()))'
            : urlValue(u.name, u.value)
      }),  # ${paramComment(u.name)}`
  ),
  '        '
)}
    ]
    unsigned = BASE + "?" + "&".join(f"{name}={encode_value(value)}" for name, value in params)
    # :signature, last: HMAC-SHA256 of everything before it, keyed with the secret's UTF-8 bytes, hex.
    signature = hmac.new(SECRET.encode("utf-8"), unsigned.encode("utf-8"), hashlib.sha256).hexdigest()
    return unsigned + "&:signature=" + signature`

  const code = `"""Embed API for ${p.name || 'this persona'} (${r.method === 'jwt' ? 'JWT' : 'signed URL'}), exported by Embed Workbench.

    pip install flask pyjwt          (Debian: apt install python3-flask python3-jwt)
    EMBED_SECRET=... python3 embed_api.py            serves GET /api/embed-url on PORT (3000)
    EMBED_SECRET=... python3 embed_api.py --print    prints one URL

In your app the user comes from your own login; here it is the persona.
"""
import hashlib
import hmac
import os
import re
import sys
import time
import uuid
from urllib.parse import quote
${r.method === 'jwt' ? '\nimport jwt  # PyJWT\n' : ''}
CLIENT_ID = ${literal(r.clientId)}  # the embed client id (Administration > Developer Access)
SECRET = os.environ.get("EMBED_SECRET")  # the embed secret: from the environment, never in code
if not SECRET:
    sys.exit("Set EMBED_SECRET to the embed secret.")
BASE = ${literal(r.base)}  # ${r.method === 'jwt' ? 'the workbook, page or element URL' : 'the embed path'}
SESSION_LENGTH = ${r.sessionLength}  # seconds

USER = {
${indent(user, '    ')}
}

_UNSAFE = re.compile(r"[\\s%&#+\\x00-\\x1f\\x7f-\\uffff]")


def encode_value(value):
    """Key values stay raw; only what would break the query string is percent-encoded."""
    return _UNSAFE.sub(lambda m: quote(m.group(0), safe=""), str(value))


${signer}


if __name__ == "__main__":
    if "--print" in sys.argv:
        print(embed_url(USER))
    else:
        from flask import Flask, jsonify

        app = Flask(__name__)

        @app.get("/api/embed-url")
        def get_embed_url():
            return jsonify(url=embed_url(USER))

        app.run(port=int(os.environ.get("PORT", "3000")))
`
  return {
    language: 'python',
    fileName: 'embed_api.py',
    code,
    install: 'pip install flask pyjwt',
    run: 'EMBED_SECRET=... python3 embed_api.py --print'
  }
}

function claimValue(name: string, value: unknown): string {
  if (name === 'teams') return 'user["teams"]'
  if (name === 'account_type') return 'user["account_type"]'
  if (name === 'user_attributes') return '{k: (v[0] if len(v) == 1 else v) for k, v in user["user_attributes"].items()}'
  return py(value)
}

function urlValue(name: string, value: string): string {
  if (name === ':email') return 'user["email"]'
  if (name === ':external_user_id') return 'user["external_user_id"]'
  if (name === ':external_user_team') return '",".join(user["teams"])'
  if (name === ':account_type') return 'user["account_type"]'
  if (name.startsWith(':ua_')) return `",".join(user["user_attributes"][${literal(name.slice(4))}])`
  return literal(value)
}
