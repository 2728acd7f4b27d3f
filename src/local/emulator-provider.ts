import { AwsProviderEndpoints, awsProviderEndpointsToTerraform } from '@cdktf/provider-aws/lib/provider';
import { ProviderOverrides } from '@rampart/baseline';
import type { S3BackendOverrides } from '../../stacks/state-backend';

/**
 * The emulator's default account: the account of its test credentials, and only the starting
 * point of every stack's role chain (nothing is deployed into it).
 */
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
 * Provider overrides for the emulator target: every canonical endpoint at the emulator (STS
 * included, which the provider's assume-role call uses), test credentials, no credential
 * validation or instance-metadata lookups, path-style S3, and few retries so that an emulator
 * error fails fast. The provider starts as the emulator's default account
 * (EMULATOR_ACCOUNT_ID) and then takes the stack's own `assume_role` chain into its deploy role:
 * the emulator's STS answers with credentials for the role's account, so every stack lands in its
 * own configured account and `allowed_account_ids` keeps guarding it (the account id is still
 * requested). The only place the emulator's provider settings are built.
 */
export function emulatorProviderOverrides(endpoint: string): ProviderOverrides {
  return {
    ...EMULATOR_CREDENTIALS,
    skipCredentialsValidation: true,
    skipMetadataApiCheck: 'true',
    s3UsePathStyle: true,
    maxRetries: 2,
    endpoints: [emulatorEndpoints(endpoint)],
  };
}

/**
 * The S3 backend's counterpart of {@link emulatorProviderOverrides}: endpoints for state (S3),
 * locks (DynamoDB) and the state role chain (STS, IAM), path-style addressing and test
 * credentials. The backend keeps its `assume_role` into the state role and `allowed_account_ids`.
 */
export function emulatorBackendOverrides(endpoint: string): S3BackendOverrides {
  return {
    ...EMULATOR_CREDENTIALS,
    endpoints: { s3: endpoint, dynamodb: endpoint, sts: endpoint, iam: endpoint },
    usePathStyle: true,
    skipCredentialsValidation: true,
    skipMetadataApiCheck: true,
    maxRetries: 2,
  };
}
