/**
 * axe-core in the page under test: injected with evaluate (the app's CSP allows no inline script,
 * and evaluate is not subject to it) into the page and each of its frames, run in each frame on its
 * own (a frame on another origin cannot be reached from the page's run), and reported so that a
 * failure names the rule, the elements and what to change.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Frame, Page } from 'playwright-core'
import type { ImpactValue, RunOptions } from 'axe-core'
import { root } from './harness'

const axeSource = `${readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8')}\n;void 0`

/** The WCAG 2.0–2.2 A and AA rules and axe's best practices. */
const runOptions: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  // Each frame is scanned by its own run (scanPage), so the page's run does not wait on frames.
  iframes: false,
  resultTypes: ['violations']
}

export interface FoundViolation {
  /** Which document: "page" or the frame's URL without its query (which may hold a signature). */
  frame: string
  rule: string
  impact: ImpactValue | null
  help: string
  helpUrl: string
  nodes: { target: string; summary: string }[]
}

export interface Scan {
  /** Every violation, whatever its impact. */
  violations: FoundViolation[]
  /** Rules that passed, in all frames: proof that axe ran on something. */
  passedRules: number
  /** The documents scanned. */
  frames: string[]
}

const frameName = (page: Page, frame: Frame) =>
  frame === page.mainFrame() ? 'page' : new URL(frame.url()).origin + new URL(frame.url()).pathname

async function scanFrame(page: Page, frame: Frame): Promise<Omit<Scan, 'frames'>> {
  const hasAxe = await frame.evaluate(() => typeof window.axe !== 'undefined')
  if (!hasAxe) await frame.evaluate(axeSource)
  // Let opening animations (a dialog's fade and pop) end: a half-faded text is no verdict.
  // (A spinner's endless turn is not waited for.)
  await frame.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished)
    )
  )
  const results = await frame.evaluate((options) => window.axe!.run(document, options), runOptions)
  const name = frameName(page, frame)
  return {
    passedRules: results.passes.length,
    violations: results.violations.map((violation) => ({
      frame: name,
      rule: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map(String).join(' >> '),
        summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim()
      }))
    }))
  }
}

/** Scans the page and every frame in it that has loaded a document of its own. */
export async function scanPage(page: Page): Promise<Scan> {
  const scan: Scan = { violations: [], passedRules: 0, frames: [] }
  for (const frame of page.frames()) {
    if (frame !== page.mainFrame() && !/^https?:/.test(frame.url())) continue
    const found = await scanFrame(page, frame)
    scan.frames.push(frameName(page, frame))
    scan.passedRules += found.passedRules
    scan.violations.push(...found.violations)
  }
  return scan
}

/**
 * What fails the suite: a serious or critical violation, and a skipped heading level (axe calls it
 * moderate; the issue asks for a correct heading order on every screen).
 */
export const isBlocking = (violation: FoundViolation) =>
  violation.impact === 'serious' || violation.impact === 'critical' || violation.rule === 'heading-order'

/** A report a developer can act on: rule, impact, where, and axe's own sentence on what to fix. */
export function describeViolations(state: string, violations: FoundViolation[]): string {
  const lines = [`${state}: ${violations.length} axe violation(s) that must not be there`]
  for (const violation of violations) {
    lines.push(`- ${violation.rule} (${violation.impact}) in ${violation.frame}: ${violation.help}`)
    lines.push(`  ${violation.helpUrl}`)
    for (const node of violation.nodes.slice(0, 8)) lines.push(`  * ${node.target}\n    ${node.summary}`)
    if (violation.nodes.length > 8) lines.push(`  * … and ${violation.nodes.length - 8} more element(s)`)
  }
  return lines.join('\n')
}
