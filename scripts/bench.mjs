// npm run bench: every bench file in test/bench, one at a time (so they do not disturb each other),
// then one table of ratios. Each operation is measured beside its floor in the same run: in a
// vitest bench group, the bench named "baseline: …" is the floor and every other bench in the
// group is divided by it (medians, which a stray GC pause moves less than means). A group whose
// name says "(target: Nx)" is judged against N (all but its "for comparison: …" benches). Measurements that are not a vitest bench (load
// generators, a browser, scaling series) add rows of their own through test/bench/rows.ts.
//
//   npm run bench                      all files
//   npm run bench -- signing emulator  only the files whose names contain these words
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const benchDir = join(root, 'test/bench')
const words = process.argv.slice(2)
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !words.length || words.some((w) => f.includes(w)))
  .sort()

if (!existsSync(join(root, 'out/main/cli.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
  console.log('bench: building first (the emulator page, the CLI and the first screen are measured built) …')
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const work = mkdtempSync(join(tmpdir(), 'ewb-bench-'))
const rowsFile = join(work, 'rows.jsonl')
const rows = []
let failed = false

for (const file of files) {
  console.log(`\n━━ ${file} ━━`)
  const json = join(work, `${file}.json`)
  const run = spawnSync(
    'npx',
    ['vitest', 'bench', '--run', '--project', 'unit', `test/bench/${file}`, '--outputJson', json],
    { cwd: root, stdio: 'inherit', env: { ...process.env, EWB_BENCH_ROWS: rowsFile } }
  )
  if (run.status !== 0) {
    failed = true
    console.log(`bench: ${file} failed (exit ${run.status}); its rows are left out.`)
    continue
  }
  if (existsSync(json)) rows.push(...groupRows(JSON.parse(readFileSync(json, 'utf8'))))
}
if (existsSync(rowsFile))
  for (const line of readFileSync(rowsFile, 'utf8').split('\n').filter(Boolean)) rows.push(JSON.parse(line))
rmSync(work, { recursive: true, force: true })

printTable(rows)
process.exit(failed ? 1 : 0)

/** A vitest group's rows: each bench divided by the group's baseline. */
function groupRows(output) {
  const out = []
  for (const f of output.files ?? [])
    for (const group of f.groups ?? []) {
      const name = group.fullName.replace(/^[^>]*> /, '')
      const baseline = group.benchmarks.find((b) => b.name.startsWith('baseline:'))
      const target = /\(target: ([\d.]+)x\)/.exec(name)?.[1]
      // "(limit: N ms)": every run must stay under N, so the slowest is judged.
      const limit = /\(limit: ([\d.]+) ms\)/.exec(name)?.[1]
      for (const b of group.benchmarks) {
        if (b === baseline) continue
        out.push({
          group: name.replace(/\s*\((target|limit): [^)]*\)/g, ''),
          operation: limit ? `${b.name} (slowest of ${b.sampleCount})` : b.name,
          value: limit ? b.max : b.median,
          ...(baseline ? { floor: baseline.name.slice('baseline: '.length), floorValue: baseline.median } : {}),
          // "for comparison: …" benches show what a part costs; the group's target is not theirs.
          ...(target && !b.name.startsWith('for comparison:') ? { target: Number(target) } : {}),
          ...(limit ? { limit: Number(limit) } : {})
        })
      }
    }
  return out
}

function time(ms) {
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`
  if (ms < 1000) return `${ms.toPrecision(3)} ms`
  return `${(ms / 1000).toPrecision(3)} s`
}

function printTable(all) {
  console.log('\n━━ Embed Workbench bench: each operation beside its floor, measured in this run ━━')
  console.log('ratio = cost of the operation / cost of its floor (medians); lower is better.')
  const header = ['  Operation', 'Measured', 'Floor', 'Ratio', 'Target', '']
  const lines = []
  let group = null
  for (const r of all) {
    if (r.group !== group) {
      group = r.group
      lines.push({ group })
    }
    const ratio = r.floorValue ? r.value / r.floorValue : null
    const judged =
      r.target !== undefined && ratio !== null ? ratio <= r.target : r.limit !== undefined ? r.value <= r.limit : null
    lines.push({
      cells: [
        `  ${r.operation}`,
        time(r.value),
        r.floorValue !== undefined ? `${time(r.floorValue)} (${r.floor})` : '',
        ratio !== null ? `${ratio.toFixed(2)}x` : '',
        r.target !== undefined ? `≤ ${r.target}x` : r.limit !== undefined ? `≤ ${time(r.limit)}` : '',
        judged === null ? '' : judged ? 'met' : 'NOT MET'
      ]
    })
  }
  const rows = lines.filter((l) => l.cells).map((l) => l.cells)
  const widths = header.map((_, i) =>
    Math.min([72, 10, 64, 8, 9, 7][i], Math.max(...[header, ...rows].map((c) => c[i].length)))
  )
  const line = (cells) =>
    cells
      .map((cell, j) => (cell.length > widths[j] ? `${cell.slice(0, widths[j] - 1)}…` : cell.padEnd(widths[j])))
      .join('  ')
  console.log(`\n${line(header)}`)
  console.log(widths.map((w) => '─'.repeat(w)).join('  '))
  for (const l of lines) console.log(l.group ? l.group : line(l.cells))
}
