import * as path from 'path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { NameParts, renderMandatoryTags, resourceName, s3BucketName } from '@rampart/core';
import { DataClassKeys } from '@rampart/encryption';
import { applyIdentityBaseline } from '@rampart/identity';
import { NetworkBaseline } from '@rampart/network';
import { RampartPolicy } from '@rampart/policy';
import { EcsSecret, EcsSecrets, ManagedSecret, SecretValue } from '@rampart/secrets';
import { EncryptedDatabase, HardenedCluster, HardenedService, HardenedTaskDefinition, HttpsLoadBalancer, SnapshotBackupRole } from '@rampart/workloads';
import { RegionalWebAcl } from '@rampart/edge';

/** What the example needs to know about its target. */
export interface ThreeTierStackProps {
  readonly names: NameParts;
  readonly accountId: string;
  readonly region: string;
  /** ACM certificate for the HTTPS listener. */
  readonly certificateArn: string;
  /** Application image, pinned by digest. */
  readonly image: string;
  /** Production settings: deletion protection, multi-AZ, 30-day backups. @default false */
  readonly production?: boolean;
}

const APP_PORT = 8080;
const DB_PORT = 5432;

/**
 * A three-tier application from the Rampart modules: the load balancer in the public tier,
 * the Fargate service in the app tier, the database in the data tier, each tier reachable only
 * from the one in front of it; one key per purpose; the app's secrets passed by reference.
 */
export class ThreeTierStack extends TerraformStack {
  public readonly network: NetworkBaseline;
  public readonly keys: DataClassKeys;
  public readonly database: EncryptedDatabase;
  public readonly service: HardenedService;
  public readonly loadBalancer: HttpsLoadBalancer;

  constructor(scope: Construct, id: string, props: ThreeTierStackProps) {
    super(scope, id);
    const { names } = props;
    const production = props.production ?? false;
    new AwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: [props.accountId],
      defaultTags: [{ tags: renderMandatoryTags({ environment: names.environment, owner: 'shop-team', costCenter: 'shop', compliance: 'gdpr', dataClassification: 'internal' }) }],
    });
    // Every role (execution, task, snapshot) gets the permission boundary.
    applyIdentityBaseline(this, { names, allowedRegions: [props.region] });
    // The baseline policy pack runs at synth and does every check: mandatory tags, the boundary on
    // every role, no IAM users, a pii-labelled resource on the pii key only, and the rest. Any
    // finding fails synth; a pass writes policy-report.json.
    RampartPolicy.apply(this, { production });

    // Network tier layout and the alb -> app -> db security-group chain.
    this.network = new NetworkBaseline(this, 'network', {
      names,
      region: props.region,
      cidr: '10.20.0.0/16',
      azCount: 2,
      natMode: 'single',
      appPort: APP_PORT,
      dbPort: DB_PORT,
      allowHttpRedirect: true,
    });
    const vpc = this.network.vpc;
    const sgs = this.network.securityGroups;

    // One customer-managed key per purpose.
    this.keys = new DataClassKeys(this, 'keys', {
      names,
      adminRoleArn: `arn:aws:iam::${props.accountId}:role/key-admin`,
      accountId: props.accountId,
      region: props.region,
      purposes: ['pii', 'logs', 'secrets'],
    });
    const logsKey = this.keys.key('logs');

    // Data tier: customer data, so the pii key.
    this.database = new EncryptedDatabase(this, 'db', {
      identifier: resourceName(names, 'shop-db'),
      dataClass: 'pii',
      dataKey: this.keys.key('pii'),
      secretsKey: this.keys.key('secrets'),
      logsKey,
      network: vpc,
      securityGroups: sgs,
      production,
    });
    new SnapshotBackupRole(this, 'snapshots', {
      name: resourceName(names, 'shop-db-snapshot'),
      database: this.database,
      logsKey,
      code: { path: path.join(__dirname, '..', 'snapshot-function') },
    });

    // App tier.
    const cluster = new HardenedCluster(this, 'cluster', { name: resourceName(names, 'shop') });
    const task = new HardenedTaskDefinition(this, 'task', { family: resourceName(names, 'shop-web'), dataClass: 'pii', logsKey, cpu: 512, memoryMiB: 1024 });
    const sessionKey = new ManagedSecret(this, 'session-key', {
      names,
      name: 'shop-session-key',
      key: this.keys.key('secrets'),
      production,
      value: SecretValue.generated(),
      description: 'Signing key for the shop session cookies',
    });
    const secrets = new EcsSecrets(this, 'web-secrets', { executionRole: task.executionRole, secrets: { SESSION_SIGNING_KEY: EcsSecret.fromSecret(sessionKey) } });
    task.addContainer({
      name: 'web',
      image: props.image,
      containerPort: APP_PORT,
      writablePaths: ['/tmp'],
      secrets: [...secrets.containerSecrets],
      environment: { DB_HOST: this.database.address, DB_PORT: String(DB_PORT), DB_USER: 'web', DB_AUTH: 'iam' },
    });
    this.database.grantConnect(task.taskRole, 'web');

    // Public tier.
    this.loadBalancer = new HttpsLoadBalancer(this, 'alb', {
      name: resourceName(names, 'shop'),
      network: vpc,
      securityGroups: sgs,
      certificateArn: props.certificateArn,
      targetPort: APP_PORT,
      healthCheckPath: '/healthz',
      production,
      accessLogBucketName: s3BucketName(names, 'shop-alb-logs', props.accountId),
      // AWS managed rule groups and a per-IP rate limit in front of the load balancer; logs redacted and encrypted.
      webAcl: new RegionalWebAcl(this, 'waf', { name: resourceName(names, 'shop'), logsKey, accountId: props.accountId, region: props.region }),
    });
    this.service = new HardenedService(this, 'web', {
      name: 'shop-web',
      cluster: cluster.clusterArn,
      taskDefinition: task,
      network: vpc,
      securityGroups: sgs,
      loadBalancer: this.loadBalancer.serviceTarget,
    });

    new TerraformOutput(this, 'url', { value: `https://${this.loadBalancer.dnsName}` });
  }
}
