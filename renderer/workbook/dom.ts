/** A few DOM helpers: elements are built with createElement and textContent only (never HTML strings). */
type Child = Node | string | number | null | undefined | false
type Attrs = Record<string, string | number | boolean | null | undefined>

let tooltips = true

/** `:hide_tooltip` turns every title tooltip off. */
export function setTooltips(enabled: boolean): void {
  tooltips = enabled
}

function apply(el: Element, attrs: Attrs | undefined): void {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue
    if (name === 'title' && !tooltips) continue
    el.setAttribute(name === 'testid' ? 'data-testid' : name, value === true ? '' : String(value))
  }
}

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    el.append(typeof child === 'number' ? String(child) : child)
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  apply(el, attrs)
  append(el, children)
  return el
}

const SVG_NS = 'http://www.w3.org/2000/svg'
export function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag)
  apply(el, attrs)
  append(el, children)
  return el
}

/** An SVG <title> (the chart's tooltip), or nothing with `:hide_tooltip`. */
export function svgTitle(text: string): SVGTitleElement | null {
  return tooltips ? s('title', {}, text) : null
}
