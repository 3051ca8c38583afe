/** How the host expects key values written into a signed URL (attribute names and values, teams). */

/**
 * Encodes a value the way the host expects key values: only what would break the query string
 * (space, %, &, #, +, control and non-ASCII characters) is percent-encoded; `:`, `,`, `@`, `/`
 * and the rest stay raw.
 */
export function encodeValue(value: string): string {
  return wellFormed(value).replace(/[\s%&#+\p{Cc}\u007f-\uffff]/gu, (c) => encodeURIComponent(c))
}

/** Replaces lone surrogates (half an emoji from a cut paste) with U+FFFD, as UTF-8 encoding does. */
export function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}
