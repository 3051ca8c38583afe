/** The data the emulator injects into the page (the contract's WorkbookBootstrap): types only, erased in the build. */
import type { WorkbookBootstrap } from '../../preload/contract'

export type Bootstrap = WorkbookBootstrap
export type Session = NonNullable<WorkbookBootstrap['session']>
export type Control = WorkbookBootstrap['controls'][number]
export type SalesRow = WorkbookBootstrap['rows'][number]
export type Column = keyof SalesRow
/** Control id -> the selected value, or null for "All". */
export type Variables = Record<string, string | null>
