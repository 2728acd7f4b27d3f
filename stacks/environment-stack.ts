import { TerraformOutput } from 'cdktf';
import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { Construct } from 'constructs';
import { GithubOidcDeployRole } from '@rampart/identity';
import { NetworkBaseline } from '@rampart/network';
import { resolveNetworkConfig } from '../src/config/network';
import { Deployment, EnvironmentConfig, GithubConfig } from '../src/config/types';
import { addGithubDeployRole } from './github-deploy';
import { DEFAULT_KEY_PURPOSES, DataClassKeys } from '@rampart/encryption';
import { RetentionPolicy } from '@rampart/logging';
import { AlertTopic, VpcDeletionAlarm, alarmPublishKeyStatement, eventRulePublishKeyStatement } from '@rampart/monitoring';
import { ManagedSecret, SecretValue } from '@rampart/secrets';
import { resolveWorkloadConfig } from '../src/config/workload';
import { EnvironmentWorkload } from './environment-workload';
import { RampartStack } from './rampart-stack';

/** Properties of one environment stack. */
export interface EnvironmentStackProps {
  readonly prefix: string;
  readonly deployment?: Deployment;
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

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    const env = props.environment;
    super(scope, id, {
      prefix: props.prefix,
      deployment: props.deployment,
      target: env,
      allowedRegions: env.allowedRegions,
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
    // A workload database needs the key of its data class; the default set covers the sensitive classes only.
    const extraKey = workload?.database && !DEFAULT_KEY_PURPOSES.includes(workload.dataClass) ? [workload.dataClass] : [];
    if (props.github) this.githubDeployRole = addGithubDeployRole(this, this.names, env, props.github);
    this.keys = new DataClassKeys(this, 'keys', {
      names: this.names,
      adminRoleArn: env.keyAdminRoleArn ?? env.deployRoleArn,
      accountId: env.accountId,
      region: env.region,
      partition: env.deployRoleArn.split(':')[1],
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
    const logsKey = this.keys.key('logs');
    // The alert topic is encrypted with the logs key; CloudWatch alarms and the VPC-deletion
    // EventBridge rule (which publishes to the topic) must be able to use it.
    logsKey.addToKeyPolicy(alarmPublishKeyStatement(logsKey.context.accountId));
    logsKey.addToKeyPolicy(eventRulePublishKeyStatement(logsKey.context.accountId));
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
      // On the local emulator the configured certificate does not exist (the listener would be
      // refused with CertificateNotFound): the local target requests a stand-in certificate there.
      const certificateArn =
        this.deployment.kind === 'local'
          ? new AcmCertificate(this, 'workload-emulator-certificate', { domainName: `${workload.name}.${env.name}.example.com`, validationMethod: 'DNS' }).arn
          : workload.certificateArn;
      // The workload baseline: hardened service behind the HTTPS load balancer, in this network,
      // with the environment's keys. With a database, the task role gets IAM database
      // authentication as user `app` (grantConnect) and the container the endpoint, port and
      // user as plain variables: no password is passed. The user `app` itself is created by a
      // schema migration outside Terraform (postgres: CREATE USER app; GRANT rds_iam TO app;).
      this.workload = new EnvironmentWorkload(this, 'workload', {
        names: this.names,
        accountId: env.accountId,
        production: env.production,
        workload: { ...workload, certificateArn },
        network: vpc,
        securityGroups: sgs,
        logsKey: this.keys.key('logs'),
        retention: this.retention,
        secretsKey: this.keys.key('secrets'),
        dataKey: workload.database ? this.keys.key(workload.dataClass) : undefined,
      });
    }
  }
}
