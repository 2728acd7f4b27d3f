import { RampartValidationError, collectOptOuts } from '@rampart/core';
import {
  AlbAccessLogBucket,
  DEFAULT_TLS_POLICY,
  MODERN_TLS_POLICIES,
  ENCRYPTION_EXCEPTION_METADATA,
  HardenedCluster,
  HardenedService,
  HardenedServiceProps,
  HardenedTaskDefinition,
  HttpsLoadBalancer,
  HttpsLoadBalancerProps,
} from '@rampart/workloads';
import { errorOf, fixture, infos, only, synth, TestNetwork, warnings } from './fixtures';

const CERT = 'arn:aws:acm:eu-central-1:123456789012:certificate/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7';
const WEB_ACL = { webAclArn: 'arn:aws:wafv2:eu-central-1:123456789012:regional/webacl/shop/0e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7' };
const IMAGE = `public.ecr.aws/nginx/nginx@sha256:${'b'.repeat(64)}`;

function alb(overrides: Partial<HttpsLoadBalancerProps> = {}) {
  const f = fixture();
  const lb = new HttpsLoadBalancer(f.stack, 'alb', {
    name: 'shop-web',
    network: f.network,
    securityGroups: f.network,
    certificateArn: CERT,
    targetPort: 8080,
    accessLogBucketName: 'acme-test-alb-logs',
    webAcl: WEB_ACL,
    ...overrides,
  });
  return { ...f, lb };
}

function service(overrides: Partial<HardenedServiceProps> = {}, withLb = true) {
  const f = alb();
  const cluster = new HardenedCluster(f.stack, 'cluster', { name: 'shop' });
  const td = new HardenedTaskDefinition(f.stack, 'task', {
    family: 'shop-web',
    dataClass: 'internal',
    logsKey: f.keys.logs,
    containers: [{ name: 'web', image: IMAGE, containerPort: 8080 }],
  });
  const svc = new HardenedService(f.stack, 'svc', {
    name: 'shop-web',
    cluster: cluster.clusterArn,
    taskDefinition: td,
    network: f.network,
    securityGroups: f.network,
    ...(withLb ? { loadBalancer: f.lb.serviceTarget } : {}),
    ...overrides,
  });
  return { ...f, td, svc };
}

describe('HardenedService', () => {
  const { stack } = service();
  const json = synth(stack);
  const svc = only(json, 'aws_ecs_service');

  test('Fargate in the app subnets with the app security group only and no public IP', () => {
    expect(svc.launch_type).toBe('FARGATE');
    expect(svc.network_configuration.assign_public_ip).toBe(false);
    expect(svc.network_configuration.subnets).toHaveLength(2);
    for (const subnet of svc.network_configuration.subnets) expect(subnet).toMatch(/^\$\{aws_subnet\.network_app-/);
    expect(svc.network_configuration.security_groups).toEqual([expect.stringMatching(/^\$\{aws_security_group\.network_sg-app_/)]);
  });

  test('rolls back failed deployments, propagates tags, keeps ECS Exec off (no SSM Messages grant)', () => {
    expect((Object.values(json.resource!.aws_iam_role_policy) as any[]).map((p) => p.name)).toEqual(['task-start']);
    expect(svc.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(svc.propagate_tags).toBe('SERVICE');
    expect(svc.enable_ecs_managed_tags).toBe(true);
    expect(svc.enable_execute_command).toBe(false);
    const [c] = JSON.parse(only(json, 'aws_ecs_task_definition').container_definitions);
    expect(c.mountPoints.map((m: any) => m.containerPath)).not.toContain('/managed-agents');
    expect(svc.desired_count).toBe(2);
  });

  test('registers the port-mapped container with the target group after the HTTPS listener exists', () => {
    expect(svc.load_balancer).toEqual([{ container_name: 'web', container_port: 8080, target_group_arn: expect.stringMatching(/^\$\{aws_lb_target_group\./) }]);
    expect(svc.depends_on).toEqual([expect.stringMatching(/^aws_lb_listener\.alb_https_/)]);
    expect(svc.health_check_grace_period_seconds).toBe(60);
  });

  test('the cluster has Container Insights on', () => {
    expect(only(json, 'aws_ecs_cluster').setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    expect(only(json, 'aws_ecs_cluster').configuration).toBeUndefined();
  });

  test('a cluster key encrypts Fargate ephemeral storage', () => {
    const f = fixture();
    new HardenedCluster(f.stack, 'cluster', { name: 'shop', ephemeralStorageKey: f.keys.internal });
    expect(only(synth(f.stack), 'aws_ecs_cluster').configuration).toEqual({
      managed_storage_configuration: { fargate_ephemeral_storage_kms_key_id: '${aws_kms_key.key-internal.arn}' },
    });
  });

  test('a public IP is rejected', () => {
    expect(errorOf(() => service({ assignPublicIp: true }))).toMatchObject({ code: 'PUBLIC_IP', path: 'assignPublicIp' });
  });

  test('ECS Exec is a named opt-out that needs a reason and is reported', () => {
    expect(errorOf(() => service({ enableExecuteCommand: true }))).toMatchObject({ code: 'REASON_REQUIRED', path: 'enableExecuteCommandReason' });
    const f = service({ enableExecuteCommand: true, enableExecuteCommandReason: 'incident INC-42 debugging' });
    const json = synth(f.stack);
    expect(only(json, 'aws_ecs_service').enable_execute_command).toBe(true);
    const exec = (Object.values(json.resource!.aws_iam_role_policy) as any[]).find((p) => p.name === 'ecs-exec-channels');
    expect(exec.role).toMatch(/^\$\{aws_iam_role\.task_task-role_/);
    expect(JSON.parse(exec.policy).Statement[0].Action.every((a: string) => a.startsWith('ssmmessages:'))).toBe(true);
    expect(warnings(f.stack).filter((w) => w.startsWith('[workloads.ecs-exec-enabled]'))).toHaveLength(1);
    // The read-only root filesystem stays; the agent's directories become writable ephemeral volumes.
    const task = only(json, 'aws_ecs_task_definition');
    const containers = JSON.parse(task.container_definitions);
    for (const c of containers) {
      expect(c.readonlyRootFilesystem).toBe(true);
      const writable = c.mountPoints.filter((m: any) => m.readOnly === false).map((m: any) => m.containerPath);
      expect(writable).toEqual(expect.arrayContaining(['/managed-agents', '/var/lib/amazon/ssm', '/var/log/amazon/ssm']));
      for (const m of c.mountPoints) expect(task.volume.map((v: any) => v.name)).toContain(m.sourceVolume);
    }
    for (const v of task.volume) expect(v.host_path).toBeUndefined();
    expect(collectOptOuts(f.stack).map((o) => o.id)).toContain('workloads.ecs-exec-enabled');
  });

  test('a network without app subnets is rejected', () => {
    const f = fixture();
    const net = new TestNetwork(f.stack, 'bare', ['public', 'data']);
    const td = new HardenedTaskDefinition(f.stack, 'task', { family: 'x', dataClass: 'internal', logsKey: f.keys.logs, containers: [{ name: 'w', image: IMAGE }] });
    const e = errorOf(() => new HardenedService(f.stack, 's', { name: 'x', cluster: 'c', taskDefinition: td, network: net, securityGroups: net }));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect(e).toMatchObject({ code: 'REQUIRED', path: 'network' });
  });
});

describe('HttpsLoadBalancer', () => {
  const { stack } = alb();
  const json = synth(stack);
  const lb = only(json, 'aws_lb');
  const listeners = Object.values(json.resource!.aws_lb_listener) as any[];
  const https = listeners.find((l) => l.port === 443);
  const http = listeners.find((l) => l.port === 80);

  test('internet-facing in the public subnets with the alb security group', () => {
    expect(lb.internal).toBe(false);
    expect(lb.load_balancer_type).toBe('application');
    expect(lb.subnets).toHaveLength(2);
    for (const s of lb.subnets) expect(s).toMatch(/^\$\{aws_subnet\.network_public-/);
    expect(lb.security_groups).toEqual([expect.stringMatching(/^\$\{aws_security_group\.network_sg-alb_/)]);
  });

  test('drops invalid header fields, defensive desync mitigation, 60 s idle timeout; deletion protection off outside production', () => {
    expect(lb.drop_invalid_header_fields).toBe(true);
    expect(lb.desync_mitigation_mode).toBe('defensive');
    expect(lb.idle_timeout).toBe(60);
    expect(only(synth(alb({ idleTimeoutSeconds: 120 }).stack), 'aws_lb').idle_timeout).toBe(120);
    expect(lb.enable_deletion_protection).toBe(false);
  });

  test('HTTPS on 443 with a TLS 1.3 policy (AEAD ciphers only on TLS 1.2) and the configured certificate', () => {
    expect(DEFAULT_TLS_POLICY).toBe('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    expect(https).toMatchObject({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', certificate_arn: CERT });
    expect(https.default_action).toEqual([{ type: 'forward', target_group_arn: expect.stringMatching(/^\$\{aws_lb_target_group\./) }]);
  });

  test('HTTPS responses carry HSTS (one year) and nosniff; HSTS can be turned off, reported', () => {
    expect(https.routing_http_response_strict_transport_security_header_value).toBe('max-age=31536000');
    expect(https.routing_http_response_x_content_type_options_header_value).toBe('nosniff');
    const f = alb({ hstsMaxAgeSeconds: 0 });
    const off = (Object.values(synth(f.stack).resource!.aws_lb_listener) as any[]).find((l) => l.port === 443);
    expect(off.routing_http_response_strict_transport_security_header_value).toBeUndefined();
    expect(collectOptOuts(f.stack).map((o) => o.id)).toEqual(['workloads.alb-hsts-off']);
  });

  test('port 80 only redirects to HTTPS', () => {
    expect(http.protocol).toBe('HTTP');
    expect(http.default_action).toEqual([{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }]);
  });

  test('IP targets for Fargate with a health check', () => {
    const tg = only(json, 'aws_lb_target_group');
    expect(tg).toMatchObject({ target_type: 'ip', port: 8080, protocol: 'HTTP' });
    // A generated name and create-before-destroy: a port or protocol change can replace the group.
    expect(tg.name).toBeUndefined();
    expect(tg.name_prefix).toBe(lb.name.slice(0, 6));
    expect(tg.lifecycle).toEqual({ create_before_destroy: true });
    expect(tg.health_check).toMatchObject({ enabled: true, path: '/', matcher: '200-399' });
  });

  test('access logs go to the log bucket, after its policy exists', () => {
    expect(lb.access_logs).toEqual({ bucket: expect.stringMatching(/^\$\{aws_s3_bucket\./), prefix: 'alb', enabled: true });
    expect(lb.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\./)]);
  });

  test('production turns deletion protection on; turning it off there is reported', () => {
    expect(only(synth(alb({ production: true }).stack), 'aws_lb').enable_deletion_protection).toBe(true);
    const off = alb({ production: true, deletionProtection: false });
    expect(only(synth(off.stack), 'aws_lb').enable_deletion_protection).toBe(false);
    expect(warnings(off.stack).filter((w) => w.startsWith('[workloads.alb-deletion-protection-off]'))).toHaveLength(1);
  });

  test('turning the port-80 redirect off removes the listener and is reported', () => {
    const f = alb({ httpRedirect: false });
    const ls = Object.values(synth(f.stack).resource!.aws_lb_listener) as any[];
    expect(ls.map((l) => l.port)).toEqual([443]);
    expect(collectOptOuts(f.stack).map((o) => o.id)).toEqual(['workloads.alb-http-redirect-off']);
    expect(warnings(f.stack).filter((w) => w.startsWith('[workloads.alb-http-redirect-off]'))).toHaveLength(1);
  });

  test('a shared access-log bucket can be passed in', () => {
    const f = fixture();
    const bucket = new AlbAccessLogBucket(f.stack, 'shared', { bucketName: 'acme-shared-alb-logs', prefix: 'web' });
    new HttpsLoadBalancer(f.stack, 'alb', { name: 'web', network: f.network, securityGroups: f.network, certificateArn: CERT, targetPort: 80, accessLogBucket: bucket, webAcl: WEB_ACL });
    const json = synth(f.stack);
    expect(Object.keys(json.resource!.aws_s3_bucket)).toHaveLength(1);
    expect(only(json, 'aws_lb').access_logs.prefix).toBe('web');
  });

  const rejections: Array<[string, Partial<HttpsLoadBalancerProps>, string, string]> = [
    ['an old TLS policy', { sslPolicy: 'ELBSecurityPolicy-2016-08' }, 'TLS_POLICY', 'sslPolicy'],
    ['a TLS 1.3 policy with CBC suites on TLS 1.2', { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }, 'TLS_POLICY', 'sslPolicy'],
    ['the Ext1 policy (CBC suites)', { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06' }, 'TLS_POLICY', 'sslPolicy'],
    ['the Ext2 policy (SHA-1 and CBC suites)', { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06' }, 'TLS_POLICY', 'sslPolicy'],
    ['a FIPS policy with CBC suites on TLS 1.2', { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' }, 'TLS_POLICY', 'sslPolicy'],
    ['a certificate that is not an ACM ARN', { certificateArn: 'arn:aws:iam::123456789012:server-certificate/x' }, 'ARN_FORMAT', 'certificateArn'],
    ['a name over 32 characters', { name: 'a'.repeat(33) }, 'NAME_FORMAT', 'name'],
    ['no access-log destination', { accessLogBucketName: undefined }, 'REQUIRED', 'accessLogBucketName'],
    ['a target port out of range', { targetPort: 0 }, 'OUT_OF_RANGE', 'targetPort'],
    ['a health-check path without a slash', { healthCheckPath: 'health' }, 'PATH_FORMAT', 'healthCheckPath'],
    ['an HSTS max-age above two years', { hstsMaxAgeSeconds: 63072001 }, 'OUT_OF_RANGE', 'hstsMaxAgeSeconds'],
  ];
  test.each(MODERN_TLS_POLICIES.map((p) => [p]))('accepts the AEAD-only policy %s', (policy) => {
    const listener = (Object.values(synth(alb({ sslPolicy: policy }).stack).resource!.aws_lb_listener) as any[]).find((l) => l.port === 443);
    expect(listener.ssl_policy).toBe(policy);
    expect(policy).not.toMatch(/Ext[0-9]/);
    expect(policy).toMatch(/^ELBSecurityPolicy-TLS13-(1-3-|1-2-Res-)/);
  });

  test.each(rejections)('rejects %s', (_t, props, code, path) => {
    const e = errorOf(() => alb(props));
    expect(e).toBeInstanceOf(RampartValidationError);
    expect(e).toMatchObject({ code, path });
  });
});

describe('AlbAccessLogBucket', () => {
  const f = fixture();
  new AlbAccessLogBucket(f.stack, 'logs', { bucketName: 'acme-test-alb-logs' });
  const json = synth(f.stack);

  test('SSE-S3 (the only encryption load balancer log delivery supports), recorded as an encryption exception', () => {
    const enc = only(json, 'aws_s3_bucket_server_side_encryption_configuration');
    expect(enc.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
    const meta = f.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === ENCRYPTION_EXCEPTION_METADATA);
    expect(meta).toHaveLength(1);
    expect(infos(f.stack).some((i) => i.startsWith('[workloads.alb-logs-sse-s3]'))).toBe(true);
  });

  test('private: public access blocked, owner enforced, versioned, expiring', () => {
    expect(only(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(only(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(only(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(only(json, 'aws_s3_bucket_lifecycle_configuration').rule[0].expiration).toEqual([{ days: 90 }]);
    expect(only(json, 'aws_s3_bucket').tags).toEqual({ DataClassification: 'internal' });
  });

  test('the policy denies plain HTTP and lets only load balancer log delivery write, under its prefix', () => {
    const doc = JSON.parse(only(json, 'aws_s3_bucket_policy').policy);
    // The TLS-only deny of the secure bucket comes last, after the writers.
    expect(doc.Statement[doc.Statement.length - 1]).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const writers = doc.Statement.slice(0, -1);
    expect(writers.map((s: any) => s.Principal)).toEqual([{ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }, { AWS: expect.stringMatching(/^\$\{data\.aws_elb_service_account\./) }]);
    for (const s of writers) {
      expect(s.Action).toBe('s3:PutObject');
      expect(s.Resource).toMatch(/^\$\{aws_s3_bucket\..*\.arn\}\/alb\/AWSLogs\/\$\{data\.aws_caller_identity\..*\.account_id\}\/\*$/);
    }
  });

  test('newer regions can leave out the regional ELB account', () => {
    const g = fixture();
    new AlbAccessLogBucket(g.stack, 'logs', { bucketName: 'acme-test-alb-logs', grantRegionalElbAccount: false });
    const doc = JSON.parse(only(synth(g.stack), 'aws_s3_bucket_policy').policy);
    expect(doc.Statement.map((s: any) => s.Principal)).toEqual([{ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }, '*']);
  });

  test('a sensitive data class is refused (SSE-S3 cannot satisfy it); bad names and prefixes too', () => {
    const g = fixture();
    expect(errorOf(() => new AlbAccessLogBucket(g.stack, 'a', { bucketName: 'acme-logs', dataClass: 'pii' }))).toMatchObject({ code: 'DATA_CLASS_ENCRYPTION', path: 'dataClass' });
    expect(errorOf(() => new AlbAccessLogBucket(g.stack, 'b', { bucketName: 'Acme_Logs' }))).toMatchObject({ code: 'S3_NAME', path: 'bucketName' });
    expect(errorOf(() => new AlbAccessLogBucket(g.stack, 'c', { bucketName: 'acme-logs', prefix: 'AWSLogs' }))).toMatchObject({ code: 'PREFIX_FORMAT', path: 'prefix' });
  });
});

describe('HttpsLoadBalancer and its web ACL', () => {
  test('is associated with the web ACL it is given', () => {
    const { stack } = alb();
    const assoc = only(synth(stack), 'aws_wafv2_web_acl_association');
    expect(assoc).toMatchObject({ web_acl_arn: WEB_ACL.webAclArn, resource_arn: expect.stringContaining('aws_lb.alb_') });
  });
  test('without a web ACL it needs the named opt-out, which is reported', () => {
    expect(errorOf(() => alb({ webAcl: undefined }))).toMatchObject({ code: 'WEB_ACL_REQUIRED', path: 'webAcl' });
    expect(errorOf(() => alb({ webAcl: undefined, withoutWebAcl: { reason: 'short' } }))).toMatchObject({ code: 'REASON_REQUIRED' });
    expect(errorOf(() => alb({ withoutWebAcl: { reason: 'both given at once here' } }))).toMatchObject({ code: 'CONFLICT' });
    const { stack } = alb({ webAcl: undefined, withoutWebAcl: { reason: 'CloudFront with its own web ACL in front' } });
    expect(synth(stack).resource!.aws_wafv2_web_acl_association).toBeUndefined();
    expect(collectOptOuts(stack).map((o) => o.id)).toContain('workloads.alb-no-web-acl');
  });
});
