import type { ApiContentType, ApiCredentialSummary, NameValue } from '../../../../preload/contract'
import type { httpMethods } from '../../../../preload/contract/constants'
import { NameValueRows } from '../../ui/NameValueRows'
import { contentTypeMime } from './apiCredentialDraft'

const bodyPlaceholder: Record<ApiContentType, string> = {
  json: '{\n  "orderId": "A-1001",\n  "quantity": 2\n}',
  xml: '<order>\n  <id>A-1001</id>\n  <quantity>2</quantity>\n</order>',
  form: 'orderId=A-1001&quantity=2'
}

const bodyHint: Record<ApiContentType, string> = {
  json: 'JSON; sent as application/json.',
  xml: 'XML; sent as application/xml.',
  form: 'name=value pairs joined with &, URL-encoded; sent as application/x-www-form-urlencoded.'
}

interface RequestExtrasProps {
  credential: ApiCredentialSummary | null
  method: (typeof httpMethods)[number]
  body: string
  onBody: (body: string) => void
  bodyProblem: string | null
  onBodyProblem: (problem: string | null) => void
  headers: NameValue[]
  onHeaders: (rows: NameValue[]) => void
  headersProblem: string | null
  onHeadersProblem: (problem: string | null) => void
}

/** The request's body (with Format JSON) and its own headers, beside each other. */
export function RequestExtras({
  credential,
  method,
  body,
  onBody,
  bodyProblem,
  onBodyProblem,
  headers,
  onHeaders,
  headersProblem,
  onHeadersProblem
}: RequestExtrasProps) {
  const formatJson = () => {
    try {
      onBody(JSON.stringify(JSON.parse(body), null, 2))
      onBodyProblem(null)
    } catch (error) {
      onBodyProblem(`Not valid JSON: ${(error as Error).message}`)
    }
  }
  return (
    <div className="api-credentials-runner-extras">
      <div className="api-credentials-runner-body">
        <div className="field-label-row">
          <label className="field-label" htmlFor="runner-body">
            Body <span className="field-optional">{credential ? contentTypeMime(credential.contentType) : ''}</span>
          </label>
          {credential?.contentType === 'json' ? (
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              onClick={formatJson}
              disabled={!body.trim()}
              data-testid="runner-format-json"
            >
              Format JSON
            </button>
          ) : null}
        </div>
        <textarea
          id="runner-body"
          className="input textarea mono api-credentials-runner-body-input"
          rows={4}
          value={body}
          spellCheck={false}
          placeholder={credential ? bodyPlaceholder[credential.contentType] : ''}
          onChange={(event) => {
            onBody(event.target.value)
            onBodyProblem(null)
          }}
          data-testid="runner-body"
        />
        {bodyProblem ? (
          <div className="field-error" role="alert">
            {bodyProblem}
          </div>
        ) : (
          <div className="field-hint">
            {credential ? bodyHint[credential.contentType] : ''}{' '}
            {method === 'GET' || method === 'HEAD' ? `${method} requests usually have none.` : ''}
          </div>
        )}
      </div>
      <div className="api-credentials-runner-headers">
        <span className="field-label">
          Request headers <span className="field-optional">this request only</span>
        </span>
        <NameValueRows
          idPrefix="runner-header"
          rows={headers}
          onChange={(rows) => {
            onHeaders(rows)
            onHeadersProblem(null)
          }}
          nameLabel="Header"
          valueLabel="Value"
          namePlaceholder="X-Request-Id"
          valuePlaceholder="value"
          noun="header"
          testIds={{
            name: 'runner-header-name',
            value: 'runner-header-value',
            remove: 'runner-header-remove',
            add: 'runner-add-header'
          }}
          emptyText="None beyond the credential’s own."
          invalid={!!headersProblem}
        />
        {headersProblem ? (
          <div className="field-error" role="alert" data-testid="runner-headers-error">
            {headersProblem}
          </div>
        ) : null}
      </div>
    </div>
  )
}
