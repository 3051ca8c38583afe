/** What changed after signing: the part, what was signed and what arrived, and the canonical line it is on. */
import type { RequestChange } from '../../../../preload/contract'
import { Icon } from '../../ui/Icon'
import { Marked } from '../../shared/inspection/Marked'

export function ChangeBlock({ change, onShowLine }: { change: RequestChange; onShowLine: (line: number) => void }) {
  const { line } = change
  return (
    <section
      className="request-inspector-change"
      aria-labelledby="ri-change-title"
      data-testid="ri-change"
      data-part={change.part}
      data-line={line?.line ?? ''}
    >
      <h2 className="request-inspector-change-title" id="ri-change-title">
        <Icon name="diff" size={14} />
        What changed after signing
        <span className="request-inspector-change-part" data-testid="ri-change-part">
          {change.part}
        </span>
      </h2>
      <p className="request-inspector-change-sentence" data-testid="ri-change-sentence">
        {change.sentence}
      </p>
      <dl className="request-inspector-change-values">
        <dt>Signed</dt>
        <dd className="mono is-signed" data-testid="ri-change-signed">
          <Marked value={change.signed} other={change.arrived} />
        </dd>
        <dt>Arrived</dt>
        <dd className="mono is-arrived" data-testid="ri-change-arrived">
          <Marked value={change.arrived} other={change.signed} />
        </dd>
      </dl>
      {line ? (
        <div className="request-inspector-change-line" data-testid="ri-change-line">
          <div className="request-inspector-change-line-head">
            <span>
              {change.of.charAt(0).toUpperCase() + change.of.slice(1)}, line {line.line}
            </span>
            <button
              type="button"
              className="btn btn-sm btn-ghost"
              onClick={() => onShowLine(line.line)}
              data-testid="ri-change-show-line"
            >
              Show in the {change.of}
              <Icon name="arrowDown" size={12} />
            </button>
          </div>
          <div
            className="request-inspector-change-diff mono"
            role="table"
            aria-label={`Line ${line.line}, signed and arrived`}
          >
            <div className="request-inspector-change-row is-signed" role="row">
              <span className="request-inspector-change-sign" role="rowheader">
                <span aria-hidden="true">−</span>
                <span className="visually-hidden">Signed</span>
              </span>
              <span className="request-inspector-change-no" role="cell">
                {line.line}
              </span>
              <span className="request-inspector-change-text" role="cell">
                <Marked value={line.signed} other={line.arrived} />
              </span>
            </div>
            <div className="request-inspector-change-row is-arrived" role="row">
              <span className="request-inspector-change-sign" role="rowheader">
                <span aria-hidden="true">+</span>
                <span className="visually-hidden">Arrived</span>
              </span>
              <span className="request-inspector-change-no" role="cell">
                {line.line}
              </span>
              <span className="request-inspector-change-text" role="cell">
                <Marked value={line.arrived} other={line.signed} />
              </span>
            </div>
          </div>
        </div>
      ) : null}
    </section>
  )
}
