/** The data the emulator injects into the page (see main/emulator/server.ts): types only, erased in the build. */
import type { WorkbookBootstrap } from '../../main/emulator/server'

export type Bootstrap = WorkbookBootstrap
export type Session = NonNullable<WorkbookBootstrap['session']>
export type Control = WorkbookBootstrap['controls'][number]
export type SalesRow = WorkbookBootstrap['rows'][number]
export type Column = keyof SalesRow
/** Control id -> the selected value, or null for "All". */
export type Variables = Record<string, string | null>
