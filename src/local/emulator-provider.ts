import { AwsProviderEndpoints, awsProviderEndpointsToTerraform } from '@cdktf/provider-aws/lib/provider';
import { ProviderOverrides } from '@rampart/baseline';

/** The account id the local AWS emulator (moto) reports for every request. */
export const EMULATOR_ACCOUNT_ID = '123456789012';

/**
 * Endpoint keys of the AWS provider that are aliases of another key, by canonical key.
 * Setting an alias next to its canonical key makes the provider warn "Invalid Attribute
 * Combination", so only canonical keys are set. This table mirrors hashicorp/aws 5.100.0;
 * a test checks that every name here is a key of the provider binding.
 */
export const ENDPOINT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  amp: ['prometheus', 'prometheusservice'],
  appautoscaling: ['applicationautoscaling'],
  appintegrations: ['appintegrationsservice'],
  ce: ['costexplorer'],
  cloudcontrol: ['cloudcontrolapi'],
  cloudhsmv2: ['cloudhsm'],
  cognitoidp: ['cognitoidentityprovider'],
  configservice: ['config'],
  cur: ['costandusagereportservice'],
  databrew: ['gluedatabrew'],
  deploy: ['codedeploy'],
  dms: ['databasemigration', 'databasemigrationservice'],
  ds: ['directoryservice'],
  elasticbeanstalk: ['beanstalk'],
  elasticsearch: ['es', 'elasticsearchservice'],
  elb: ['elasticloadbalancing'],
  elbv2: ['elasticloadbalancingv2'],
  events: ['eventbridge', 'cloudwatchevents'],
  evidently: ['cloudwatchevidently'],
  grafana: ['managedgrafana', 'amg'],
  inspector2: ['inspectorv2'],
  kafka: ['msk'],
  lexmodels: ['lexmodelbuilding', 'lexmodelbuildingservice', 'lex'],
  lexv2models: ['lexmodelsv2'],
  location: ['locationservice'],
  logs: ['cloudwatchlog', 'cloudwatchlogs'],
  oam: ['cloudwatchobservabilityaccessmanager'],
  opensearch: ['opensearchservice'],
  osis: ['opensearchingestion'],
  rbin: ['recyclebin'],
  redshiftdata: ['redshiftdataapiservice'],
  resourcegroupstaggingapi: ['resourcegroupstagging'],
  rum: ['cloudwatchrum'],
  s3: ['s3api'],
  serverlessrepo: ['serverlessapprepo', 'serverlessapplicationrepository'],
  servicecatalogappregistry: ['appregistry'],
  sfn: ['stepfunctions'],
  simpledb: ['sdb'],
  transcribe: ['transcribeservice'],
};

/**
 * Every endpoint key the provider binding knows (canonical keys and aliases), as Terraform
 * names, each with the binding's property name for it (e.g. `route53domains` → `route53Domains`).
 * Read from the binding's own mapping function: each property it reads is echoed back as its value.
 */
export function providerEndpointProperties(): Record<string, string> {
  const echo = new Proxy({}, { get: (_target, property) => (typeof property === 'string' ? property : undefined) });
  return awsProviderEndpointsToTerraform(echo as AwsProviderEndpoints) as Record<string, string>;
}

/** Every endpoint key the provider binding knows (canonical keys and aliases), as Terraform names. */
export function providerEndpointKeys(): string[] {
  return Object.keys(providerEndpointProperties());
}

/** The canonical endpoint keys: the binding's keys without the aliases. */
export function canonicalEndpointKeys(): string[] {
  const aliases = new Set(Object.values(ENDPOINT_ALIASES).flat());
  return providerEndpointKeys().filter((k) => !aliases.has(k));
}

/** An `endpoints` block that points every canonical key at one URL. */
export function emulatorEndpoints(url: string): AwsProviderEndpoints {
  const properties = providerEndpointProperties();
  const endpoints: Record<string, string> = {};
  for (const key of canonicalEndpointKeys()) endpoints[properties[key]] = url;
  return endpoints as AwsProviderEndpoints;
}

/** Test credentials: the emulator accepts any. They are not secrets. */
export const EMULATOR_CREDENTIALS = { accessKey: 'test', secretKey: 'test' } as const;

/**
 * Provider settings for the emulator target: every canonical endpoint at the emulator, test
 * credentials, no credential validation or instance-metadata lookups, path-style S3, and few
 * retries so that an emulator error fails fast. The account id is still requested (from the
 * emulator's STS), so `allowed_account_ids` keeps guarding the run, and the deploy role is still
 * assumed (the emulator's STS returns credentials for the role's account).
 */
export function emulatorProviderSettings(endpoint: string): ProviderOverrides {
  return {
    ...EMULATOR_CREDENTIALS,
    skipCredentialsValidation: true,
    skipMetadataApiCheck: 'true',
    s3UsePathStyle: true,
    maxRetries: 2,
    endpoints: [emulatorEndpoints(endpoint)],
  };
}
