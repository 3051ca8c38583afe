/** How the host expects key values written into a signed URL (attribute names and values, teams). */

/** Printable ASCII without space, %, &, # or +: the characters encodeValue leaves as they are. */
const PLAIN = /^[\x21\x22\x24\x27-\x2a\x2c-\x7e]*$/

/**
 * Encodes a value the way the host expects key values: only what would break the query string
 * (space, %, &, #, +, control and non-ASCII characters) is percent-encoded; `:`, `,`, `@`, `/`
 * and the rest stay raw.
 */
export function encodeValue(value: string): string {
  // Most values (ids, emails, team names) are printable ASCII with nothing to encode: no regex pass.
  if (PLAIN.test(value)) return value
  return wellFormed(value).replace(/[\s%&#+\p{Cc}\u007f-\uffff]/gu, (c) => encodeURIComponent(c))
}

/** Replaces lone surrogates (half an emoji from a cut paste) with U+FFFD, as UTF-8 encoding does. */
export function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}
