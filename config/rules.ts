import * as ipaddr from 'ipaddr.js';
import {
  RampartValidationError,
  RampartValidationErrors,
  GATEWAY_ENDPOINT_SERVICES,
  DEFAULT_INTERFACE_ENDPOINTS,
  planSubnets,
  DATABASE_ENGINES,
  FARGATE_TASK_SIZES,
  isFargateTaskSize,
} from '@rampart/core';
import { ConfigProblem, Segments } from './issues';
import { isKnownRegion, regionPartition, regionZones } from './regions';
import { validateConfigBucketName } from './schema';
import { EnvironmentConfig, RampartConfig } from './types';

/** Names the app gives its shared stacks; an environment may not take them. */
const RESERVED_STACK_NAMES = ['bootstrap', 'org', 'log-archive', 'security'];

/**
 * Ranges a VPC may not use: AWS refuses or reserves them (link-local, loopback, multicast,
 * "this network", and the reserved class E block).
 */
export const RESERVED_VPC_RANGES: readonly string[] = ['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/4', '240.0.0.0/4'];

/**
 * Rules that compare fields. They run on a config whose every field already passed the schema, so
 * they read typed values; each problem names both fields.
 */
export function crossFieldProblems(c: RampartConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const add = (at: Segments, value: unknown, code: string, rule: string): void => void out.push({ code, at, value, rule });
  const overrides = c.regions;
  const orgAllowed = c.org.allowedRegions;

  const regionKnown = (at: Segments, region: string): boolean => {
    if (isKnownRegion(region, overrides)) return true;
    add(at, region, 'REGION_UNKNOWN', 'must be a known AWS region such as eu-central-1 (describe a newer region under regions.<name>)');
    return false;
  };
  c.org.allowedRegions.forEach((r, i) => regionKnown(['org', 'allowedRegions', i], r));

  /** Account, region and role checks shared by every stack's target. */
  /** Returns whether the target's region is usable (known and allowed). */
  const target = (base: Segments, t: { accountId: string; region: string; deployRoleArn: string; keyAdminRoleArn?: string }, ownAllowed?: readonly string[]): boolean => {
    if (!regionKnown([...base, 'region'], t.region)) return false;
    let usable = true;
    if (ownAllowed && !ownAllowed.includes(t.region)) {
      add([...base, 'region'], t.region, 'REGION_NOT_ALLOWED', `must be one of ${label(base, c)}.allowedRegions [${ownAllowed.join(', ')}]`);
      usable = false;
    } else if (!orgAllowed.includes(t.region)) {
      add([...base, 'region'], t.region, 'REGION_NOT_ALLOWED', `must be one of org.allowedRegions [${orgAllowed.join(', ')}]: the region SCP would lock this stack out of its own region`);
      usable = false;
    }
    const partition = regionPartition(t.region, overrides);
    const roles: Array<[string, string | undefined]> = [
      ['deployRoleArn', t.deployRoleArn],
      ['keyAdminRoleArn', t.keyAdminRoleArn],
    ];
    for (const [field, arn] of roles) {
      if (arn === undefined) continue;
      const parts = arn.split(':');
      if (parts[4] !== t.accountId) add([...base, field], arn, 'ACCOUNT_MISMATCH', `must be a role in ${label(base, c)}.accountId ${t.accountId}`);
      if (parts[1] !== partition) add([...base, field], arn, 'PARTITION_MISMATCH', `must be in partition ${partition}, the partition of ${label(base, c)}.region ${t.region}`);
    }
    return usable;
  };

  target(['org'], c.org);
  const breakGlassPartition = c.org.guardrails.breakGlassRolePattern.split(':')[1];
  if (breakGlassPartition !== '*' && isKnownRegion(c.org.region, overrides) && breakGlassPartition !== regionPartition(c.org.region, overrides)) {
    add(
      ['org', 'guardrails', 'breakGlassRolePattern'],
      c.org.guardrails.breakGlassRolePattern,
      'PARTITION_MISMATCH',
      `must be in partition ${regionPartition(c.org.region, overrides)}, the partition of org.region ${c.org.region}`,
    );
  }

  // log-archive and security accounts
  const separate = c.accounts?.separateLogArchiveAndSecurity ?? true;
  const shared: Array<[Segments, string]> = [[['org', 'accountId'], c.org.accountId]];
  for (const section of ['logArchive', 'security'] as const) {
    const t = c[section];
    if (!separate) {
      if (t !== undefined) add([section], section, 'CONFLICT', 'must be left out when accounts.separateLogArchiveAndSecurity is false');
      continue;
    }
    if (t === undefined) {
      add([section], undefined, 'REQUIRED', 'is required: audit records and detection live in their own accounts (or set accounts.separateLogArchiveAndSecurity to false with a reason)');
      continue;
    }
    target([section], t);
    const clash = shared.find(([, id]) => id === t.accountId);
    if (clash) add([section, 'accountId'], t.accountId, 'DUPLICATE', `must be its own account, not ${clash[0].join('.')} (${t.accountId})`);
    shared.push([[section, 'accountId'], t.accountId]);
  }
  if (separate && c.accounts?.reason !== undefined) add(['accounts', 'reason'], c.accounts.reason, 'CONFLICT', 'is only for the opt-out (accounts.separateLogArchiveAndSecurity false)');
  if (!separate && c.accounts?.reason === undefined) add(['accounts', 'reason'], undefined, 'REASON_REQUIRED', 'the opt-out accounts.separateLogArchiveAndSecurity false needs a reason');

  // bootstrap
  const boot = c.bootstrap;
  target(['bootstrap'], boot);
  if (boot.stateRoleArn !== undefined) {
    const parts = boot.stateRoleArn.split(':');
    if (parts[4] !== boot.accountId) add(['bootstrap', 'stateRoleArn'], boot.stateRoleArn, 'ACCOUNT_MISMATCH', `must be a role in bootstrap.accountId ${boot.accountId} (the state account)`);
    else if (isKnownRegion(boot.region, overrides) && parts[1] !== regionPartition(boot.region, overrides)) {
      add(['bootstrap', 'stateRoleArn'], boot.stateRoleArn, 'PARTITION_MISMATCH', `must be in partition ${regionPartition(boot.region, overrides)}, the partition of bootstrap.region ${boot.region}`);
    }
  }
  if (boot.stateBucketName === undefined) {
    const derived = `${c.prefix}-tfstate-${boot.accountId}`;
    const issue = validateConfigBucketName('', derived);
    if (issue) add(['bootstrap', 'stateBucketName'], derived, issue.code, `derived from prefix: ${issue.rule}; set bootstrap.stateBucketName or change prefix`);
  }
  if (c.state?.backend === 'cloud' && c.state.cloud === undefined) {
    add(['state', 'cloud'], undefined, 'REQUIRED', 'is required when state.backend is "cloud" (at least the organization)');
  }

  // environments
  const names = new Map<string, number>();
  const accounts = new Map<string, number>();
  c.environments.forEach((env, i) => {
    const base: Segments = ['environments', i];
    if (names.has(env.name)) add([...base, 'name'], env.name, 'DUPLICATE', `environment names must be unique (also used by environments[${names.get(env.name)}])`);
    else names.set(env.name, i);
    if (RESERVED_STACK_NAMES.includes(env.name)) add([...base, 'name'], env.name, 'DUPLICATE', 'must not reuse the reserved stack names bootstrap, org, log-archive and security');
    if (env.name in Object.prototype) add([...base, 'name'], env.name, 'RESERVED_NAME', 'must not be the name of a built-in object property');
    if (accounts.has(env.accountId))
      add([...base, 'accountId'], env.accountId, 'DUPLICATE', `each environment needs its own account (also used by ${label(['environments', accounts.get(env.accountId)!], c)})`);
    else accounts.set(env.accountId, i);
    const dedicated = (['logArchive', 'security'] as const).find((k) => separate && c[k]?.accountId === env.accountId);
    if (dedicated) add([...base, 'accountId'], env.accountId, 'DUPLICATE', `must not be ${dedicated}.accountId: that account holds only audit records or detection`);
    if (env.accountId === c.org.accountId) {
      add([...base, 'accountId'], env.accountId, 'MANAGEMENT_ACCOUNT', 'must not be org.accountId: service control policies do not apply to the management account');
    }
    env.allowedRegions.forEach((r, j) => regionKnown([...base, 'allowedRegions', j], r));
    const regionUsable = target(base, env, env.allowedRegions);
    environmentNetwork(c, env, base, add);
    // The certificate is compared with the region only when the region itself is fine (else that is the one problem).
    if (regionUsable) environmentWorkload(c, env, base, add);
    environmentBackup(env, base, add);
  });

  // VPC CIDRs against each other and against every environment's deny list
  c.environments.forEach((env, i) => {
    c.environments.forEach((other, j) => {
      if (j < i && overlaps(env.vpcCidr, other.vpcCidr)) {
        add(['environments', i, 'vpcCidr'], env.vpcCidr, 'CIDR_OVERLAP', `must not overlap ${label(['environments', j], c)}.vpcCidr (${other.vpcCidr})`);
      }
      (other.network?.denyCidrs ?? []).forEach((deny, k) => {
        if (overlaps(env.vpcCidr, deny)) {
          add(
            ['environments', i, 'vpcCidr'],
            env.vpcCidr,
            'CIDR_OVERLAP',
            `must not overlap ${label(['environments', j], c)}.network.denyCidrs[${k}] (${deny}): the network ACLs would cut the VPC off`,
          );
        }
      });
    });
  });
  return out;
}

function environmentNetwork(c: RampartConfig, env: EnvironmentConfig, base: Segments, add: (at: Segments, value: unknown, code: string, rule: string) => void): void {
  const n = env.network ?? {};
  const net: Segments = [...base, 'network'];
  const reserved = RESERVED_VPC_RANGES.find((r) => overlaps(env.vpcCidr, r));
  if (reserved) add([...base, 'vpcCidr'], env.vpcCidr, 'CIDR_RESERVED', `must not lie in ${reserved}, a range AWS refuses or reserves for VPCs`);
  (n.vpnCidrs ?? []).forEach((vpn, k) => {
    if (overlaps(env.vpcCidr, vpn))
      add([...base, 'vpcCidr'], env.vpcCidr, 'CIDR_OVERLAP', `must not overlap network.vpnCidrs[${k}] (${vpn}): the VPN-only management source would include the VPC's own subnets`);
  });
  const zones = isKnownRegion(env.region, c.regions) ? regionZones(env.region, c.regions) : undefined;
  if (zones !== undefined && env.azCount > zones) {
    add([...base, 'azCount'], env.azCount, 'AZ_COUNT', `must not exceed the ${zones} zones of region ${env.region} (describe a region's zones under regions.<name>)`);
  } else if (!reserved) {
    try {
      planSubnets({ vpcCidr: env.vpcCidr, azCount: env.azCount, path: '' });
    } catch (e) {
      const issues = e instanceof RampartValidationError ? [e.issue] : e instanceof RampartValidationErrors ? e.issues : undefined;
      if (!issues) throw e;
      for (const issue of issues) add([...base, ...issue.path.split('.').filter(Boolean)], issue.value, issue.code, issue.rule);
    }
  }
  const natMode = n.natMode ?? (env.production ? 'per-az' : 'single');
  const mgmtEgress = n.managementHttpsEgressCidrs ?? [];
  if (n.managementNat === true && natMode === 'none') add([...net, 'managementNat'], true, 'NAT_REQUIRED', 'needs natMode "single" or "per-az"');
  else if (n.managementNat === true && mgmtEgress.length === 0) {
    add([...net, 'managementNat'], true, 'NAT_UNUSED', 'the management group reaches nothing beyond the VPC without managementHttpsEgressCidrs; list them or leave managementNat off');
  }
  if (mgmtEgress.length > 0 && n.managementNat !== true)
    add([...net, 'managementHttpsEgressCidrs'], n.managementHttpsEgressCidrs, 'NAT_REQUIRED', 'destinations beyond the VPC need managementNat: true');
  if ((n.appHttpsEgressCidrs ?? []).length > 0 && natMode === 'none') {
    add([...net, 'appHttpsEgressCidrs'], n.appHttpsEgressCidrs, 'NAT_REQUIRED', 'destinations beyond the VPC need network.natMode "single" or "per-az" (natMode is "none")');
  }
  if (n.availabilityZones) {
    n.availabilityZones.forEach((z, k) => {
      if (!z.startsWith(env.region) || !/^[a-z]$/.test(z.slice(env.region.length))) add([...net, 'availabilityZones', k], z, 'AZ_REGION', `must be a zone of the environment's region ${env.region}`);
    });
    if (n.availabilityZones.length !== env.azCount) add([...net, 'availabilityZones'], n.availabilityZones, 'COUNT_MISMATCH', `must list exactly azCount (${env.azCount}) zones`);
  }
  const services = [...(n.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS), ...GATEWAY_ENDPOINT_SERVICES];
  for (const service of Object.keys(n.endpointPolicies ?? {})) {
    if (!services.includes(service))
      add([...net, 'endpointPolicies', service], service, 'UNKNOWN_FIELD', `names no endpoint of this environment (network.interfaceEndpoints and s3, dynamodb: ${services.join(', ')})`);
  }
  if ((n.appPort ?? 8080) === (n.dbPort ?? 5432)) add([...net, 'dbPort'], n.dbPort ?? 5432, 'CONFLICT', 'must differ from network.appPort');
}

function environmentBackup(env: EnvironmentConfig, base: Segments, add: (at: Segments, value: unknown, code: string, rule: string) => void): void {
  const b = env.backup;
  if (!b) return;
  const at: Segments = [...base, 'backup'];
  if (env.production && b.lockMode !== undefined && b.lockMode !== 'compliance') {
    add([...at, 'lockMode'], b.lockMode, 'INSECURE', "must be compliance when the environment's production is true");
  }
  const min = b.minRetentionDays ?? 7;
  if (b.maxRetentionDays !== undefined && b.maxRetentionDays < min) add([...at, 'maxRetentionDays'], b.maxRetentionDays, 'OUT_OF_RANGE', `must be at least backup.minRetentionDays (${min})`);
  if (b.copyToVaultArn !== undefined) {
    const [, , , region, account] = b.copyToVaultArn.split(':');
    if (account === env.accountId && region === env.region) {
      add([...at, 'copyToVaultArn'], b.copyToVaultArn, 'COPY_TARGET', `must be a vault in another account or region than the environment's accountId ${env.accountId} and region ${env.region}`);
    }
  }
}

function environmentWorkload(c: RampartConfig, env: EnvironmentConfig, base: Segments, add: (at: Segments, value: unknown, code: string, rule: string) => void): void {
  const w = env.workload;
  if (!w) return;
  const wl: Segments = [...base, 'workload'];
  const n = env.network ?? {};
  const name32 = `${c.prefix}-${env.name}-${w.name ?? 'app'}`;
  const bucket = `${name32}-alb-logs-${env.accountId}`;
  if (name32.length > 32 || bucket.length > 63) {
    add(
      [...wl, 'name'],
      w.name ?? 'app',
      'NAME_LENGTH',
      `with prefix and environment name makes the load balancer name ${name32} (${name32.length}/32) or the log bucket ${bucket} (${bucket.length}/63) too long: choose a shorter workload name`,
    );
  } else {
    const issue = validateConfigBucketName('', bucket);
    if (issue) add([...wl, 'name'], w.name ?? 'app', issue.code, `makes the log bucket name ${bucket} invalid: ${issue.rule}`);
  }
  if (n.appPort !== undefined && n.appPort < 1024) {
    add([...base, 'network', 'appPort'], n.appPort, 'PORT_MISMATCH', 'must be 1024 or above when the environment has a workload: its container runs as a non-root user without capabilities');
  }
  const cpu = w.cpu ?? 256;
  const memory = w.memoryMiB ?? 512;
  if (!isFargateTaskSize(cpu, memory)) {
    const s = FARGATE_TASK_SIZES[cpu];
    add([...wl, 'memoryMiB'], memory, 'FARGATE_SIZE', `with workload.cpu ${cpu} Fargate allows ${s.extra ? `${s.extra.join(', ')} or ` : ''}${s.min}-${s.max} MiB in steps of ${s.step}`);
  }
  const [, partition, , certRegion, certAccount] = w.certificateArn.split(':');
  if (certAccount !== env.accountId || certRegion !== env.region) {
    add([...wl, 'certificateArn'], w.certificateArn, 'ACCOUNT_MISMATCH', `must be a certificate in the environment's accountId ${env.accountId} and region ${env.region}`);
  } else if (isKnownRegion(env.region, c.regions) && partition !== regionPartition(env.region, c.regions)) {
    add([...wl, 'certificateArn'], w.certificateArn, 'PARTITION_MISMATCH', `must be in partition ${regionPartition(env.region, c.regions)}, the partition of region ${env.region}`);
  }
  const repoRef = `${env.accountId}.dkr.ecr.${env.region}.amazonaws.com/${name32}@`;
  if (w.allowExternalImage === undefined && !/^sha256:[0-9a-f]{64}$/.test(w.image.startsWith(repoRef) ? w.image.slice(repoRef.length) : w.image)) {
    add(
      [...wl, 'image'],
      w.image,
      'IMAGE_NOT_FROM_REPOSITORY',
      `must be a digest (sha256:...) of the workload's ECR repository, or ${repoRef}sha256:...; another registry needs workload.allowExternalImage with a reason`,
    );
  }
  const db = w.database;
  if (!db) return;
  const dbAt: Segments = [...wl, 'database'];
  const engine = db.engine ?? 'postgres';
  const spec = DATABASE_ENGINES[engine];
  const dbPort = n.dbPort ?? 5432;
  if (dbPort !== spec.port) add([...dbAt, 'engine'], engine, 'PORT_MISMATCH', `listens on ${spec.port}, but network.dbPort (the port the db security group admits) is ${dbPort}`);
  if (db.engineVersion !== undefined && !spec.versionPattern.test(db.engineVersion)) {
    add([...dbAt, 'engineVersion'], db.engineVersion, 'ENGINE_VERSION', `must be a supported ${engine} version (e.g. ${spec.defaultVersion})`);
  }
  const allocated = db.allocatedStorageGiB ?? 20;
  if (db.maxAllocatedStorageGiB !== undefined && db.maxAllocatedStorageGiB <= allocated) {
    add(
      [...dbAt, 'maxAllocatedStorageGiB'],
      db.maxAllocatedStorageGiB,
      'STORAGE_CEILING',
      `must be greater than database.allocatedStorageGiB (${allocated}): RDS rejects a storage-autoscaling ceiling that is not above the allocated storage`,
    );
  }
  if (db.backupRetentionDays !== undefined && env.production && db.backupRetentionDays < 30) {
    add([...dbAt, 'backupRetentionDays'], db.backupRetentionDays, 'BACKUP_RETENTION', "must be at least 30 days when the environment's production is true");
  }
}

/** True when two IPv4 CIDR blocks share an address. */
export function overlaps(a: string, b: string): boolean {
  const [aAddr, aLen] = ipaddr.IPv4.parseCIDR(a);
  const [bAddr, bLen] = ipaddr.IPv4.parseCIDR(b);
  return aLen <= bLen ? bAddr.match(aAddr, aLen) : aAddr.match(bAddr, bLen);
}

/** `environments.prod` or `org`: how a rule names another section. */
function label(at: Segments, c?: RampartConfig): string {
  if (at[0] === 'environments' && typeof at[1] === 'number') {
    const env = c?.environments[at[1]];
    return env ? `environments.${env.name}` : `environments[${at[1]}]`;
  }
  return at.join('.');
}
