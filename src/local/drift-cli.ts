#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { formatDrift, stackDrift } from './drift';

const USAGE = `Usage: npm run drift -- [stack...] [--json] [--dir <cdktf.out>]

Runs a refresh-only plan on each synthesised stack (default: every stack in <dir>/stacks) and
exits 1 with a per-stack summary when real infrastructure differs from the recorded state.
--json prints the same as JSON. Build first (npm run synth); the target comes from the same
environment as the app (RAMPART_TARGET, RAMPART_EMULATOR_ENDPOINT).
`;

/** `npm run drift [stack…] [--json]`. */
async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const dirFlag = argv.indexOf('--dir');
  const outdir = path.resolve(dirFlag >= 0 ? argv[dirFlag + 1] : (process.env.CDKTF_OUTDIR ?? 'cdktf.out'));
  const stacksDir = path.join(outdir, 'stacks');
  if (!fs.existsSync(stacksDir)) {
    process.stderr.write(`rampart drift: no synthesised stacks in ${outdir}; run npm run synth first\n`);
    return 2;
  }
  const known = fs.readdirSync(stacksDir).sort();
  const asked = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--dir');
  const unknown = asked.filter((s) => !known.includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`rampart drift: unknown stack(s) ${unknown.join(', ')}; known: ${known.join(', ')}\n`);
    return 2;
  }
  const stacks = asked.length > 0 ? asked : known;
  const results = await Promise.all(stacks.map((s) => stackDrift(s, path.join(stacksDir, s), { AWS_EC2_METADATA_DISABLED: 'true' })));
  const { text, drifted } = formatDrift(results);
  process.stdout.write(argv.includes('--json') ? `${JSON.stringify({ drifted, stacks: results }, null, 2)}\n` : `${text}\n`);
  return drifted ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
