import type { Finding, SignedEmbed } from '../../../../preload/contract'

/** A signed embed with what the inspector says about it: what the Sign screen and the Preview show. */
export type SignedWithFindings = SignedEmbed & { findings: Finding[] }
