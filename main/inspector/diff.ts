/**
 * A parameter-by-parameter diff of two embed URLs, decoded; for JWT URLs the token's header and
 * claims are compared too. Uses the one URL parser, so it sees exactly what the inspector sees.
 */
import type { ParamDiff, UrlDiff } from '../../preload/contract'
import { getParam, looksLikeJwt, parseUrl, type ParsedUrl } from '../protocol/embed-url'

interface Entry {
  key: string
  name: string
  value: string
  raw: string
}

function entries(input: string): { base: string; list: Entry[] } {
  const text = input.trim()
  if (looksLikeJwt(text)) return { base: '(bare JWT)', list: jwtEntries(text) }
  const parsed: ParsedUrl = parseUrl(text)
  const counts = new Map<string, number>()
  const list: Entry[] = parsed.params.map((p) => {
    const n = (counts.get(p.name) ?? 0) + 1
    counts.set(p.name, n)
    return {
      key: n === 1 ? p.name : `${p.name}#${n}`,
      name: n === 1 ? p.name : `${p.name} (${n})`,
      value: p.value,
      raw: p.raw
    }
  })
  const jwt = getParam(parsed, ':jwt')
  if (jwt && looksLikeJwt(jwt.value)) list.push(...jwtEntries(jwt.value))
  return { base: parsed.base, list }
}

function jwtEntries(token: string): Entry[] {
  const [header, payload] = token.split('.')
  const out: Entry[] = []
  for (const [prefix, part] of [
    ['header', header],
    ['claim', payload]
  ] as const) {
    try {
      const object = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
      for (const [name, value] of Object.entries(object)) {
        const text = typeof value === 'string' ? value : JSON.stringify(value)
        out.push({
          key: `jwt.${prefix}.${name}`,
          name: `JWT ${prefix} ${name}`,
          value: text,
          raw: JSON.stringify(value)
        })
      }
    } catch {
      // A token that does not decode is compared as the :jwt parameter only.
    }
  }
  return out
}

export function diffEmbedUrls(left: string, right: string): UrlDiff {
  const a = entries(left)
  const b = entries(right)
  const rightByKey = new Map(b.list.map((e, i) => [e.key, { e, i }]))
  const leftKeys = new Set(a.list.map((e) => e.key))
  // Keys in both, in left order; those whose relative order differs on the right are "moved".
  const common = a.list.filter((e) => rightByKey.has(e.key)).map((e) => e.key)
  const inOrder = longestIncreasing(common.map((k) => rightByKey.get(k)!.i))
  const stay = new Set(inOrder.map((i) => common[i]!))
  const params: ParamDiff[] = []
  for (const e of a.list) {
    const match = rightByKey.get(e.key)?.e
    if (!match) {
      params.push({ name: e.name, status: 'only-left', left: e.value, right: null, rawLeft: e.raw, rawRight: null })
      continue
    }
    const status: ParamDiff['status'] =
      match.raw !== e.raw || match.value !== e.value ? 'changed' : stay.has(e.key) ? 'same' : 'moved'
    params.push({ name: e.name, status, left: e.value, right: match.value, rawLeft: e.raw, rawRight: match.raw })
  }
  for (const e of b.list) {
    if (!leftKeys.has(e.key))
      params.push({ name: e.name, status: 'only-right', left: null, right: e.value, rawLeft: null, rawRight: e.raw })
  }
  return { baseLeft: a.base, baseRight: b.base, params }
}

/** Indexes (into `values`) of one longest strictly increasing subsequence. */
function longestIncreasing(values: number[]): number[] {
  const tails: number[] = []
  const previous: number[] = new Array(values.length).fill(-1)
  for (let i = 0; i < values.length; i++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (values[tails[mid]!]! < values[i]!) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) previous[i] = tails[lo - 1]!
    tails[lo] = i
  }
  const out: number[] = []
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) out.unshift(i)
  return out
}
