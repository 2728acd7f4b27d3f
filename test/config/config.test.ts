import * as fs from 'fs';
import * as path from 'path';
import { RampartValidationErrors } from '@rampart/core';
import { loadConfig } from '../../config/load';
import { config as defaultConfig } from '../../config/rampart.config';
import { resolveNetworkConfig } from '../../config/network';
import { validateConfig } from '../../config/validate';
import { resolveWorkloadConfig } from '../../config/workload';
import { tempDir } from '../helpers/synth';

type Mutable = any;
const clone = (): Mutable => JSON.parse(JSON.stringify(defaultConfig));
const env = (c: Mutable, name: string): Mutable => c.environments.find((e: Mutable) => e.name === name);

describe('environment config', () => {
  test('the shipped config is valid', () => {
    expect(validateConfig(defaultConfig)).toEqual([]);
    expect(loadConfig().environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
  });

  // GIVEN one bad field WHEN validated THEN exactly that field is reported with its code.
  const cases: Array<[string, (c: Mutable) => void, string, string]> = [
    ['path traversal in prefix', (c) => (c.prefix = '../../../etc'), 'PATH_TRAVERSAL', 'prefix'],
    ['command injection in environment name', (c) => (c.environments[2].name = 'prod; rm -rf /'), 'UNSAFE_CHARACTERS', 'environments[2].name'],
    ['CIDR mask /33', (c) => (env(c, 'dev').vpcCidr = '10.0.0.0/33'), 'CIDR_MASK', 'environments.dev.vpcCidr'],
    ['CIDR with host bits set', (c) => (env(c, 'dev').vpcCidr = '192.168.0.0/8'), 'CIDR_HOST_BITS', 'environments.dev.vpcCidr'],
    ['CIDR octet out of range', (c) => (env(c, 'dev').vpcCidr = '10.300.0.0/16'), 'CIDR_FORMAT', 'environments.dev.vpcCidr'],
    ['VPC CIDR smaller than /24', (c) => (env(c, 'dev').vpcCidr = '10.0.0.0/26'), 'CIDR_MASK', 'environments.dev.vpcCidr'],
    ['S3 name too long', (c) => (c.bootstrap.stateBucketName = 'a'.repeat(64)), 'S3_NAME', 'bootstrap.stateBucketName'],
    ['S3 name with uppercase', (c) => (c.bootstrap.stateBucketName = 'Acme-state'), 'S3_NAME', 'bootstrap.stateBucketName'],
    ['S3 name starting with a hyphen', (c) => (c.bootstrap.stateBucketName = '-acme-state'), 'S3_NAME', 'bootstrap.stateBucketName'],
    ['unknown region', (c) => (env(c, 'staging').region = 'eu-middle-9'), 'REGION_UNKNOWN', 'environments.staging.region'],
    ['region outside the allowed list', (c) => (env(c, 'prod').region = 'us-east-1'), 'REGION_NOT_ALLOWED', 'environments.prod.region'],
    ['unknown region in the allowed list', (c) => (env(c, 'prod').allowedRegions = ['eu-central-1', 'mars-1']), 'REGION_UNKNOWN', 'environments.prod.allowedRegions[1]'],
    ['duplicate environment names', (c) => (c.environments[1].name = 'dev'), 'DUPLICATE', 'environments.dev.name'],
    ['overlapping VPC CIDRs', (c) => (env(c, 'staging').vpcCidr = '10.0.128.0/17'), 'CIDR_OVERLAP', 'environments.staging.vpcCidr'],
    ['malformed account id', (c) => (env(c, 'dev').accountId = '12345'), 'ACCOUNT_ID', 'environments.dev.accountId'],
    ['account id given as a number', (c) => (c.org.accountId = 111111111111), 'TYPE', 'org.accountId'],
    ['AZ count below two', (c) => (env(c, 'dev').azCount = 1), 'OUT_OF_RANGE', 'environments.dev.azCount'],
    ['AZ count above six', (c) => (env(c, 'prod').azCount = 7), 'OUT_OF_RANGE', 'environments.prod.azCount'],
    ['unknown data class', (c) => (env(c, 'dev').defaultDataClass = 'secretish'), 'ENUM', 'environments.dev.defaultDataClass'],
    ['deploy role that is not a role ARN', (c) => (env(c, 'dev').deployRoleArn = 'arn:aws:iam::333333333333:user/bob'), 'ARN_FORMAT', 'environments.dev.deployRoleArn'],
    ['deploy role in another account', (c) => (env(c, 'dev').deployRoleArn = 'arn:aws:iam::999999999999:role/deploy'), 'ACCOUNT_MISMATCH', 'environments.dev.deployRoleArn'],
    ['uppercase prefix', (c) => (c.prefix = 'Acme'), 'NAME_FORMAT', 'prefix'],
    ['prefix too long', (c) => (c.prefix = 'averyverylongprefix'), 'NAME_LENGTH', 'prefix'],
    ['environment named like a shared stack', (c) => (c.environments[0].name = 'org'), 'DUPLICATE', 'environments.org.name'],
    ['misspelt field', (c) => (env(c, 'dev').vpcCidrs = '10.0.0.0/16'), 'UNKNOWN_FIELD', 'environments.dev.vpcCidrs'],
    ['tag value with shell characters', (c) => (env(c, 'dev').owner = 'team`whoami`'), 'TAG_VALUE', 'environments.dev.owner'],
    ['production flag missing', (c) => delete env(c, 'dev').production, 'REQUIRED', 'environments.dev.production'],
    ['no environments', (c) => (c.environments = []), 'REQUIRED', 'environments'],
    ['org region outside the org allowed list', (c) => (c.org.region = 'ap-south-1'), 'REGION_NOT_ALLOWED', 'org.region'],
    ['lock table name with spaces', (c) => (c.bootstrap.lockTableName = 'lock table'), 'NAME_FORMAT', 'bootstrap.lockTableName'],
    ['noncurrent state versions kept for zero days', (c) => (c.bootstrap.noncurrentVersionExpirationDays = 0), 'OUT_OF_RANGE', 'bootstrap.noncurrentVersionExpirationDays'],
    ['noncurrent state version expiry given as text', (c) => (c.bootstrap.noncurrentVersionExpirationDays = '90'), 'TYPE', 'bootstrap.noncurrentVersionExpirationDays'],
    ['state role that is a user', (c) => (c.bootstrap.stateRoleArn = 'arn:aws:iam::222222222222:user/state'), 'ARN_FORMAT', 'bootstrap.stateRoleArn'],
    ['state role outside the state account', (c) => (c.bootstrap.stateRoleArn = 'arn:aws:iam::333333333333:role/state'), 'ACCOUNT_MISMATCH', 'bootstrap.stateRoleArn'],
    ['remoteState given as text', (c) => (c.bootstrap.remoteState = 'yes'), 'TYPE', 'bootstrap.remoteState'],
    ['state section that is not an object', (c) => (c.state = 'cloud'), 'TYPE', 'state'],
    ['unknown state backend', (c) => (c.state = { backend: 'gcs' }), 'ENUM', 'state.backend'],
    ['cloud backend without its settings', (c) => (c.state = { backend: 'cloud' }), 'REQUIRED', 'state.cloud'],
    ['no log-archive account', (c) => delete c.logArchive, 'REQUIRED', 'logArchive'],
    [
      'security account in the management account',
      (c) => (c.security = { ...c.security, accountId: '111111111111', deployRoleArn: 'arn:aws:iam::111111111111:role/d', keyAdminRoleArn: undefined }),
      'DUPLICATE',
      'security.accountId',
    ],
    ['log-archive deploy role in another account', (c) => (c.logArchive.deployRoleArn = 'arn:aws:iam::777777777777:role/deploy'), 'ACCOUNT_MISMATCH', 'logArchive.deployRoleArn'],
    ['security region outside the org allowed list', (c) => (c.security.region = 'us-east-1'), 'REGION_NOT_ALLOWED', 'security.region'],
    ['log-archive without alert subscriptions', (c) => delete c.logArchive.monitoring, 'REQUIRED', 'logArchive.monitoring'],
    [
      'environment in the log-archive account',
      (c) => Object.assign(env(c, 'dev'), { accountId: '666666666666', deployRoleArn: 'arn:aws:iam::666666666666:role/d', keyAdminRoleArn: undefined, workload: undefined }),
      'DUPLICATE',
      'environments.dev.accountId',
    ],
    ['environment named like the security stack', (c) => (c.environments[0].name = 'security'), 'DUPLICATE', 'environments.security.name'],
    ['accounts opt-out without a reason', (c) => ((c.accounts = { separateLogArchiveAndSecurity: false }), delete c.logArchive, delete c.security), 'REASON_REQUIRED', 'accounts.reason'],
    [
      'accounts opt-out that still names an account',
      (c) => ((c.accounts = { separateLogArchiveAndSecurity: false, reason: 'no audit account yet, pilot only' }), delete c.security),
      'CONFLICT',
      'logArchive',
    ],
    ['a reason without the opt-out', (c) => (c.accounts = { reason: 'no audit account yet, pilot only' }), 'CONFLICT', 'accounts.reason'],
    ['security contact email that is not one', (c) => (c.securityContact.emailAddress = 'security'), 'EMAIL_FORMAT', 'securityContact.emailAddress'],
    ['cloud organisation with spaces', (c) => (c.state = { backend: 'cloud', cloud: { organization: 'acme corp' } }), 'NAME_FORMAT', 'state.cloud.organization'],
    ['cloud organisation missing', (c) => (c.state = { backend: 'cloud', cloud: {} }), 'REQUIRED', 'state.cloud.organization'],
    ['cloud hostname given as a URL', (c) => (c.state = { backend: 'cloud', cloud: { organization: 'acme', hostname: 'https://app.terraform.io' } }), 'NAME_FORMAT', 'state.cloud.hostname'],
    ['cloud project name too short', (c) => (c.state = { backend: 'cloud', cloud: { organization: 'acme', project: 'x' } }), 'NAME_FORMAT', 'state.cloud.project'],
    ['misspelt cloud field', (c) => (c.state = { backend: 'cloud', cloud: { organization: 'acme', workspace: 'w' } }), 'UNKNOWN_FIELD', 'state.cloud.workspace'],
    ['misspelt state field', (c) => (c.state = { backends: 's3' }), 'UNKNOWN_FIELD', 'state.backends'],
    ['unknown Object Lock mode', (c) => (c.org.logging = { objectLockMode: 'LEGAL_HOLD' }), 'ENUM', 'org.logging.objectLockMode'],
    ['Object Lock days beyond 7 years', (c) => (c.org.logging = { objectLockDays: 3000 }), 'OUT_OF_RANGE', 'org.logging.objectLockDays'],
    ['Object Lock days of zero', (c) => (c.org.logging = { objectLockDays: 0 }), 'OUT_OF_RANGE', 'org.logging.objectLockDays'],
    ['data events flag as a string', (c) => (c.org.logging = { s3DataEvents: 'yes' }), 'TYPE', 'org.logging.s3DataEvents'],
    ['misspelt logging field', (c) => (c.org.logging = { dataEvents: true }), 'UNKNOWN_FIELD', 'org.logging.dataEvents'],
    [
      'alert subscription over plain http',
      (c) => (env(c, 'prod').monitoring.alertSubscriptions[1] = { protocol: 'http', endpoint: 'http://alerts.example.com' }),
      'ENUM',
      'environments.prod.monitoring.alertSubscriptions[1].protocol',
    ],
    [
      'alert email that is not an address',
      (c) => (env(c, 'dev').monitoring.alertSubscriptions[0].endpoint = 'platform-team'),
      'EMAIL_FORMAT',
      'environments.dev.monitoring.alertSubscriptions[0].endpoint',
    ],
    [
      'https alert endpoint without https',
      (c) => (c.org.monitoring = { alertSubscriptions: [{ protocol: 'https', endpoint: 'ftp://x.example.com' }] }),
      'URL_FORMAT',
      'org.monitoring.alertSubscriptions[0].endpoint',
    ],
    ['alert subscriptions not a list', (c) => (env(c, 'staging').monitoring = { alertSubscriptions: 'ops@example.com' }), 'TYPE', 'environments.staging.monitoring.alertSubscriptions'],
    ['an environment without alert subscriptions', (c) => delete env(c, 'staging').monitoring, 'REQUIRED', 'environments.staging.monitoring'],
    ['an empty alert subscription list', (c) => (env(c, 'prod').monitoring.alertSubscriptions = []), 'REQUIRED', 'environments.prod.monitoring.alertSubscriptions'],
    ['monitoring without its subscription list', (c) => (env(c, 'dev').monitoring = {}), 'REQUIRED', 'environments.dev.monitoring.alertSubscriptions'],
    ['a management account without alert subscriptions', (c) => delete c.org.monitoring, 'REQUIRED', 'org.monitoring'],
    ['misspelt subscription field', (c) => (env(c, 'dev').monitoring.alertSubscriptions[0].email = 'x@example.com'), 'UNKNOWN_FIELD', 'environments.dev.monitoring.alertSubscriptions[0].email'],
    ['unknown NAT mode', (c) => (env(c, 'prod').network.natMode = 'double'), 'ENUM', 'environments.prod.network.natMode'],
    ['management NAT without NAT', (c) => (env(c, 'dev').network = { natMode: 'none', managementNat: true }), 'NAT_REQUIRED', 'environments.dev.network.managementNat'],
    ['management NAT not a boolean', (c) => (env(c, 'dev').network.managementNat = 'yes'), 'TYPE', 'environments.dev.network.managementNat'],
    ['malformed interface endpoint', (c) => (env(c, 'dev').network.interfaceEndpoints = ['kms', 'ecr api']), 'ENDPOINT_SERVICE', 'environments.dev.network.interfaceEndpoints[1]'],
    ['duplicate interface endpoint', (c) => (env(c, 'dev').network.interfaceEndpoints = ['kms', 'kms']), 'DUPLICATE', 'environments.dev.network.interfaceEndpoints[1]'],
    ['interface endpoints not a list', (c) => (env(c, 'dev').network.interfaceEndpoints = 'kms'), 'TYPE', 'environments.dev.network.interfaceEndpoints'],
    ['VPN CIDR with host bits', (c) => (env(c, 'prod').network.vpnCidrs = ['172.16.0.1/22']), 'CIDR_HOST_BITS', 'environments.prod.network.vpnCidrs[0]'],
    ['VPN CIDR open to the world', (c) => (env(c, 'prod').network.vpnCidrs = ['0.0.0.0/0']), 'INSECURE', 'environments.prod.network.vpnCidrs[0]'],
    ['ALB ingress CIDR malformed', (c) => (env(c, 'prod').network.albIngressCidrs = ['10.0.0.0/40']), 'CIDR_MASK', 'environments.prod.network.albIngressCidrs[0]'],
    ['ALB ingress list empty', (c) => (env(c, 'prod').network.albIngressCidrs = []), 'REQUIRED', 'environments.prod.network.albIngressCidrs'],
    ['app egress CIDR malformed', (c) => (env(c, 'dev').network.appHttpsEgressCidrs = ['example.com']), 'CIDR_FORMAT', 'environments.dev.network.appHttpsEgressCidrs[0]'],
    ['app port out of range', (c) => (env(c, 'dev').network.appPort = 70000), 'OUT_OF_RANGE', 'environments.dev.network.appPort'],
    ['db port not an integer', (c) => (env(c, 'dev').network.dbPort = 54.32), 'OUT_OF_RANGE', 'environments.dev.network.dbPort'],
    ['db port equal to the app port', (c) => (env(c, 'dev').network.dbPort = 8080), 'CONFLICT', 'environments.dev.network.dbPort'],
    ['management port out of range', (c) => (env(c, 'dev').network.managementPorts = [0]), 'OUT_OF_RANGE', 'environments.dev.network.managementPorts[0]'],
    ['HTTP redirect not a boolean', (c) => (env(c, 'dev').network.httpRedirect = 'on'), 'TYPE', 'environments.dev.network.httpRedirect'],
    ['deny CIDR malformed', (c) => (env(c, 'dev').network.denyCidrs = ['203.0.113.0']), 'CIDR_FORMAT', 'environments.dev.network.denyCidrs[0]'],
    ['deny list of everything', (c) => (env(c, 'dev').network.denyCidrs = ['0.0.0.0/0']), 'INSECURE', 'environments.dev.network.denyCidrs[0]'],
    ['deny list of half the internet', (c) => (env(c, 'dev').network.denyCidrs = ['128.0.0.0/1']), 'INSECURE', 'environments.dev.network.denyCidrs[0]'],
    ['VPN CIDR wider than /8', (c) => (env(c, 'prod').network.vpnCidrs = ['128.0.0.0/1']), 'INSECURE', 'environments.prod.network.vpnCidrs[0]'],
    ['management NAT with nothing to reach', (c) => (env(c, 'dev').network = { natMode: 'single', managementNat: true }), 'NAT_UNUSED', 'environments.dev.network.managementNat'],
    [
      'management egress without management NAT',
      (c) => (env(c, 'dev').network = { managementHttpsEgressCidrs: ['198.51.100.0/24'] }),
      'NAT_REQUIRED',
      'environments.dev.network.managementHttpsEgressCidrs',
    ],
    [
      'management egress CIDR malformed',
      (c) => (env(c, 'dev').network = { managementNat: true, managementHttpsEgressCidrs: ['198.51.100.0'] }),
      'CIDR_FORMAT',
      'environments.dev.network.managementHttpsEgressCidrs[0]',
    ],
    ['endpoint policies not an object', (c) => (env(c, 'dev').network.endpointPolicies = '{"Statement":[]}'), 'TYPE', 'environments.dev.network.endpointPolicies'],
    [
      'an endpoint policy for an endpoint the environment lacks',
      (c) => (env(c, 'dev').network = { interfaceEndpoints: ['kms'], endpointPolicies: { sqs: { Statement: [] } } }),
      'UNKNOWN_FIELD',
      'environments.dev.network.endpointPolicies.sqs',
    ],
    ['an endpoint policy that is a string', (c) => (env(c, 'dev').network.endpointPolicies = { s3: '{"Statement":[]}' }), 'POLICY_JSON', 'environments.dev.network.endpointPolicies.s3'],
    ['an endpoint policy that is a list', (c) => (env(c, 'dev').network.endpointPolicies = { kms: [{ Effect: 'Allow' }] }), 'POLICY_JSON', 'environments.dev.network.endpointPolicies.kms'],
    ['an endpoint policy without a Statement', (c) => (env(c, 'dev').network.endpointPolicies = { kms: { Version: '2012-10-17' } }), 'POLICY_JSON', 'environments.dev.network.endpointPolicies.kms'],
    ['deny list too long', (c) => (env(c, 'dev').network.denyCidrs = Array.from({ length: 11 }, (_, i) => `198.18.${i}.0/24`)), 'OUT_OF_RANGE', 'environments.dev.network.denyCidrs'],
    ['flow log retention CloudWatch does not offer', (c) => (env(c, 'prod').network.flowLogRetentionDays = 100), 'LOG_RETENTION', 'environments.prod.network.flowLogRetentionDays'],
    ['flow log retention under 90 days', (c) => (env(c, 'prod').network.flowLogRetentionDays = 30), 'LOG_RETENTION', 'environments.prod.network.flowLogRetentionDays'],
    ['zone names not matching azCount', (c) => (env(c, 'prod').network.availabilityZones = ['eu-central-1a', 'eu-central-1b']), 'COUNT_MISMATCH', 'environments.prod.network.availabilityZones'],
    ['zone of another region', (c) => (env(c, 'dev').network.availabilityZones = ['eu-central-1a', 'eu-west-1b']), 'AZ_REGION', 'environments.dev.network.availabilityZones[1]'],
    ['malformed zone name', (c) => (env(c, 'dev').network.availabilityZones = ['eu-central-1a', 'zone-b']), 'AZ_NAME', 'environments.dev.network.availabilityZones[1]'],
    ['misspelt network field', (c) => (env(c, 'dev').network.natmode = 'single'), 'UNKNOWN_FIELD', 'environments.dev.network.natmode'],
    ['network section not an object', (c) => (env(c, 'dev').network = 'default'), 'TYPE', 'environments.dev.network'],
    [
      'VPC too small for the subnet plan',
      (c) => {
        env(c, 'prod').vpcCidr = '10.2.0.0/24';
        env(c, 'prod').region = 'us-east-1';
        env(c, 'prod').allowedRegions = ['us-east-1'];
        c.org.allowedRegions.push('us-east-1');
        env(c, 'prod').workload.certificateArn = 'arn:aws:acm:us-east-1:555555555555:certificate/x';
        env(c, 'prod').azCount = 6;
      },
      'CIDR_TOO_SMALL',
      'environments.prod.vpcCidr',
    ],
    // identity: the GitHub repository trusted through OIDC
    ['github section missing', (c) => delete c.github, 'REQUIRED', 'github'],
    ['github owner with a wildcard', (c) => (c.github.owner = '*'), 'WILDCARD_SUBJECT', 'github.owner'],
    ['github repository with a wildcard', (c) => (c.github.repository = 'infra-*'), 'WILDCARD_SUBJECT', 'github.repository'],
    ['github owner with a leading hyphen', (c) => (c.github.owner = '-acme'), 'GITHUB_NAME', 'github.owner'],
    ['github repository with a slash', (c) => (c.github.repository = 'acme/infra'), 'GITHUB_NAME', 'github.repository'],
    ['misspelt github field', (c) => (c.github.repo = 'x'), 'UNKNOWN_FIELD', 'github.repo'],
    ['github environment with a wildcard', (c) => (env(c, 'prod').githubEnvironment = 'prod*'), 'WILDCARD_SUBJECT', 'environments.prod.githubEnvironment'],
    ['github environment with a colon', (c) => (env(c, 'prod').githubEnvironment = 'prod:x'), 'GITHUB_NAME', 'environments.prod.githubEnvironment'],
    // guardrails: the SCP catalogue
    ['guardrails section missing', (c) => delete c.org.guardrails, 'REQUIRED', 'org.guardrails'],
    ['no SCP targets', (c) => (c.org.guardrails.targetIds = []), 'REQUIRED', 'org.guardrails.targetIds'],
    ['malformed OU id', (c) => (c.org.guardrails.targetIds = ['ou-12']), 'SCP_TARGET', 'org.guardrails.targetIds[0]'],
    ['duplicate SCP target', (c) => (c.org.guardrails.targetIds = ['123456789012', '123456789012']), 'DUPLICATE', 'org.guardrails.targetIds[1]'],
    ['break-glass pattern exempting every role', (c) => (c.org.guardrails.breakGlassRolePattern = 'arn:aws:iam::*:role/*'), 'BREAK_GLASS_PATTERN', 'org.guardrails.breakGlassRolePattern'],
    ['break-glass pattern missing', (c) => delete c.org.guardrails.breakGlassRolePattern, 'REQUIRED', 'org.guardrails.breakGlassRolePattern'],
    ['MFA action that is not service:Action', (c) => (c.org.guardrails.mfaProtectedActions = ['DeleteBucket']), 'IAM_ACTION', 'org.guardrails.mfaProtectedActions[0]'],
    ['MFA action list empty', (c) => (c.org.guardrails.mfaProtectedActions = []), 'REQUIRED', 'org.guardrails.mfaProtectedActions'],
    ['misspelt guardrails field', (c) => (c.org.guardrails.targets = ['root']), 'UNKNOWN_FIELD', 'org.guardrails.targets'],
    ['manageOrganization not a boolean', (c) => (c.org.manageOrganization = 'yes'), 'TYPE', 'org.manageOrganization'],
    ['key admin that is a user, not a role', (c) => (env(c, 'prod').keyAdminRoleArn = 'arn:aws:iam::555555555555:user/alice'), 'ARN_FORMAT', 'environments.prod.keyAdminRoleArn'],
    ['key admin role in another account', (c) => (env(c, 'staging').keyAdminRoleArn = 'arn:aws:iam::333333333333:role/key-admin'), 'ACCOUNT_MISMATCH', 'environments.staging.keyAdminRoleArn'],
    [
      'two environments in one account',
      (c) => {
        const staging = env(c, 'staging');
        staging.accountId = '333333333333';
        staging.deployRoleArn = 'arn:aws:iam::333333333333:role/rampart-deploy';
        staging.keyAdminRoleArn = 'arn:aws:iam::333333333333:role/rampart-key-admin';
        staging.workload.certificateArn = 'arn:aws:acm:eu-central-1:333333333333:certificate/6f1c2d3e-4a5b-4c6d-8e7f-444444444444';
      },
      'DUPLICATE',
      'environments.staging.accountId',
    ],
    ['key admin role that is not a string', (c) => (env(c, 'dev').keyAdminRoleArn = 42), 'TYPE', 'environments.dev.keyAdminRoleArn'],
    ['org key admin role in another account', (c) => (c.org.keyAdminRoleArn = 'arn:aws:iam::555555555555:role/key-admin'), 'ACCOUNT_MISMATCH', 'org.keyAdminRoleArn'],
  ];

  test.each(cases)('%s', (_title, mutate, code, path) => {
    const c = clone();
    mutate(c);
    const issues = validateConfig(c);
    expect(issues).toEqual([expect.objectContaining({ code, path })]);
  });

  test('every problem is reported together, one line per field with path, value and rule', () => {
    const c = clone();
    c.prefix = '../../../etc';
    env(c, 'dev').vpcCidr = '10.0.0.0/33';
    env(c, 'prod').accountId = 'abc';
    const file = path.join(tempDir('config'), 'bad.json');
    fs.writeFileSync(file, JSON.stringify(c));
    expect(() => loadConfig(file)).toThrow(RampartValidationErrors);
    const message = (() => {
      try {
        loadConfig(file);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message.split('\n')).toEqual([
      'Invalid configuration (3 problems):',
      '  - prefix: must not contain path separators or ".." (received "../../../etc") [PATH_TRAVERSAL]',
      '  - environments.dev.vpcCidr: prefix length must be between /0 and /32 (received "10.0.0.0/33") [CIDR_MASK]',
      '  - environments.prod.accountId: must be a 12-digit AWS account id given as a string (received "abc") [ACCOUNT_ID]',
    ]);
  });

  test('network defaults come from the production flag, never the name', () => {
    const c = clone();
    for (const e of c.environments) delete e.network;
    expect(validateConfig(c)).toEqual([]);
    expect(resolveNetworkConfig(env(c, 'prod')).natMode).toBe('per-az');
    expect(resolveNetworkConfig(env(c, 'dev')).natMode).toBe('single');
    env(c, 'dev').production = true;
    expect(resolveNetworkConfig(env(c, 'dev')).natMode).toBe('per-az');
    const d = resolveNetworkConfig(env(c, 'staging'));
    // NAT or not, no egress beyond the VPC unless config lists it
    expect(d.natMode).toBe('single');
    expect(d).toMatchObject({
      managementNat: false,
      vpnCidrs: [],
      albIngressCidrs: ['0.0.0.0/0'],
      appHttpsEgressCidrs: [],
      managementHttpsEgressCidrs: [],
      appPort: 8080,
      dbPort: 5432,
      httpRedirect: false,
      denyCidrs: [],
      flowLogRetentionDays: 90,
      endpointPolicies: {},
    });
    expect(resolveNetworkConfig(env(c, 'prod')).appHttpsEgressCidrs).toEqual([]);
    expect(d.interfaceEndpoints).toEqual(['kms', 'secretsmanager', 'ssm', 'ssmmessages', 'ec2messages', 'logs', 'sts', 'ecr.api', 'ecr.dkr']);
    expect(resolveNetworkConfig({ ...env(c, 'dev'), network: { natMode: 'none' } }).appHttpsEgressCidrs).toEqual([]);
  });

  test('a config file that is not JSON is reported, not thrown raw', () => {
    const file = path.join(tempDir('config'), 'broken.json');
    fs.writeFileSync(file, '{ prefix: ');
    expect(() => loadConfig(file)).toThrow(/\(config file\): must be valid JSON/);
  });

  test('the state settings accept an S3 backend, an HCP Terraform backend and a migrated bootstrap', () => {
    const c = clone();
    c.bootstrap = { ...c.bootstrap, noncurrentVersionExpirationDays: 365, stateRoleArn: 'arn:aws:iam::222222222222:role/rampart-state', remoteState: true };
    c.state = { backend: 's3' };
    expect(validateConfig(c)).toEqual([]);
    c.state = { backend: 'cloud', cloud: { organization: 'acme-corp', hostname: 'tfe.example.com', project: 'platform' } };
    expect(validateConfig(c)).toEqual([]);
  });

  test('keyAdminRoleArn is optional (the deploy role administers the keys)', () => {
    const c = clone();
    delete env(c, 'dev').keyAdminRoleArn;
    delete c.org.keyAdminRoleArn;
    expect(validateConfig(c)).toEqual([]);
  });

  test('the derived state bucket name is checked too', () => {
    const c = clone();
    c.prefix = 'ab';
    expect(validateConfig(c)).toEqual([]);
    c.prefix = 'abcdefghijkl';
    c.bootstrap.lockTableName = 'x'.repeat(300);
    expect(validateConfig(c).map((i) => i.path)).toEqual(['bootstrap.lockTableName']);
  });
});

describe('workload config', () => {
  test('the shipped workloads resolve with their defaults', () => {
    const prod = resolveWorkloadConfig(env(clone(), 'prod'))!;
    expect(prod).toMatchObject({ name: 'app', containerPort: 8080, httpRedirect: false, dataClass: 'pii', database: { engine: 'postgres', engineVersion: '16', backupRetentionDays: 30 } });
    // ports and the redirect follow the network section
    const c2 = clone();
    env(c2, 'prod').network = { ...env(c2, 'prod').network, appPort: 9000, dbPort: 3306, httpRedirect: true };
    env(c2, 'prod').workload.database.engine = 'mysql';
    expect(validateConfig(c2)).toEqual([]);
    expect(resolveWorkloadConfig(env(c2, 'prod'))).toMatchObject({ containerPort: 9000, httpRedirect: true, database: { engine: 'mysql', engineVersion: '8.0' } });
    expect(resolveWorkloadConfig(env(clone(), 'staging'))!.database!.backupRetentionDays).toBe(7);
    // the storage ceiling defaults to twice the allocated storage (capped), so 200 GiB needs no ceiling in config
    const c3 = clone();
    env(c3, 'prod').workload.database.allocatedStorageGiB = 200;
    expect(validateConfig(c3)).toEqual([]);
    expect(resolveWorkloadConfig(env(c3, 'prod'))!.database).toMatchObject({ allocatedStorageGiB: 200, maxAllocatedStorageGiB: 400 });
    env(c3, 'prod').workload.database.maxAllocatedStorageGiB = 1000;
    expect(resolveWorkloadConfig(env(c3, 'prod'))!.database!.maxAllocatedStorageGiB).toBe(1000);
    expect(resolveWorkloadConfig(env(clone(), 'dev'))!.database).toBeUndefined();
    const c = clone();
    delete env(c, 'dev').workload;
    expect(validateConfig(c)).toEqual([]);
    expect(resolveWorkloadConfig(env(c, 'dev'))).toBeUndefined();
  });

  const cases: Array<[string, (c: Mutable) => void, string, string]> = [
    ['workload that is not an object', (c) => (env(c, 'dev').workload = 'web'), 'TYPE', 'environments.dev.workload'],
    ['misspelt workload field', (c) => (env(c, 'dev').workload.imag = 'x'), 'UNKNOWN_FIELD', 'environments.dev.workload.imag'],
    ['image missing', (c) => delete env(c, 'dev').workload.image, 'REQUIRED', 'environments.dev.workload.image'],
    ['image with whitespace', (c) => (env(c, 'dev').workload.image = 'nginx; rm -rf /'), 'IMAGE_FORMAT', 'environments.dev.workload.image'],
    ['app port below 1024 with a workload', (c) => (env(c, 'dev').network = { ...env(c, 'dev').network, appPort: 80 }), 'PORT_MISMATCH', 'environments.dev.network.appPort'],
    ['database engine whose port the db security group does not admit', (c) => (env(c, 'prod').workload.database.engine = 'mysql'), 'PORT_MISMATCH', 'environments.prod.workload.database.engine'],
    ['container port given in the workload (it comes from network.appPort)', (c) => (env(c, 'dev').workload.containerPort = 8080), 'UNKNOWN_FIELD', 'environments.dev.workload.containerPort'],
    ['unknown Fargate cpu', (c) => (env(c, 'dev').workload.cpu = 300), 'ENUM', 'environments.dev.workload.cpu'],
    ['memory that does not fit the cpu', (c) => (env(c, 'prod').workload.memoryMiB = 8192), 'FARGATE_SIZE', 'environments.prod.workload.memoryMiB'],
    ['negative desired count', (c) => (env(c, 'dev').workload.desiredCount = -1), 'OUT_OF_RANGE', 'environments.dev.workload.desiredCount'],
    ['certificate that is not an ACM ARN', (c) => (env(c, 'dev').workload.certificateArn = 'my-cert'), 'ARN_FORMAT', 'environments.dev.workload.certificateArn'],
    [
      'certificate in another account',
      (c) => (env(c, 'dev').workload.certificateArn = 'arn:aws:acm:eu-central-1:999999999999:certificate/abc'),
      'ACCOUNT_MISMATCH',
      'environments.dev.workload.certificateArn',
    ],
    [
      'certificate in another region',
      (c) => (env(c, 'dev').workload.certificateArn = 'arn:aws:acm:us-east-1:333333333333:certificate/abc'),
      'ACCOUNT_MISMATCH',
      'environments.dev.workload.certificateArn',
    ],
    ['health-check path without a slash', (c) => (env(c, 'dev').workload.healthCheckPath = 'health'), 'PATH_FORMAT', 'environments.dev.workload.healthCheckPath'],
    ['unknown workload data class', (c) => (env(c, 'dev').workload.dataClass = 'secret'), 'ENUM', 'environments.dev.workload.dataClass'],
    [
      'workload name that makes the load balancer name too long',
      (c) => ((c.prefix = 'acmecorpintl'), (env(c, 'staging').workload.name = 'storefrontui')),
      'NAME_LENGTH',
      'environments.staging.workload.name',
    ],
    ['workload name with a path', (c) => (env(c, 'dev').workload.name = '../web'), 'PATH_TRAVERSAL', 'environments.dev.workload.name'],
    ['unknown database engine', (c) => (env(c, 'prod').workload.database.engine = 'oracle'), 'ENUM', 'environments.prod.workload.database.engine'],
    ['unsupported engine version', (c) => (env(c, 'prod').workload.database.engineVersion = '9.6'), 'ENGINE_VERSION', 'environments.prod.workload.database.engineVersion'],
    ['malformed instance class', (c) => (env(c, 'prod').workload.database.instanceClass = 'm7g.large'), 'INSTANCE_CLASS', 'environments.prod.workload.database.instanceClass'],
    ['too little storage', (c) => (env(c, 'prod').workload.database.allocatedStorageGiB = 5), 'OUT_OF_RANGE', 'environments.prod.workload.database.allocatedStorageGiB'],
    [
      'storage ceiling equal to the allocated storage',
      (c) => Object.assign(env(c, 'prod').workload.database, { allocatedStorageGiB: 200, maxAllocatedStorageGiB: 200 }),
      'STORAGE_CEILING',
      'environments.prod.workload.database.maxAllocatedStorageGiB',
    ],
    [
      'storage ceiling below the configured allocated storage (50 GiB in prod)',
      (c) => (env(c, 'prod').workload.database.maxAllocatedStorageGiB = 40),
      'STORAGE_CEILING',
      'environments.prod.workload.database.maxAllocatedStorageGiB',
    ],
    ['storage ceiling above 64 TiB', (c) => (env(c, 'prod').workload.database.maxAllocatedStorageGiB = 70000), 'OUT_OF_RANGE', 'environments.prod.workload.database.maxAllocatedStorageGiB'],
    ['storage ceiling not an integer', (c) => (env(c, 'prod').workload.database.maxAllocatedStorageGiB = '300'), 'TYPE', 'environments.prod.workload.database.maxAllocatedStorageGiB'],
    ['backups below 7 days', (c) => (env(c, 'staging').workload.database.backupRetentionDays = 3), 'OUT_OF_RANGE', 'environments.staging.workload.database.backupRetentionDays'],
    ['backups below 30 days in production', (c) => (env(c, 'prod').workload.database.backupRetentionDays = 14), 'BACKUP_RETENTION', 'environments.prod.workload.database.backupRetentionDays'],
    ['bad snapshot schedule', (c) => (env(c, 'prod').workload.database.snapshotSchedule = 'daily'), 'SCHEDULE_FORMAT', 'environments.prod.workload.database.snapshotSchedule'],
    [
      'snapshot code bucket with uppercase',
      (c) => (env(c, 'prod').workload.database.snapshotCode = { s3Bucket: 'Artifacts', s3Key: 'a.zip' }),
      'S3_NAME',
      'environments.prod.workload.database.snapshotCode.s3Bucket',
    ],
    ['misspelt database field', (c) => (env(c, 'prod').workload.database.multiAZ = false), 'UNKNOWN_FIELD', 'environments.prod.workload.database.multiAZ'],
  ];

  test.each(cases)('%s', (_title, mutate, code, path) => {
    const c = clone();
    mutate(c);
    expect(validateConfig(c)).toEqual([expect.objectContaining({ code, path })]);
  });
});
