/**
 * Cuts a HAR's text, as it streams in, into the values the reader needs (log.version,
 * log.creator, log.browser, each of log.pages and each of log.entries), each handed on as its own
 * JSON text as soon as it is complete; node's JSON.parse then reads each one. A value is cut at
 * the delimiters around it (after ':' or '[' or ',', up to the ',' or closing bracket at its depth),
 * so only strings and brackets are followed: a regex finds the next structural character, indexOf
 * the end of each string.
 *
 * Why not a streaming JSON library: stream-json (tried first) builds an object per token and ran
 * at 12x a bare JSON.parse on a HAR of many small entries, below the 5,000 entries per second and
 * the memory bound issue 15 asks of a 10,000-entry HAR. This scanner only follows strings and
 * brackets to find where each value starts and ends (skipping string bodies with indexOf), so the
 * JSON itself is still parsed by JSON.parse, entry by entry, and at most one entry's text is held
 * besides the current slice.
 */

export type FrameKind = 'version' | 'creator' | 'browser' | 'page' | 'entry'

export interface FrameEnd {
  /** The text ended inside the JSON: a file cut short. */
  truncated: boolean
  /** The text does not start as a JSON object, or breaks the JSON's bracket structure. */
  error: string | null
  /** Anything but whitespace was seen. */
  sawText: boolean
}

interface Level {
  type: 'object' | 'array'
  /** The path of this container: "", "log", "log.entries", "log.entries[]"… */
  path: string
  /** In an object: the last key read (the one whose value comes next). */
  key: string
  /** In an object: after a key's ':' (a string now is a value, not a key). */
  expectValue: boolean
  /** An array whose items are captured (log.entries, log.pages): their kind. */
  items: FrameKind | null
}

/** The most text kept for one value: an entry larger than this is refused. */
export const MAX_FRAME_CHARS = 256 * 1024 * 1024

const CAPTURED: Record<string, FrameKind> = {
  'log.version': 'version',
  'log.creator': 'creator',
  'log.browser': 'browser'
}
const QUOTE = 0x22
const BACKSLASH = 0x5c

export function harFramer(onFrame: (kind: FrameKind, json: string) => void) {
  const stack: Level[] = []
  let started = false
  let finished = false
  let sawText = false
  let error: string | null = null
  // Inside a string: is it a key, its text so far (keys only), the parity of the backslashes the
  // last slice ended with.
  let inString = false
  let stringIsKey = false
  let keyParts: string[] = []
  let carry = 0
  // The value being captured: its kind, its text from earlier slices, where it starts in this
  // slice, and the depth of the container it is a member of.
  let capture: { kind: FrameKind; parts: string[]; size: number; start: number; depth: number } | null = null
  const structural = /["{}[\],:]/g

  const begin = (kind: FrameKind | null, start: number) => {
    if (kind) capture = { kind, parts: [], size: 0, start, depth: stack.length }
  }
  const finish = (text: string, end: number) => {
    if (!capture || capture.depth !== stack.length) return
    capture.parts.push(text.slice(capture.start, end))
    const json = capture.parts.join('').trim()
    const kind = capture.kind
    capture = null
    if (json) onFrame(kind, json)
  }

  /**
   * Scans a string body from `i`; returns the index after the closing quote, or -1 at the slice
   * end. A quote closes the string when an even number of backslashes precede it; a run of
   * backslashes that reaches the start of the slice adds the parity carried from the last one.
   */
  function skipString(text: string, i: number): number {
    let j = i
    for (;;) {
      const quote = text.indexOf('"', j)
      const end = quote === -1 ? text.length : quote
      let k = end - 1
      let run = 0
      while (k >= i && text.charCodeAt(k) === BACKSLASH) {
        run++
        k--
      }
      if (k < i) run += carry
      if (quote === -1) {
        carry = run % 2
        return -1
      }
      if (run % 2 === 0) {
        carry = 0
        return quote + 1
      }
      j = quote + 1
    }
  }

  function write(text: string): void {
    if (finished || error) return
    if (capture) capture.start = 0
    let i = 0
    if (!started) {
      const first = text.search(/\S/)
      if (first === -1) return
      sawText = true
      if (text.charCodeAt(first) !== 0x7b) {
        error = 'it does not start with "{"'
        return
      }
      started = true
      i = first
    }
    while (i < text.length) {
      if (inString) {
        const after = skipString(text, i)
        if (after === -1) {
          if (stringIsKey) keyParts.push(text.slice(i))
          break
        }
        inString = false
        if (stringIsKey) {
          keyParts.push(text.slice(i, after - 1))
          const raw = keyParts.join('')
          stack[stack.length - 1]!.key = raw.includes('\\') ? decodeKey(raw) : raw
        }
        i = after
        continue
      }
      structural.lastIndex = i
      const match = structural.exec(text)
      if (!match) break
      const at = match.index
      const c = text.charCodeAt(at)
      const level = stack[stack.length - 1]
      i = at + 1
      if (c === QUOTE) {
        // Keys are read where they name something (the first two levels), skipped deeper down.
        stringIsKey = level?.type === 'object' && !level.expectValue && stack.length <= 2
        if (stringIsKey) keyParts = []
        inString = true
        carry = 0
      } else if (c === 0x7b || c === 0x5b) {
        // Only the first levels have paths that matter (root, log, log.entries): deeper ones are
        // not named, which keeps string building off the hot path.
        const path = stack.length > 2 || !level ? '' : level.type === 'object' ? join(level.path, level.key) : ''
        const items = c === 0x5b ? (path === 'log.entries' ? 'entry' : path === 'log.pages' ? 'page' : null) : null
        stack.push({ type: c === 0x7b ? 'object' : 'array', path, key: '', expectValue: false, items })
        if (items && !capture) begin(items, i)
      } else if (c === 0x7d || c === 0x5d) {
        if (!level || (c === 0x7d) !== (level.type === 'object')) {
          error = `a "${String.fromCharCode(c)}" that closes nothing open`
          return
        }
        finish(text, at)
        stack.pop()
        // The container that closed was the captured value itself: it is complete now.
        finish(text, i)
        if (!stack.length) {
          finished = true
          return
        }
      } else if (c === 0x3a) {
        if (level?.type === 'object') {
          level.expectValue = true
          if (!capture && stack.length === 2 && level.path === 'log') begin(CAPTURED[`log.${level.key}`] ?? null, i)
        }
      } else {
        // ','
        finish(text, at)
        if (level?.type === 'object') level.expectValue = false
        else if (level?.items && !capture) begin(level.items, i)
      }
    }
    if (capture) {
      const piece = text.slice(capture.start)
      capture.parts.push(piece)
      capture.size += piece.length
      if (capture.size > MAX_FRAME_CHARS) error = `one entry is larger than ${MAX_FRAME_CHARS / 1024 / 1024} MB`
    }
  }

  return {
    write,
    end(): FrameEnd {
      return { truncated: started && !finished && !error, error, sawText }
    }
  }
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key)

function decodeKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string
  } catch {
    return raw
  }
}
