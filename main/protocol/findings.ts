/**
 * The one finding vocabulary, shared by the inspector, the emulator and the CLI. A code never
 * changes meaning; its severity and usual fix live here, the case-specific sentence is built where
 * the problem is found.
 */
import type { Finding, Severity } from '../../preload/contract'

interface CodeSpec {
  severity: Severity
  fix: string
}

export const findingCodes = {
  // Input
  INPUT_EMPTY: { severity: 'error', fix: 'Paste a signed embed URL, a JWT embed URL or a bare JWT.' },
  INPUT_UNRECOGNIZED: {
    severity: 'error',
    fix: 'Paste the whole embed URL (from the iframe src or the embed API response), starting with https://.'
  },
  INPUT_TRIMMED: {
    severity: 'info',
    fix: 'Nothing to do; the host would not see that whitespace either if the URL is copied cleanly.'
  },
  WHITESPACE_IN_URL: {
    severity: 'error',
    fix: 'Remove line breaks and spaces the URL picked up when it was copied (wrapped email or chat), or copy it again.'
  },
  URL_NOT_HTTPS: { severity: 'warning', fix: 'Embed URLs are served over https://.' },
  TOO_MANY_PARAMS: {
    severity: 'error',
    fix: 'This is not an embed URL as the embed API makes it; check what produced it.'
  },
  ENCODING_STYLE: {
    severity: 'info',
    fix: 'Nothing to do: the host verifies the URL exactly as received, whatever its encoding, as long as nothing re-encodes it after signing.'
  },
  // Signature
  SIGNATURE_VALID: { severity: 'info', fix: 'Nothing to do.' },
  SIGNATURE_INVALID: {
    severity: 'error',
    fix: 'Sign the URL again with the secret that belongs to its client id, and send it exactly as signed.'
  },
  SIGNATURE_MISSING: {
    severity: 'error',
    fix: 'Append "&:signature=" + HMAC-SHA256(secret, URL so far) as the last parameter.'
  },
  SIGNATURE_NOT_LAST: {
    severity: 'error',
    fix: 'Make ":signature" the last parameter: compute it over the complete URL, then append it.'
  },
  SIGNATURE_UNCHECKED: {
    severity: 'info',
    fix: "Type the secret beside Inspect (for this inspection only), or import the credential on the Credentials screen, to check the signature: the customer's admin has it."
  },
  SIGNATURE_FORMAT: { severity: 'error', fix: 'Send the HMAC-SHA256 digest as 64 lowercase hex characters.' },
  CLIENT_ID_UNKNOWN: {
    severity: 'error',
    fix: 'Use the client id of a credential that exists in this org (Administration > Developer Access), or import it here.'
  },
  CLIENT_ID_TRUNCATED: {
    severity: 'error',
    fix: 'Copy the full 64-character client id into the embed API configuration.'
  },
  CREDENTIAL_REVOKED: {
    severity: 'error',
    fix: 'Use the credential that replaced it (regenerated under the same name) and update the embed API.'
  },
  SIGNED_WITH_OTHER_CREDENTIAL: {
    severity: 'error',
    fix: 'Sign with the secret that belongs to the client id in the URL (or put the matching client id in the URL).'
  },
  SECRET_WHITESPACE: {
    severity: 'error',
    fix: 'Trim the secret where the embed API reads it (environment variable or file): a trailing newline is part of the HMAC key.'
  },
  SECRET_HEX_DECODED: {
    severity: 'error',
    fix: "Use the secret's UTF-8 bytes as the HMAC key (Buffer.from(secret, 'utf8')), not its hex-decoded bytes."
  },
  ENCODING_CHANGED_AFTER_SIGNING: {
    severity: 'error',
    fix: 'Send the URL exactly as it was signed: do not pass it through URL/URLSearchParams or a proxy that re-encodes it, or sign the encoded form.'
  },
  PARAM_ADDED_AFTER_SIGNING: {
    severity: 'error',
    fix: 'Add every parameter before computing the signature, then append ":signature" last.'
  },
  PARAM_REMOVED_AFTER_SIGNING: { severity: 'error', fix: 'Send every parameter that was signed, unchanged.' },
  PARAM_VALUE_CHANGED: {
    severity: 'error',
    fix: 'Do not change parameter values after signing; sign the values you send.'
  },
  PARAM_REORDERED_AFTER_SIGNING: {
    severity: 'error',
    fix: 'Keep the parameters in the order they were signed in (building the query from a map can reorder it: sign the string you send).'
  },
  SIGNED_FOR_OTHER_HOST: {
    severity: 'error',
    fix: 'Sign the URL for the host that will load it (the embed path the customer app uses), and do not rewrite the host afterwards.'
  },
  SIGNED_PORTION_WRONG: {
    severity: 'error',
    fix: 'Compute the HMAC over the whole URL, from https:// up to (not including) "&:signature=".'
  },
  // Parameters
  REQUIRED_PARAM_MISSING: { severity: 'error', fix: 'Add the parameter before signing.' },
  PARAM_MISSING_COLON: {
    severity: 'error',
    fix: 'Embed parameters start with ":" (e.g. ":email"); without it the host reads it as a workbook control.'
  },
  PARAM_UNKNOWN: {
    severity: 'error',
    fix: 'Remove the parameter or correct its name; the host refuses unknown parameters (EINVAL).'
  },
  PARAM_SOURCES_DISAGREE: {
    severity: 'warning',
    fix: 'It loads here; if the real host refuses it, leave it out (turn on strict parameters to check).'
  },
  PARAM_DUPLICATED: { severity: 'error', fix: 'Send each parameter once.' },
  PARAM_VALUE_INVALID: { severity: 'error', fix: 'Send one of the documented values.' },
  PARAM_NOT_DECODABLE: {
    severity: 'error',
    fix: 'Percent-encode with valid UTF-8 escapes (e.g. %20), or leave the character raw.'
  },
  DEPENDENT_PARAM_MISSING: { severity: 'error', fix: 'Add the parameter it depends on.' },
  CONTROL_VALUE: {
    severity: 'info',
    fix: 'Nothing to do if this is a workbook control id; check its spelling against the control.'
  },
  TIME_IN_MILLISECONDS: { severity: 'error', fix: 'Send Unix seconds: Math.floor(Date.now() / 1000), not Date.now().' },
  TIME_INVALID: { severity: 'error', fix: 'Send the signing time as Unix seconds (an integer).' },
  TIME_IN_FUTURE: { severity: 'error', fix: "Sign with the current time; check the embed API server's clock (NTP)." },
  EXPIRED: {
    severity: 'error',
    fix: 'Sign a fresh URL right before loading it; embed URLs are single-use and short-lived.'
  },
  SESSION_LENGTH_EXCEEDS_MAX: { severity: 'error', fix: 'Use a session length within the maximum.' },
  NONCE_TOO_LONG: { severity: 'error', fix: 'Use a nonce of at most 255 characters (a UUID is 36).' },
  MODE_INVALID: { severity: 'error', fix: 'Send ":mode=userbacked" for secure embeds.' },
  MODE_VIEW: {
    severity: 'info',
    fix: 'Secure embeds use "userbacked"; "view" is what the vendor\'s signing sample sends.'
  },
  EMAIL_INVALID: { severity: 'error', fix: 'Send a valid email address for the embed user.' },
  TEAM_LIST_ENCODED: {
    severity: 'warning',
    fix: 'Join teams with raw commas (Sales_Managers,Sales_People); do not encode them as %2C.'
  },
  TEAM_LIST_EMPTY: {
    severity: 'error',
    fix: 'Send at least one team: a secure embed user must belong to a team the workbook is shared with.'
  },
  ACCOUNT_TYPE_MISSING: {
    severity: 'info',
    fix: 'Send ":account_type" (older host versions require it; it decides what the user may do).'
  },
  THEME_CASE: { severity: 'warning', fix: 'Theme names are case sensitive: Light, Dark or Surface.' },
  MENU_POSITION_INVALID: { severity: 'error', fix: 'Use top, bottom or none.' },
  // JWT
  JWT_MALFORMED: {
    severity: 'error',
    fix: 'Send the compact JWT exactly as the library produced it: three base64url parts separated by dots.'
  },
  JWT_ALG_NOT_HS256: { severity: 'error', fix: 'Sign with HS256 (HMAC-SHA256) using the embed secret.' },
  JWT_KID_MISSING: { severity: 'error', fix: 'Put the client id in the JWT header as "kid".' },
  JWT_KID_UNKNOWN: {
    severity: 'error',
    fix: 'Use the client id of a credential that exists in this org as "kid", or import it here.'
  },
  JWT_EXP_TOO_FAR: { severity: 'error', fix: 'Keep exp - iat at or below the maximum session length (30 days).' },
  JWT_SUB_UNDERSCORE: {
    severity: 'warning',
    fix: 'If the real host answers "Invalid sub field in payload.", use an email without "_" for the embed user.'
  },
  JWT_SUB_INVALID: {
    severity: 'error',
    fix: 'Put the user\'s email in "sub": no whitespace or underscores (RFC 1035).'
  },
  JWT_AUD_MISSING: { severity: 'error', fix: 'Version 1.1 tokens need "aud": "sigmacomputing".' },
  JWT_AUD_INVALID: { severity: 'error', fix: 'Set "aud" to "sigmacomputing".' },
  JWT_VERSION_INVALID: { severity: 'error', fix: 'Set "ver" to "1.0" or "1.1".' },
  JWT_CLAIM_INVALID: { severity: 'error', fix: 'Send the claim with the documented type.' },
  JWT_EMBED_PARAM_MISSING: { severity: 'error', fix: 'Add "&:embed=true" right after the ":jwt" parameter.' },
  // What only the host (the emulator) can know: its org and what it has seen.
  NONCE_REUSED: {
    severity: 'error',
    fix: 'Sign a new URL for every load: embed URLs are single-use (a fresh :nonce or jti each time).'
  },
  EMBED_NOT_FOUND: {
    severity: 'error',
    fix: "Use an embed path from the workbook's Embedding dialog (or the emulator's list of embed paths)."
  },
  WRONG_URL_FORM: {
    severity: 'error',
    fix: 'Signed URLs go to /embed/{id}; JWTs go to the workbook URL /{org}/workbook/{name}-{id}.'
  },
  TEAM_UNKNOWN: {
    severity: 'error',
    fix: 'Check the spelling (team names are exact) or create the team in the admin portal.'
  },
  ACCOUNT_TYPE_UNKNOWN: {
    severity: 'error',
    fix: "Use a default account type of the org's license model, or a custom type that exists in the org."
  },
  ACCOUNT_TYPE_MODEL: { severity: 'info', fix: 'Nothing to do.' },
  INTERNAL_USER_ACCOUNT_TYPE: {
    severity: 'error',
    fix: 'Use an email that does not belong to an internal user, or do not send an account type, teams or user attributes for internal users.'
  },
  USER_NOT_PROVISIONED: {
    severity: 'error',
    fix: 'Create the user in the org first (People), or turn automatic user creation on.'
  },
  USER_DEACTIVATED: { severity: 'error', fix: 'Reactivate the user in People, or embed as another user.' },
  PARENT_NOT_ALLOWED: {
    severity: 'error',
    fix: "Add the parent app's origin under Emulator > Allowed parents, then load it again."
  },
  USER_EXISTS: {
    severity: 'error',
    fix: "Send the user's own :external_user_id (the one the org has), or embed this user under another email."
  },
  WORKBOOK_NOT_SHARED: {
    severity: 'error',
    fix: "Share the workbook (or its workspace) with one of the user's teams."
  },
  // What only a sequence of requests shows (a HAR).
  URL_CHANGED_IN_TRANSIT: {
    severity: 'error',
    fix: "Set the iframe's src to the embed API's URL exactly as returned: do not add, re-encode or cut parameters after signing (sign the final URL instead)."
  },
  CLOCK_SKEW: {
    severity: 'warning',
    fix: "Sync the embed API server's clock (NTP); the host measures the session from the signing time."
  },
  SESSION_EXPIRED_BEFORE_ACTION: {
    severity: 'error',
    fix: 'Sign with a session length that covers how long users stay on the page, or sign a fresh URL and reload the embed when the session ends.'
  },
  // About a HAR file itself.
  HAR_NOT_A_HAR: {
    severity: 'error',
    fix: "Save the file from the browser's developer tools: Network > Export HAR (Chrome, Edge, Firefox) or Export (Safari)."
  },
  HAR_TRUNCATED: {
    severity: 'warning',
    fix: 'Ask for the file again (it was cut off: a size limit of the mail or chat tool, or a download stopped early).'
  },
  HAR_ENTRY_UNREADABLE: {
    severity: 'warning',
    fix: 'Nothing to do unless the entry was an embed request; export the HAR again.'
  },
  HAR_NO_EMBED_REQUESTS: {
    severity: 'info',
    fix: "Record with the Network panel open from before the embed loads, with 'Preserve log' on, and keep response bodies."
  }
} as const satisfies Record<string, CodeSpec>

export type FindingCode = keyof typeof findingCodes

export function finding(code: FindingCode, param: string | null, message: string, fix?: string): Finding {
  const spec: CodeSpec = findingCodes[code]
  return { code, severity: spec.severity, param, message, fix: fix ?? spec.fix }
}

/**
 * Client certificates (mTLS): the same Finding shape, its own codes. `param` names the form field
 * the finding is about: certificate, key, passphrase, ca, domains or host.
 */
export const certificateFindingCodes = {
  NOT_PEM: {
    severity: 'error',
    fix: 'Paste the PEM text, from "-----BEGIN CERTIFICATE-----" to the matching END line, or upload the .pem/.crt/.cer/.der file itself.'
  },
  WRONG_BLOCK_TYPE: {
    severity: 'error',
    fix: 'Put each block in its field: CERTIFICATE blocks under Client certificate, the PRIVATE KEY block under Client key.'
  },
  UNSUPPORTED_FORMAT: { severity: 'error', fix: 'Convert it with the openssl command given, then upload the result.' },
  INPUT_DAMAGED: {
    severity: 'error',
    fix: 'Copy or export it again: the text was cut or altered on the way (mail, chat and ticket tools wrap or trim it).'
  },
  CERTIFICATE_MISSING: { severity: 'error', fix: 'Add the client certificate (PEM, DER or PKCS#12).' },
  KEY_MISSING: {
    severity: 'warning',
    fix: 'Add the client key: without it the certificate cannot be presented in a TLS handshake.'
  },
  KEY_MISMATCH: {
    severity: 'error',
    fix: 'Use the key the certificate was issued for: compare `openssl x509 -noout -pubkey -in cert.pem` with `openssl pkey -pubout -in key.pem`; they must be identical.'
  },
  PASSPHRASE_REQUIRED: { severity: 'error', fix: 'Enter the passphrase the key (or PKCS#12 file) was exported with.' },
  PASSPHRASE_WRONG: {
    severity: 'error',
    fix: 'Check the passphrase with whoever exported the key (watch for a trailing space or newline). A key that cannot be opened is not saved.'
  },
  PASSPHRASE_NOT_NEEDED: {
    severity: 'info',
    fix: 'Nothing to do: the key is not encrypted, so the passphrase is not stored.'
  },
  EXPIRED: {
    severity: 'error',
    fix: 'Issue a new certificate (or renew it with the CA); servers refuse an expired certificate in the handshake.'
  },
  NOT_YET_VALID: {
    severity: 'error',
    fix: 'Wait until its start date, or check the clock of the machine that issued it (and of the server); servers refuse it until then.'
  },
  EXPIRING_SOON: {
    severity: 'warning',
    fix: 'Plan the renewal now: issue a new certificate before it expires and replace it here.'
  },
  SELF_SIGNED: {
    severity: 'warning',
    fix: 'A self-signed client certificate works only if the server trusts exactly this certificate; most servers want one issued by their CA.'
  },
  WEAK_KEY: {
    severity: 'error',
    fix: 'Issue a new certificate on an RSA key of at least 2048 bits (or EC P-256); OpenSSL 3 refuses smaller RSA keys at its default security level.'
  },
  SHA1_SIGNATURE: {
    severity: 'warning',
    fix: 'Have the CA reissue it with SHA-256; many servers (OpenSSL 3 at security level 1 and above, Java 17+) refuse SHA-1 signatures.'
  },
  NO_CLIENT_AUTH_EKU: {
    severity: 'error',
    fix: 'Issue the certificate with extendedKeyUsage = clientAuth (or without the extension); servers refuse it with "unsupported certificate purpose".'
  },
  KEY_USAGE_NO_SIGNATURE: {
    severity: 'error',
    fix: 'Issue the certificate with keyUsage = digitalSignature: a TLS client signs the handshake with its key.'
  },
  CHAIN_UNVERIFIED: {
    severity: 'error',
    fix: 'Add the missing intermediate after the client certificate, or use the CA that issued it.'
  },
  CHAIN_NOT_CHECKED: { severity: 'info', fix: 'Add the CA certificate to check the chain here, as the server will.' },
  CHAIN_ORDER: {
    severity: 'warning',
    fix: 'Put the client certificate first, then each issuer in order; servers read the chain in that order.'
  },
  CA_NOT_A_CA: {
    severity: 'error',
    fix: 'Use the CA certificate itself (basicConstraints CA:TRUE), not a leaf certificate.'
  },
  DOMAIN_INVALID: {
    severity: 'error',
    fix: 'Write one host per line: api.example.com, *.example.com or api.example.com:8443.'
  },
  DOMAINS_EMPTY: {
    severity: 'warning',
    fix: 'Add the hosts this certificate may be sent to, one per line; with none it is never presented.'
  },
  DOMAIN_MATCHES_ALL: {
    severity: 'warning',
    fix: 'Name the hosts instead: "*" sends this certificate (and proves this identity) to every server.'
  },
  HOST_NOT_AUTHORIZED: {
    severity: 'error',
    fix: "Add the host to the certificate's authorized domains, or use the certificate meant for that host."
  }
} as const satisfies Record<string, CodeSpec>

export type CertificateFindingCode = keyof typeof certificateFindingCodes

export function certificateFinding(
  code: CertificateFindingCode,
  field: string | null,
  message: string,
  fix?: string
): Finding {
  const spec: CodeSpec = certificateFindingCodes[code]
  return { code, severity: spec.severity, param: field, message, fix: fix ?? spec.fix }
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity])
}

export function hasError(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error')
}
