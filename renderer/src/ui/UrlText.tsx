import type { ReactNode } from 'react'

/** The URL with its parts told apart: base, parameter names, values and separators. */
export function UrlText({ url }: { url: string }) {
  const query = url.indexOf('?')
  if (query < 0) return <span className="url-base">{url}</span>
  const parts: ReactNode[] = [
    <span className="url-base" key="base">
      {url.slice(0, query)}
    </span>
  ]
  url
    .slice(query + 1)
    .split('&')
    .forEach((pair, index) => {
      const equals = pair.indexOf('=')
      parts.push(
        <span className="url-sep" key={`s${index}`}>
          {index === 0 ? '?' : '&'}
        </span>,
        <span className="url-key" key={`k${index}`}>
          {equals < 0 ? pair : pair.slice(0, equals)}
        </span>
      )
      if (equals >= 0) {
        parts.push(
          <span className="url-sep" key={`e${index}`}>
            =
          </span>,
          <span className="url-value" key={`v${index}`}>
            {pair.slice(equals + 1)}
          </span>
        )
      }
    })
  return <>{parts}</>
}
