/** Before the first inspection: what can be pasted, with a short example of each, and what comes back. */
import { Button } from '../../ui/Button'
import { shortcutLabel } from '../../ui/format'
import { Icon } from '../../ui/Icon'

const examples = [
  {
    name: 'Raw HTTP',
    where: 'from a log, a proxy or DevTools’ “view source”',
    text: 'POST /v1/orders?a=1 HTTP/1.1\nHost: api.example.com\nContent-Type: application/json\nX-Amz-Date: 20251201T090640Z\nAuthorization: AWS4-HMAC-SHA256 Credential=AKID…/20251201/us-east-1/execute-api/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d67…\n\n{"qty":1}'
  },
  {
    name: 'cURL',
    where: 'a shell line or DevTools’ “Copy as cURL”',
    text: "curl 'https://api.example.com/reports/q3.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=…&X-Amz-Expires=900&X-Amz-Signature=c363…'"
  },
  {
    name: 'HAR',
    where: 'a whole file (pick the entry) or one entry',
    text: '{ "log": { "entries": [ { "startedDateTime": "2025-12-01T09:06:40Z",\n  "request": { "method": "GET", "url": "https://api.example.com/…",\n    "headers": [ { "name": "Authorization", "value": "Bearer …" } ] } } ] } }'
  }
]

export function EmptyResult({
  noCredentials,
  onAddCredential
}: {
  noCredentials: boolean
  onAddCredential: () => void
}) {
  return (
    <div className="request-inspector-empty" data-testid="ri-empty">
      <h2 className="request-inspector-empty-title">Judge a request a customer already sent</h2>
      <p className="request-inspector-empty-text">
        Its authentication is read (Basic, Bearer, an API key header, AWS Signature V4 in the header or a presigned URL,
        HMAC-SHA256), the stored API credential it names is found, and it is judged as the verification server judges
        it. When a signature does not match, it says what changed after signing, down to the canonical line. Secrets
        come back masked; nothing is stored.
      </p>
      <ul className="request-inspector-examples">
        {examples.map((example) => (
          <li key={example.name} className="request-inspector-example">
            <div className="request-inspector-example-head">
              <strong>{example.name}</strong>
              <span>{example.where}</span>
            </div>
            <pre className="code-box mono request-inspector-example-text">{example.text}</pre>
          </li>
        ))}
      </ul>
      <p className="request-inspector-empty-keys">
        <kbd className="kbd">{shortcutLabel('↵')}</kbd> inspects from any field. Paste the client’s canonical request
        from its log too, to see the line that differs and whether it is what was signed.
      </p>
      {noCredentials ? (
        <div className="request-inspector-empty-note" data-testid="ri-no-credentials">
          <Icon name="info" size={14} />
          <span>No API credential is stored for this environment: a request can be read, but not judged.</span>
          <Button size="sm" icon="plug" onClick={onAddCredential} testId="ri-add-credential">
            API credentials
          </Button>
        </div>
      ) : null}
    </div>
  )
}
