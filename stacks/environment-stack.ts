import { TerraformOutput } from 'cdktf';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { Construct } from 'constructs';
import { GithubOidcDeployRole } from '@rampart/identity';
import { NetworkBaseline } from '@rampart/network';
import { resolveNetworkConfig } from '../config/network';
import { EnvironmentConfig, GithubConfig } from '../config/types';
import { RampartStack, RampartStackProps } from '@rampart/baseline';
import { reportOptOut } from '@rampart/core';
import { addGithubDeployRole } from './github-deploy';
import { DEFAULT_KEY_PURPOSES, DataClassKeys } from '@rampart/encryption';
import { RetentionPolicy } from '@rampart/logging';
import { AlertTopic, VpcDeletionAlarm } from '@rampart/monitoring';
import { ManagedSecret, SecretValue } from '@rampart/secrets';
import { resolveWorkloadConfig } from '../config/workload';
import { EnvironmentWorkload } from './environment-workload';
import { EnvironmentBackup } from './environment-backup';
import { resolveBackupConfig } from '../config/backup';
import { formatWafCost } from '@rampart/edge';
import { formatNetworkCost } from '@rampart/network';
import { SecurityContact } from '@rampart/detection';
import { AccountDetection, AccountDetectionOptOut, LogArchiveNames, logArchiveKeyArn, reportDetectionOff } from './account-detection';

/** Properties of one environment stack. */
export interface EnvironmentStackProps extends Pick<RampartStackProps, 'providerOverrides' | 'suppressions'> {
  readonly prefix: string;
  /**
   * Give the workload's listener a certificate requested in the stack (DNS validation, never
   * validated) instead of the configured `workload.certificateArn`, for a target where the
   * configured certificate does not exist. An opt-out, reported as `stacks.workload.stand-in-certificate`.
   * @default false
   */
  readonly standInWorkloadCertificate?: boolean;
  /**
   * Leave out what an emulator cannot serve in AWS Backup: backup selections, restore testing and
   * the managed policies of the backup role. An opt-out: the database's missing coverage is
   * suppressed in the policy report for the day of the synthesis only.
   * @default false
   */
  readonly backupWithoutSelections?: boolean;
  readonly environment: EnvironmentConfig;
  /** Repository whose GitHub Actions deploy this environment. @default - no GitHub OIDC deploy role */
  readonly github?: GithubConfig;
  /**
   * ARN pattern of the organisation's break-glass roles (`org.guardrails.breakGlassRolePattern`):
   * the permission boundary forbids capped roles to change or pass them.
   * @default - none
   */
  readonly breakGlassRolePattern?: string;
  /** Service prefixes the permission boundary allows (`permissionBoundary.allowedServices`). @default DEFAULT_BOUNDARY_SERVICES */
  readonly allowedServices?: readonly string[];
  /** The organisation's log-archive account: the Config recorder delivers to its bucket. @default - no Config recorder */
  readonly archive?: LogArchiveNames;
  /** The SECURITY alternate contact of the account (`securityContact`). */
  readonly securityContact?: SecurityContact;
  /**
   * Leave out the account's detection baseline, reported as `stacks.account-detection-off`.
   * @default - the baseline is created
   */
  readonly withoutAccountDetection?: AccountDetectionOptOut;
}

/**
 * One environment (dev, staging, prod) in its own account. The same class serves every
 * environment; what differs comes from its config, never from its name.
 */
export class EnvironmentStack extends RampartStack {
  public readonly environment: EnvironmentConfig;
  /** The GitHub OIDC deploy role, when a repository is configured. */
  public readonly githubDeployRole?: GithubOidcDeployRole;
  /** One customer-managed key per purpose: pii, financial, health, restricted, logs, secrets, backup. */
  public readonly keys: DataClassKeys;
  /**
   * The environment's application database credential (`<prefix>-<env>-app-db-credentials`):
   * JSON `{ username: 'app', password }` with a generated password, kept in Secrets Manager
   * under the secrets key, never in cdk.tf.json or state. It exists in every environment, with
   * or without a database. The workload does not use it: its service connects as `app` with
   * IAM authentication and never receives this secret. It is the password a schema-migration
   * job may give the user `app` where IAM authentication cannot be used (a client without IAM
   * token support); on postgres a user granted `rds_iam` can only log in with IAM tokens, so an
   * environment uses one or the other for `app`, and wires the secret with `EcsSecret.fromSecret`
   * only if it chooses the password.
   */
  public readonly databaseCredentials: ManagedSecret;
  /** Retention table of this environment's logs (flow logs, application logs); log groups use `keys.key('logs')`. */
  public readonly retention: RetentionPolicy;
  /** The environment's alert topic (encrypted with the logs key); workload alarms (CpuAlarm) notify it. */
  public readonly alertTopic: AlertTopic;
  /** Alarm on any DeleteVpc in this account and region. */
  public readonly vpcDeletionAlarm: VpcDeletionAlarm;
  /**
   * The environment's network: `network.vpc` (TieredVpc, an ITieredNetwork),
   * `network.securityGroups` (AppSecurityGroups, an ISecurityGroupTiers), `network.endpoints`,
   * `network.nacls`, `network.flowLogs`, and `network.costEstimate`.
   */
  public readonly network: NetworkBaseline;
  /** The workload baseline (service, load balancer, database), when the environment's config has a `workload` section. */
  public readonly workload?: EnvironmentWorkload;
  /** AWS Backup: the vault under the backup key, its lock, plans per data class, the database restore test. */
  public readonly backup: EnvironmentBackup;
  /** Hardening, Config recorder (with a log-archive account) and security event rules of the account. */
  public readonly detection?: AccountDetection;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    const env = props.environment;
    super(scope, id, {
      prefix: props.prefix,
      target: env,
      production: env.production,
      providerOverrides: props.providerOverrides,
      suppressions: props.suppressions,
      allowedServices: props.allowedServices,
      unboundedRoleArns: [...(env.keyAdminRoleArn ? [env.keyAdminRoleArn] : []), ...(props.breakGlassRolePattern ? [props.breakGlassRolePattern] : [])],
      tags: {
        environment: env.name,
        owner: env.owner,
        costCenter: env.costCenter,
        compliance: env.compliance,
        dataClassification: env.defaultDataClass,
      },
    });
    this.environment = env;
    const workload = resolveWorkloadConfig(env);
    // A workload needs the key of its data class (its database and its image repository); the default set covers the sensitive classes only.
    const extraKey = workload && !DEFAULT_KEY_PURPOSES.includes(workload.dataClass) ? [workload.dataClass] : [];
    if (props.github) this.githubDeployRole = addGithubDeployRole(this, this.names, env, props.github);
    this.keys = new DataClassKeys(this, 'keys', {
      names: this.names,
      adminRoleArn: env.keyAdminRoleArn ?? env.deployRoleArn,
      accountId: this.context.accountId,
      region: this.context.region,
      partition: this.context.partition,
      ...(extraKey.length > 0 ? { purposes: [...DEFAULT_KEY_PURPOSES, ...extraKey] } : {}),
    });
    this.databaseCredentials = new ManagedSecret(this, 'app-db-credentials', {
      names: this.names,
      name: 'app-db-credentials',
      key: this.keys.key('secrets'),
      production: env.production,
      value: SecretValue.generated({ jsonFields: { username: 'app' }, generatedKey: 'password' }),
      description: 'Credentials the application uses for its database',
    });
    // The alert topic is encrypted with the logs key; the topic and the VPC-deletion rule add
    // the key-policy statements CloudWatch alarms and EventBridge need to publish to it.
    const logsKey = this.keys.key('logs');
    // The retention table of this environment; the network's flow-log retention from config feeds it.
    this.retention = new RetentionPolicy({ vpcFlowLogsDays: env.network?.flowLogRetentionDays });
    this.alertTopic = new AlertTopic(this, 'alerts', { names: this.names, key: logsKey, subscriptions: env.monitoring?.alertSubscriptions });
    this.vpcDeletionAlarm = new VpcDeletionAlarm(this, 'vpc-deletion-alarm', { names: this.names, alarmTarget: this.alertTopic });

    // The network; its flow logs are encrypted with the environment's logs key.
    const net = resolveNetworkConfig(env);
    this.network = new NetworkBaseline(this, 'network', {
      names: this.names,
      region: env.region,
      cidr: env.vpcCidr,
      azCount: env.azCount,
      availabilityZones: net.availabilityZones,
      natMode: net.natMode,
      managementNat: net.managementNat,
      interfaceEndpoints: net.interfaceEndpoints,
      albIngressCidrs: net.albIngressCidrs,
      allowHttpRedirect: net.httpRedirect,
      appPort: net.appPort,
      dbPort: net.dbPort,
      managementPorts: net.managementPorts,
      vpnCidrs: net.vpnCidrs,
      appHttpsEgressCidrs: net.appHttpsEgressCidrs,
      managementHttpsEgressCidrs: net.managementHttpsEgressCidrs,
      endpointPolicies: Object.fromEntries(Object.entries(net.endpointPolicies).map(([service, doc]) => [service, JSON.stringify(doc)])),
      denyCidrs: net.denyCidrs,
      flowLogKey: logsKey,
      flowLogRetentionInDays: this.retention.retentionDays('vpc-flow-logs'),
    });

    const vpc = this.network.vpc;
    const sgs = this.network.securityGroups;
    new TerraformOutput(this, 'vpc_id', { value: vpc.vpcId, description: 'VPC id' });
    for (const tier of vpc.tiers) {
      new TerraformOutput(this, `${tier}_subnet_ids`, { value: vpc.subnetIds(tier), description: `Subnet ids of the ${tier} tier, one per AZ` });
    }
    new TerraformOutput(this, 'security_group_ids', {
      value: { alb: sgs.albSecurityGroupId, app: sgs.appSecurityGroupId, db: sgs.dbSecurityGroupId, management: sgs.managementSecurityGroupId },
      description: 'App-first security group ids by tier',
    });

    if (workload) {
      let certificateArn = workload.certificateArn;
      if (props.standInWorkloadCertificate) {
        const standIn = new AcmCertificate(this, 'workload-emulator-certificate', { domainName: `${workload.name}.${env.name}.example.com`, validationMethod: 'DNS' });
        reportOptOut(standIn, {
          id: 'stacks.workload.stand-in-certificate',
          message: `the workload listener uses a stand-in certificate for ${workload.name}.${env.name}.example.com instead of the configured certificate`,
        });
        certificateArn = standIn.arn;
      }
      // The workload baseline: hardened service behind the HTTPS load balancer, in this network,
      // with the environment's keys. With a database, the task role gets IAM database
      // authentication as user `app` (grantConnect) and the container the endpoint, port and
      // user as plain variables: no password is passed. The user `app` itself is created by a
      // schema migration outside Terraform (postgres: CREATE USER app; GRANT rds_iam TO app;).
      this.workload = new EnvironmentWorkload(this, 'workload', {
        names: this.names,
        accountId: this.context.accountId,
        region: this.context.region,
        production: env.production,
        workload: { ...workload, certificateArn },
        network: vpc,
        securityGroups: sgs,
        logsKey: this.keys.key('logs'),
        retention: this.retention,
        secretsKey: this.keys.key('secrets'),
        dataKey: workload.database ? this.keys.key(workload.dataClass) : undefined,
        imageKey: this.keys.key(workload.dataClass),
        // The GitHub deploy role may push to the workload's repository, and to no other.
        imagePushRoles: this.githubDeployRole ? [this.githubDeployRole] : [],
      });
    }

    // AWS Backup: one plan per data class the environment uses; the restore test restores the workload database.
    this.backup = new EnvironmentBackup(this, 'backup', {
      names: this.names,
      accountId: this.context.accountId,
      region: this.context.region,
      partition: this.context.partition,
      production: env.production,
      config: resolveBackupConfig(env),
      keys: this.keys,
      dataClasses: [...new Set([env.defaultDataClass, ...(workload ? [workload.dataClass] : [])])],
      database: this.workload?.database,
      dbSecurityGroupId: sgs.dbSecurityGroupId,
      emulator: props.backupWithoutSelections ?? false,
    });

    if (reportDetectionOff(this, props.withoutAccountDetection)) return;
    // EBS default encryption takes the first of the environment's own data keys.
    const ebsPurpose = (['confidential', 'internal', 'pii', 'financial', 'health', 'restricted'] as const).find((p) => this.keys.purposes.includes(p));
    this.detection = new AccountDetection(this, 'detection', {
      names: this.names,
      alertTopic: this.alertTopic,
      ebsKey: ebsPurpose ? this.keys.key(ebsPurpose) : undefined,
      securityContact: props.securityContact,
      configDelivery: props.archive ? { bucketName: props.archive.deliveryBucketName, keyArn: logArchiveKeyArn(this, props.archive) } : undefined,
    });
  }

  /**
   * The synth-time fixed-cost line: the network (NAT, endpoints, public IPv4) and the web ACL
   * with its rules.
   */
  public fixedCostLine(name: string): string {
    const acl = this.workload?.webAcl;
    return `${formatNetworkCost(name, this.network.costEstimate)}${acl ? `; WAF fixed cost ${formatWafCost(acl.costEstimate)}/month` : ''}`;
  }
}
