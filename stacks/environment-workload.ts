import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { IKmsKey, IRoleGrantee, ISecurityGroupTiers, ITieredNetwork, NameParts, RampartValidationError, resourceName, s3BucketName } from '@rampart/core';
import { RegionalWebAcl, ShieldAdvancedProtection } from '@rampart/edge';
import { RetentionPolicy } from '@rampart/logging';
import { RampartPolicy } from '@rampart/policy';
import { ContainerSecret } from '@rampart/secrets';
import { EncryptedDatabase, HardenedCluster, HardenedService, HardenedTaskDefinition, HttpsLoadBalancer, SnapshotBackupRole, WorkloadRepository, resolveWorkloadImage } from '@rampart/workloads';
import { ResolvedWorkloadConfig } from '../config/workload';

/** Properties of an {@link EnvironmentWorkload}. */
export interface EnvironmentWorkloadProps {
  readonly names: NameParts;
  readonly accountId: string;
  /** Region of the workload (the repository URL, the WAF log-delivery policy). */
  readonly region: string;
  readonly production: boolean;
  readonly workload: ResolvedWorkloadConfig;
  readonly network: ITieredNetwork;
  readonly securityGroups: ISecurityGroupTiers;
  /** Key for log groups (purpose `logs`). */
  readonly logsKey: IKmsKey;
  /** The environment's retention table (application and application-pii log classes). @default RetentionPolicy.DEFAULT */
  readonly retention?: RetentionPolicy;
  /** Key of the database's master-user secret (purpose `secrets`). */
  readonly secretsKey: IKmsKey;
  /** Key of the workload's data class (database storage and Performance Insights). Required with a database. @default - none */
  readonly dataKey?: IKmsKey;
  /** Key of the workload's data class: its ECR repository's images are encrypted with it. */
  readonly imageKey: IKmsKey;
  /** Roles that may push images to the workload's repository (the environment's GitHub deploy role). @default - none */
  readonly imagePushRoles?: readonly IRoleGrantee[];
  /**
   * Container secrets, wired with the task's execution role (which must be granted read access).
   * @default - none
   */
  readonly containerSecrets?: (executionRole: IRoleGrantee) => readonly ContainerSecret[];
}

/** The database user the application connects as (IAM authentication). */
export const APP_DB_USER = 'app';

/**
 * The workload baseline of one environment, composed from `@rampart/workloads`: a cluster, a
 * hardened task definition and service behind an HTTPS load balancer, and (when configured) an
 * encrypted database (TLS only) plus its snapshot role. With a database, the task role may
 * connect as the database user `app` with IAM authentication (`rds-db:connect` on that user of
 * that instance only) and the container gets the endpoint, port and user name as plain
 * environment variables; no password reaches the container. Creating the user `app` in the
 * database (postgres: `CREATE USER app; GRANT rds_iam TO app;`) is a schema-migration step
 * outside Terraform. Other container secrets come from `containerSecrets`, by reference.
 */
export class EnvironmentWorkload extends Construct {
  public readonly cluster: HardenedCluster;
  public readonly taskDefinition: HardenedTaskDefinition;
  public readonly loadBalancer: HttpsLoadBalancer;
  public readonly service: HardenedService;
  public readonly database?: EncryptedDatabase;
  public readonly snapshots?: SnapshotBackupRole;
  /** The workload's image repository; the task runs an image of it, by digest. */
  public readonly repository: WorkloadRepository;
  /** The web ACL in front of the load balancer, unless the config opted out (`withoutWebAcl`). */
  public readonly webAcl?: RegionalWebAcl;

  constructor(scope: Construct, id: string, props: EnvironmentWorkloadProps) {
    super(scope, id);
    const w = props.workload;
    const name = resourceName(props.names, w.name);

    this.cluster = new HardenedCluster(this, 'cluster', { name });
    this.taskDefinition = new HardenedTaskDefinition(this, 'task', {
      family: name,
      cpu: w.cpu,
      memoryMiB: w.memoryMiB,
      dataClass: w.dataClass,
      logsKey: props.logsKey,
      retention: props.retention,
    });
    if (w.database) {
      const db = w.database;
      if (!props.dataKey) {
        throw new RampartValidationError({ code: 'REQUIRED', path: 'dataKey', value: undefined, rule: `a workload database needs the key of data class ${w.dataClass}` });
      }
      this.database = new EncryptedDatabase(this, 'db', {
        identifier: resourceName(props.names, `${w.name}-db`),
        engine: db.engine,
        engineVersion: db.engineVersion,
        instanceClass: db.instanceClass,
        allocatedStorageGiB: db.allocatedStorageGiB,
        maxAllocatedStorageGiB: db.maxAllocatedStorageGiB,
        backupRetentionDays: db.backupRetentionDays,
        dataClass: w.dataClass,
        dataKey: props.dataKey,
        secretsKey: props.secretsKey,
        logsKey: props.logsKey,
        retention: props.retention,
        network: props.network,
        securityGroups: props.securityGroups,
        production: props.production,
      });
      this.snapshots = new SnapshotBackupRole(this, 'snapshots', {
        name: resourceName(props.names, `${w.name}-db-snapshot`),
        database: this.database,
        logsKey: props.logsKey,
        retention: props.retention,
        schedule: db.snapshotSchedule,
        code: db.snapshotCode,
      });
      // The application's only way into the database: IAM authentication as user `app`.
      this.database.grantConnect(this.taskDefinition.taskRole, APP_DB_USER);
      new TerraformOutput(this, 'db_endpoint', { value: this.database.address, description: 'Database host (TLS required)' }).overrideLogicalId('workload_db_endpoint');
    }

    // The image comes from the workload's own repository, by digest (or a named, reported opt-out).
    this.repository = new WorkloadRepository(this, 'images', {
      name,
      key: props.imageKey,
      accountId: props.accountId,
      region: props.region,
      pullRoles: [this.taskDefinition.executionRole],
      keepImages: w.keepImages,
    });
    for (const role of props.imagePushRoles ?? []) this.repository.grantPush(role);
    const image = resolveWorkloadImage(this, 'workload.image', w.image, this.repository, { allowExternalImage: w.allowExternalImage });

    const secrets = props.containerSecrets?.(this.taskDefinition.executionRole) ?? [];
    this.taskDefinition.addContainer({
      name: w.name,
      image,
      containerPort: w.containerPort,
      writablePaths: ['/tmp'],
      secrets: [...secrets],
      environment: {
        PORT: String(w.containerPort),
        ...(this.database && w.database
          ? {
              DB_ENGINE: w.database.engine,
              DB_HOST: this.database.address,
              DB_PORT: String(this.database.port),
              DB_USER: APP_DB_USER,
              DB_AUTH: 'iam',
              DB_SSL: 'require',
            }
          : {}),
      },
    });

    if (!w.withoutWebAcl) {
      this.webAcl = new RegionalWebAcl(this, 'waf', { name, rateLimit: w.rateLimit, logsKey: props.logsKey, retention: props.retention, accountId: props.accountId, region: props.region });
    }
    this.loadBalancer = new HttpsLoadBalancer(this, 'alb', {
      name,
      network: props.network,
      securityGroups: props.securityGroups,
      certificateArn: w.certificateArn,
      targetPort: w.containerPort,
      healthCheckPath: w.healthCheckPath,
      httpRedirect: w.httpRedirect,
      production: props.production,
      accessLogBucketName: s3BucketName(props.names, `${w.name}-alb-logs`, props.accountId),
      ...(this.webAcl ? { webAcl: this.webAcl } : { withoutWebAcl: w.withoutWebAcl }),
    });
    if (w.withoutWebAcl) {
      // The named opt-out: the policy finding is suppressed with the config's reason, owner and expiry.
      RampartPolicy.suppress(this.loadBalancer.resource, { ruleId: 'waf-public-lb-web-acl', reason: w.withoutWebAcl.reason, owner: w.withoutWebAcl.owner, expires: w.withoutWebAcl.expires });
    }
    if (w.shieldAdvanced) new ShieldAdvancedProtection(this, 'shield', { name, resourceArn: this.loadBalancer.loadBalancerArn });
    this.service = new HardenedService(this, 'service', {
      name,
      cluster: this.cluster.clusterArn,
      taskDefinition: this.taskDefinition,
      network: props.network,
      securityGroups: props.securityGroups,
      desiredCount: w.desiredCount,
      loadBalancer: this.loadBalancer.serviceTarget,
    });
    new TerraformOutput(this, 'alb_dns_name', { value: this.loadBalancer.dnsName, description: "Load balancer DNS name (point the certificate's domain at it)" }).overrideLogicalId(
      'workload_alb_dns_name',
    );
  }
}
