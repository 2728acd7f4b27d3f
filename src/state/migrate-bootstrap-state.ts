#!/usr/bin/env node
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RampartValidationError, RampartValidationErrors } from '@rampart/core';
import { synthesize } from '../app';
import { loadConfig } from '../../config/load';
import { migrateToRemoteState } from './migrate-state';
import { s3StateSettings, stateKeyFor } from '../../stacks/state-backend';

const USAGE = `Usage: npm run migrate-bootstrap-state -- [--config <file>] [--state <file>]

Moves the bootstrap stack's state from its local file into the state bucket it created
(terraform init -migrate-state). Run it once, after the first apply of bootstrap and after
setting bootstrap.remoteState to true in the config.

  --config <file>  JSON config instead of config/rampart.config.ts (or RAMPART_CONFIG)
  --state <file>   the local state file (default terraform.bootstrap.tfstate in this directory)
`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  try {
    const config = loadConfig(value('--config') ?? process.env.RAMPART_CONFIG);
    if (config.state?.backend === 'cloud') {
      process.stderr.write('rampart: state.backend is "cloud"; HCP Terraform keeps the state, there is nothing to migrate into the bucket.\n');
      return 1;
    }
    if (!config.bootstrap.remoteState) {
      process.stderr.write('rampart: set bootstrap.remoteState to true in the config first; it makes the bootstrap stack use its own bucket from now on.\n');
      return 1;
    }
    const statePath = path.resolve(value('--state') ?? 'terraform.bootstrap.tfstate');
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-migrate-'));
    const before = synthesize({ ...config, bootstrap: { ...config.bootstrap, remoteState: false } }, { outdir: path.join(work, 'local'), bootstrapStatePath: statePath });
    const after = synthesize(config, { outdir: path.join(work, 'remote') });
    const result = await migrateToRemoteState({
      stack: 'bootstrap',
      dir: before.bootstrap,
      localJson: fs.readFileSync(path.join(before.bootstrap, 'cdk.tf.json'), 'utf8'),
      remoteJson: fs.readFileSync(path.join(after.bootstrap, 'cdk.tf.json'), 'utf8'),
      localStatePath: statePath,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    fs.rmSync(work, { recursive: true, force: true });
    const s3 = s3StateSettings(config);
    process.stdout.write(
      `bootstrap state is now s3://${s3.bucket}/${stateKeyFor(config.prefix, 'bootstrap')} (${result.resources} resources).\n` +
        `The old local file is kept as ${result.backup}; delete it once you have checked the remote state.\n` +
        'Next: npm run synth, then cdktf deploy bootstrap (or terraform init in cdktf.out/stacks/bootstrap) uses the bucket.\n',
    );
    return 0;
  } catch (e) {
    const prefix = e instanceof RampartValidationErrors || e instanceof RampartValidationError ? '' : 'migration failed, the local state file is unchanged:\n';
    process.stderr.write(`rampart: ${prefix}${(e as Error).message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
