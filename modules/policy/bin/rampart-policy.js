#!/usr/bin/env node
// Entry of the `rampart-policy` command: runs the compiled CLI (lib/cli.js).
'use strict';
const path = require('path');
const fs = require('fs');
const cli = path.join(__dirname, '..', 'lib', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('rampart-policy: the package is not built (lib/cli.js is missing); run `npm run build` first\n');
  process.exit(2);
}
process.exitCode = require(cli).main(process.argv.slice(2));
