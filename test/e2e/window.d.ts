// What the preload exposes in the page, for the callbacks the suites hand to page.evaluate.
import type { Bridge } from '../../preload/contract'

declare global {
  interface Window {
    workbench: Bridge
  }
}
