import { validateAlertSubscription } from '@rampart/monitoring';
import {
  DATA_CLASSES,
  ValidationIssue,
  cidrsOverlap,
  parseCidr,
  validateAccountId,
  validateCidr,
  validateIntegerRange,
  validateName,
  validateOneOf,
  validateRegion,
  validateRoleArn,
  validateS3BucketName,
} from '@rampart/core';
import { validateBreakGlassRolePattern, validateScpTargetId } from '@rampart/guardrails';
import { validateGithubOwner, validateGithubRefName, validateGithubRepository, validateIamAction } from '@rampart/identity';
import { validateNetworkConfig } from './network';
import { validateWorkloadConfig } from './workload';

/**
 * Checks a whole configuration and returns every problem found, one issue per bad field.
 * Never throws; `loadConfig` turns a non-empty result into one error.
 */
export function validateConfig(raw: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const push = (i: ValidationIssue | undefined): void => {
    if (i) issues.push(i);
  };
  if (!isRecord(raw)) return [{ code: 'TYPE', path: '(config)', value: raw, rule: 'must be an object' }];

  unknownFields('', raw, ['prefix', 'platform', 'org', 'bootstrap', 'github', 'environments', 'state', 'permissionBoundary'], push);
  const prefixIssue = validateName('prefix', raw.prefix, { minLength: 2, maxLength: 12 });
  push(prefixIssue);
  if (!isRecord(raw.platform)) push({ code: 'REQUIRED', path: 'platform', value: raw.platform, rule: 'must be an object with owner, costCenter and compliance tags' });
  else {
    const platform = raw.platform;
    unknownFields('platform', platform, ['owner', 'costCenter', 'compliance'], push);
    for (const tag of ['owner', 'costCenter', 'compliance'] as const) push(tagValue(`platform.${tag}`, platform[tag]));
  }

  // org
  const org = raw.org;
  if (!isRecord(org)) push({ code: 'REQUIRED', path: 'org', value: org, rule: 'must be an object describing the organisation management account' });
  else {
    unknownFields('org', org, ORG_FIELDS, push);
    const allowed = regionList('org.allowedRegions', org.allowedRegions, push);
    accountTarget('org', org, allowed, push);
    auditLogging('org.logging', org.logging, push);
    monitoring('org.monitoring', org.monitoring, push);
    keyAdminRole('org', org, push);
    if (org.manageOrganization !== undefined && typeof org.manageOrganization !== 'boolean') {
      push({ code: 'TYPE', path: 'org.manageOrganization', value: org.manageOrganization, rule: 'must be true or false' });
    }
    guardrails(org.guardrails, push);
  }

  // github
  const github = raw.github;
  if (!isRecord(github)) push({ code: 'REQUIRED', path: 'github', value: github, rule: 'must be an object with the owner and repository whose workflows deploy' });
  else {
    unknownFields('github', github, ['owner', 'repository'], push);
    push(validateGithubOwner('github.owner', github.owner));
    push(validateGithubRepository('github.repository', github.repository));
  }

  // bootstrap
  const boot = raw.bootstrap;
  if (!isRecord(boot)) push({ code: 'REQUIRED', path: 'bootstrap', value: boot, rule: 'must be an object describing the state account' });
  else {
    unknownFields('bootstrap', boot, BOOTSTRAP_FIELDS, push);
    accountTarget('bootstrap', boot, undefined, push);
    if (boot.stateBucketName !== undefined) push(validateS3BucketName('bootstrap.stateBucketName', boot.stateBucketName));
    else if (!prefixIssue && typeof boot.accountId === 'string') {
      push(validateS3BucketName('bootstrap.stateBucketName (derived from prefix)', `${raw.prefix}-tfstate-${boot.accountId}`));
    }
    if (boot.lockTableName !== undefined && (typeof boot.lockTableName !== 'string' || !/^[a-zA-Z0-9_.-]{3,255}$/.test(boot.lockTableName))) {
      push({ code: 'NAME_FORMAT', path: 'bootstrap.lockTableName', value: boot.lockTableName, rule: 'DynamoDB table names are 3-255 characters of letters, digits, "_", "-" and "."' });
    }
    if (boot.noncurrentVersionExpirationDays !== undefined) {
      push(validateIntegerRange('bootstrap.noncurrentVersionExpirationDays', boot.noncurrentVersionExpirationDays, 1, 3650));
    }
    if (boot.stateRoleArn !== undefined) {
      const issue = validateRoleArn('bootstrap.stateRoleArn', boot.stateRoleArn);
      push(issue);
      if (!issue && typeof boot.accountId === 'string' && (boot.stateRoleArn as string).split(':')[4] !== boot.accountId) {
        push({ code: 'ACCOUNT_MISMATCH', path: 'bootstrap.stateRoleArn', value: boot.stateRoleArn, rule: `must be a role in the state account ${boot.accountId}` });
      }
    }
    if (boot.remoteState !== undefined && typeof boot.remoteState !== 'boolean') {
      push({ code: 'TYPE', path: 'bootstrap.remoteState', value: boot.remoteState, rule: 'must be true or false' });
    }
  }

  if (raw.state !== undefined) stateSection(raw.state, push);
  if (raw.permissionBoundary !== undefined) permissionBoundarySection(raw.permissionBoundary, push);

  // environments
  const envs = raw.environments;
  if (!Array.isArray(envs) || envs.length === 0) {
    push({ code: 'REQUIRED', path: 'environments', value: envs, rule: 'must be a non-empty list of environments' });
    return issues;
  }
  const seenNames = new Map<string, number>();
  // One account per environment: each environment stack creates the account's GitHub OIDC
  // provider (one per URL per account) and its permission boundary policy (one per name).
  const seenAccounts = new Map<string, string>();
  const cidrs: Array<{ path: string; value: string }> = [];
  envs.forEach((env, index) => {
    const base = `environments[${index}]`;
    if (!isRecord(env)) {
      push({ code: 'TYPE', path: base, value: env, rule: 'must be an object' });
      return;
    }
    const nameIssue = validateName(`${base}.name`, env.name, { maxLength: 16 });
    push(nameIssue);
    const p = nameIssue || typeof env.name !== 'string' ? base : `environments.${env.name}`;
    unknownFields(p, env, ENVIRONMENT_FIELDS, push);
    if (!nameIssue && typeof env.name === 'string') {
      if (seenNames.has(env.name)) {
        push({ code: 'DUPLICATE', path: `${p}.name`, value: env.name, rule: `environment names must be unique (also used by environments[${seenNames.get(env.name)}])` });
      } else seenNames.set(env.name, index);
      if (['bootstrap', 'org'].includes(env.name)) {
        push({ code: 'DUPLICATE', path: `${p}.name`, value: env.name, rule: 'must not reuse the reserved stack names bootstrap and org' });
      }
    }
    if (typeof env.production !== 'boolean') push({ code: 'TYPE', path: `${p}.production`, value: env.production, rule: 'must be true or false' });
    const allowed = regionList(`${p}.allowedRegions`, env.allowedRegions, push);
    accountTarget(p, env, allowed, push);
    if (typeof env.accountId === 'string' && !validateAccountId(`${p}.accountId`, env.accountId)) {
      const other = seenAccounts.get(env.accountId);
      if (other !== undefined) {
        push({ code: 'DUPLICATE', path: `${p}.accountId`, value: env.accountId, rule: `each environment needs its own account (also used by ${other})` });
      } else seenAccounts.set(env.accountId, p);
    }
    const cidrIssue = validateCidr(`${p}.vpcCidr`, env.vpcCidr, { minMask: 16, maxMask: 24 });
    push(cidrIssue);
    if (!cidrIssue && typeof env.vpcCidr === 'string') cidrs.push({ path: `${p}.vpcCidr`, value: env.vpcCidr });
    push(validateIntegerRange(`${p}.azCount`, env.azCount, 2, 6));
    for (const tag of ['owner', 'costCenter', 'compliance'] as const) push(tagValue(`${p}.${tag}`, env[tag]));
    push(validateOneOf(`${p}.defaultDataClass`, env.defaultDataClass, DATA_CLASSES));
    monitoring(`${p}.monitoring`, env.monitoring, push);
    if (env.githubEnvironment !== undefined) push(validateGithubRefName(`${p}.githubEnvironment`, env.githubEnvironment, 'environment'));
    keyAdminRole(p, env, push);
    validateNetworkConfig(p, env, push);
    validateWorkloadConfig(p, env, push, prefixIssue ? undefined : raw.prefix);
  });

  for (let i = 0; i < cidrs.length; i++) {
    for (let j = 0; j < i; j++) {
      if (cidrsOverlap(parseCidr(cidrs[i].value)!, parseCidr(cidrs[j].value)!)) {
        push({ code: 'CIDR_OVERLAP', path: cidrs[i].path, value: cidrs[i].value, rule: `must not overlap ${cidrs[j].path} (${cidrs[j].value})` });
      }
    }
  }
  return issues;
}

/** Fields the bootstrap section may hold. */
export const BOOTSTRAP_FIELDS: string[] = [
  'accountId', 'region', 'deployRoleArn', 'stateBucketName', 'lockTableName', 'noncurrentVersionExpirationDays', 'stateRoleArn', 'remoteState',
];

/** Fields the org section may hold. Module sections add themselves here. */
export const ORG_FIELDS: string[] = ['accountId', 'region', 'deployRoleArn', 'allowedRegions', 'manageOrganization', 'guardrails', 'keyAdminRoleArn', 'logging', 'monitoring'];

/** Fields an environment entry may hold. Module sections add themselves here. */
export const ENVIRONMENT_FIELDS: string[] = [
  'name', 'production', 'accountId', 'region', 'deployRoleArn', 'allowedRegions', 'vpcCidr', 'azCount',
  'owner', 'costCenter', 'compliance', 'defaultDataClass', 'githubEnvironment', 'keyAdminRoleArn', 'monitoring',
  'network',
  'workload',
];

type Push = (i: ValidationIssue | undefined) => void;

function guardrails(value: unknown, push: Push): void {
  const base = 'org.guardrails';
  if (!isRecord(value)) {
    push({ code: 'REQUIRED', path: base, value, rule: 'must be an object with targetIds and breakGlassRolePattern' });
    return;
  }
  unknownFields(base, value, ['targetIds', 'breakGlassRolePattern', 'mfaProtectedActions'], push);
  if (!Array.isArray(value.targetIds) || value.targetIds.length === 0) {
    push({ code: 'REQUIRED', path: `${base}.targetIds`, value: value.targetIds, rule: 'must be a non-empty list of root, OU or account ids' });
  } else {
    const seen = new Set<unknown>();
    value.targetIds.forEach((t, i) => {
      push(validateScpTargetId(`${base}.targetIds[${i}]`, t, true));
      if (seen.has(t)) push({ code: 'DUPLICATE', path: `${base}.targetIds[${i}]`, value: t, rule: 'each target may be listed once' });
      seen.add(t);
    });
  }
  push(validateBreakGlassRolePattern(`${base}.breakGlassRolePattern`, value.breakGlassRolePattern));
  if (value.mfaProtectedActions !== undefined) {
    if (!Array.isArray(value.mfaProtectedActions) || value.mfaProtectedActions.length === 0) {
      push({ code: 'REQUIRED', path: `${base}.mfaProtectedActions`, value: value.mfaProtectedActions, rule: 'when given, must be a non-empty list of IAM actions' });
    } else value.mfaProtectedActions.forEach((a, i) => push(validateIamAction(`${base}.mfaProtectedActions[${i}]`, a)));
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknownFields(base: string, obj: Record<string, unknown>, known: readonly string[], push: Push): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) push({ code: 'UNKNOWN_FIELD', path: base ? `${base}.${key}` : key, value: obj[key], rule: `is not a known field (known: ${known.join(', ')})` });
  }
}

function regionList(path: string, value: unknown, push: Push): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    push({ code: 'REQUIRED', path, value, rule: 'must be a non-empty list of AWS regions' });
    return undefined;
  }
  const good: string[] = [];
  value.forEach((r, i) => {
    const issue = validateRegion(`${path}[${i}]`, r);
    push(issue);
    if (!issue) good.push(r as string);
  });
  return good;
}

function accountTarget(base: string, obj: Record<string, unknown>, allowedRegions: string[] | undefined, push: Push): void {
  const accountIssue = validateAccountId(`${base}.accountId`, obj.accountId);
  push(accountIssue);
  push(validateRegion(`${base}.region`, obj.region, allowedRegions));
  const arnIssue = validateRoleArn(`${base}.deployRoleArn`, obj.deployRoleArn);
  push(arnIssue);
  if (!accountIssue && !arnIssue && typeof obj.deployRoleArn === 'string' && obj.deployRoleArn.split(':')[4] !== obj.accountId) {
    push({ code: 'ACCOUNT_MISMATCH', path: `${base}.deployRoleArn`, value: obj.deployRoleArn, rule: `must be a role in account ${String(obj.accountId)}` });
  }
}

function stateSection(state: unknown, push: Push): void {
  if (!isRecord(state)) {
    push({ code: 'TYPE', path: 'state', value: state, rule: 'must be an object with backend "s3" or "cloud"' });
    return;
  }
  unknownFields('state', state, ['backend', 'cloud'], push);
  const backendIssue = state.backend === undefined ? undefined : validateOneOf('state.backend', state.backend, ['s3', 'cloud']);
  push(backendIssue);
  if (state.cloud === undefined) {
    if (state.backend === 'cloud') push({ code: 'REQUIRED', path: 'state.cloud', value: undefined, rule: 'is required when state.backend is "cloud" (at least the organization)' });
    return;
  }
  const cloud = state.cloud;
  if (!isRecord(cloud)) {
    push({ code: 'TYPE', path: 'state.cloud', value: cloud, rule: 'must be an object with organization, and optionally hostname and project' });
    return;
  }
  unknownFields('state.cloud', cloud, ['organization', 'hostname', 'project'], push);
  // HCP Terraform names: letters, digits, "-" and "_".
  if (typeof cloud.organization !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(cloud.organization)) {
    push({ code: 'NAME_FORMAT', path: 'state.cloud.organization', value: cloud.organization, rule: 'must be an HCP Terraform organisation name: letters, digits, "-" and "_"' });
  }
  if (cloud.hostname !== undefined && (typeof cloud.hostname !== 'string' || !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(cloud.hostname))) {
    push({ code: 'NAME_FORMAT', path: 'state.cloud.hostname', value: cloud.hostname, rule: 'must be a DNS host name such as app.terraform.io (no scheme, no path)' });
  }
  if (cloud.project !== undefined && (typeof cloud.project !== 'string' || !/^[A-Za-z0-9 _-]{3,40}$/.test(cloud.project))) {
    push({ code: 'NAME_FORMAT', path: 'state.cloud.project', value: cloud.project, rule: 'must be 3-40 characters of letters, digits, spaces, "-" and "_"' });
  }
}

/** `permissionBoundary`: the service prefixes the boundary allows. */
function permissionBoundarySection(value: unknown, push: Push): void {
  if (!isRecord(value)) {
    push({ code: 'TYPE', path: 'permissionBoundary', value, rule: 'must be an object { allowedServices? }' });
    return;
  }
  unknownFields('permissionBoundary', value, ['allowedServices'], push);
  const services = value.allowedServices;
  if (services === undefined) return;
  if (!Array.isArray(services) || services.length === 0) {
    push({ code: 'REQUIRED', path: 'permissionBoundary.allowedServices', value: services, rule: 'when given, must be a non-empty list of IAM service prefixes' });
    return;
  }
  services.forEach((s, i) => {
    if (typeof s !== 'string' || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(s)) {
      push({ code: 'NAME_FORMAT', path: `permissionBoundary.allowedServices[${i}]`, value: s, rule: 'must be an IAM service prefix such as ec2 or rds-db' });
    } else if (services.indexOf(s) !== i) {
      push({ code: 'DUPLICATE', path: `permissionBoundary.allowedServices[${i}]`, value: s, rule: 'each service prefix may be listed once' });
    }
  });
}

/** `org.logging`: Object Lock overrides and data events of the organisation trail. */
function auditLogging(path: string, value: unknown, push: Push): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    push({ code: 'TYPE', path, value, rule: 'must be an object { objectLockMode?, objectLockDays?, s3DataEvents? }' });
    return;
  }
  unknownFields(path, value, ['objectLockMode', 'objectLockDays', 's3DataEvents'], push);
  if (value.objectLockMode !== undefined) push(validateOneOf(`${path}.objectLockMode`, value.objectLockMode, ['GOVERNANCE', 'COMPLIANCE']));
  if (value.objectLockDays !== undefined) push(validateIntegerRange(`${path}.objectLockDays`, value.objectLockDays, 1, 2557));
  if (value.s3DataEvents !== undefined && typeof value.s3DataEvents !== 'boolean') {
    push({ code: 'TYPE', path: `${path}.s3DataEvents`, value: value.s3DataEvents, rule: 'must be true or false' });
  }
}

/**
 * `monitoring`: alert subscriptions (email or https). Every account's alert topic needs at least
 * one, so that its alarms notify someone.
 */
function monitoring(path: string, value: unknown, push: Push): void {
  if (value === undefined) {
    push({ code: 'REQUIRED', path: `${path}.alertSubscriptions`, value, rule: 'must list at least one alert subscription, or the account\'s alarms notify nobody' });
    return;
  }
  if (!isRecord(value)) {
    push({ code: 'TYPE', path, value, rule: 'must be an object { alertSubscriptions }' });
    return;
  }
  unknownFields(path, value, ['alertSubscriptions'], push);
  const subs = value.alertSubscriptions;
  if (!Array.isArray(subs)) {
    push({ code: 'TYPE', path: `${path}.alertSubscriptions`, value: subs, rule: 'must be a list of { protocol, endpoint }' });
    return;
  }
  if (subs.length === 0) {
    push({ code: 'REQUIRED', path: `${path}.alertSubscriptions`, value: subs, rule: 'must list at least one alert subscription, or the account\'s alarms notify nobody' });
    return;
  }
  subs.forEach((s, i) => {
    const p = `${path}.alertSubscriptions[${i}]`;
    if (isRecord(s)) unknownFields(p, s, ['protocol', 'endpoint'], push);
    validateAlertSubscription(p, s).forEach(push);
  });
}

/** Optional `keyAdminRoleArn`: a role ARN in the target's own account. */
function keyAdminRole(base: string, obj: Record<string, unknown>, push: Push): void {
  if (obj.keyAdminRoleArn === undefined) return;
  const issue = validateRoleArn(`${base}.keyAdminRoleArn`, obj.keyAdminRoleArn);
  push(issue);
  if (!issue && !validateAccountId('accountId', obj.accountId) && (obj.keyAdminRoleArn as string).split(':')[4] !== obj.accountId) {
    push({ code: 'ACCOUNT_MISMATCH', path: `${base}.keyAdminRoleArn`, value: obj.keyAdminRoleArn, rule: `must be a role in account ${String(obj.accountId)}` });
  }
}

function tagValue(path: string, value: unknown): ValidationIssue | undefined {
  if (typeof value !== 'string' || !/^[\p{L}\p{N} _.:/=+\-@]{1,256}$/u.test(value)) {
    return { code: 'TAG_VALUE', path, value, rule: 'must be 1-256 characters of letters, digits, spaces and _.:/=+-@' };
  }
  return undefined;
}
