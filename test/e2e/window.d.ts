// What the preload exposes in the page, for the callbacks the suites hand to page.evaluate.
import type * as AxeCore from 'axe-core'
import type { Bridge } from '../../preload/contract'

declare global {
  interface Window {
    workbench: Bridge
    /** axe-core, once test/e2e/axe.ts has injected it. */
    axe?: typeof AxeCore
  }
}
