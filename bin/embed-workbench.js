#!/usr/bin/env node
// The command line entry of package.json's "bin". The CLI itself is built from main/cli/index.ts.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write(
    'embed-workbench is not built yet: run "npm run build" in ' + join(__dirname, '..') + ' first.\n'
  )
  process.exit(2)
}
require(cli).main()
