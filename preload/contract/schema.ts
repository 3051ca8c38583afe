/** Building blocks of the channels' input schemas, shared by the domain files (not exported further). */
import { z } from 'zod'

export interface Channel<S extends z.ZodType, R> {
  input: S
  /** Phantom: carries the result type for the renderer and the dispatcher. Never read. */
  result?: R
}

export function channel<R>() {
  return <S extends z.ZodType>(input: S): Channel<S, R> => ({ input })
}

export const noInput = z.object({}).strict()
export const id = z.string().min(1).max(100)
export const passphrase = z.string().max(1024)
export const name = z.string().max(200)
export const description = z.string().max(2000)
export const owner = z.string().max(320)
export const accountType = z.string().max(100)
export const text = (max: number) => z.string().max(max)

export const nameValue = z.object({ name: text(500), value: text(10_000) }).strict()

export { MAX_PASTE } from './constants'
