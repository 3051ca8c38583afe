/** What the command line says about itself, and the error that means "bad usage" (exit 2). */

export class UsageError extends Error {}

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  readStdin: () => string
  now: () => number
  /** Resolves when a long-running command (emulator) should stop: Ctrl+C, or the test's say-so. */
  untilStopped?: () => Promise<void>
}

export const USAGE = `Usage:
  embed-workbench sign --method url|jwt --embed-path URL --client-id ID (--secret-env VAR | --secret-file F)
      [--persona-file F [--persona NAME] | --email E --external-user-id X --teams A,B --account-type T
       --ua Name=v1,v2 ... --first-name F --last-name L --eval-connection-id C]
      [--session-length S] [--mode userbacked|view] [--jwt-version 1.0|1.1] [--version-tag T]
      [--control Name=value ...] [--theme T] [--menu-position top|bottom|none] [--hide :hide_menu ...]
      [--lng L] [--lng-variant V] [--responsive-height] [--json]
  embed-workbench inspect URL_OR_JWT|- [--secret-env VAR]... [--secret-file F]... [--now UNIX] [--json]
  embed-workbench diff URL_A URL_B [--json]
  embed-workbench har FILE.har [--secret-env VAR]... [--secret-file F]... [--json] [--data-dir D] [--passphrase-env VAR]
  embed-workbench migrate SIGNED_URL|- (--secret-env VAR | --secret-file F) [--workbook-url URL] [--data-dir D] [--json]
  embed-workbench codegen --lang node|python|java|csharp|go|ruby|php --method url|jwt --embed-path URL --client-id ID (persona and options as for sign) [--out FILE]
  embed-workbench bundle export FILE.har --out BUNDLE.json [--secret-env VAR]... [--json] | open BUNDLE.json [--json]
  embed-workbench cert check --cert F [--key F] [--passphrase-env VAR] [--ca F] [--domains LIST --host H[:PORT]] [--json]
  embed-workbench request --credential NAME --method GET|POST|... --path P [--body F] [--header 'Name: value' ...]
      [--org ORG] [--environment test|production] [--cacert SERVER_CA.pem] [--now UNIX|ISO] [--presign SECONDS] [--dry-run] [--json] [--data-dir D] [--passphrase-env VAR]
  embed-workbench request inspect FILE|- [--entry N] [--as-of UNIX|ISO] [--credential NAME [--org ORG]] [--client-canonical FILE] [--max-skew S] [--json]
  embed-workbench verify-server --credential NAME [--org ORG] [--port N] [--require-client-cert --client-ca-cert CERT_NAME]
      [--max-skew S] [--now UNIX|ISO] [--environment test|production] [--data-dir D] [--passphrase-env VAR]
  embed-workbench emulator [--port N] [--serve-as https://app.sigmacomputing.com ...] [--tls-port N]
      [--allow-parent ORIGIN ...] [--data-dir D] [--passphrase-env VAR]
  embed-workbench credentials list [--json] | create --name N --secret-out FILE [--description T --owner O --account-type A]
      | import --name N --client-id ID (--secret-env VAR | --secret-file F) | revoke (--client-id ID | --name N)
      [--data-dir D] [--passphrase-env VAR]

request inspect judges a request already sent (raw HTTP, a cURL command, a HAR or one entry) against the stored API credentials (exit 1 when refused).
request and verify-server use the environment selected in the app unless --environment chooses one for this run.
The vault passphrase comes from --passphrase-env VAR (default EMBED_WORKBENCH_PASSPHRASE).
Secrets are read only from environment variables (--secret-env) or files (--secret-file).
emulator --serve-as answers as the real host over TLS (local CA in the vault) and prints the Chromium flags that reach it.
har judges every embed request in a HAR; with the vault passphrase set it checks signatures with the stored credentials.
migrate turns a signed URL into the equivalent JWT URL and proves it with the emulator's org (exit 1 when a difference remains).
codegen prints an embed API program (Express + jsonwebtoken, Flask + PyJWT, jjwt, System.IdentityModel.Tokens.Jwt, golang-jwt, ruby-jwt, firebase/php-jwt) that reads its secret from EMBED_SECRET.
bundle export writes a redacted repro bundle (no secret, signature or cookie inside); bundle open signs it again with a sandbox credential.
cert check reads PEM, DER, PKCS#7 and PKCS#12 files; the key passphrase comes from --passphrase-env VAR.
Exit codes: 0 ok, 1 an error finding or a failure, 2 bad usage.`
