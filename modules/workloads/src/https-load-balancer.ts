import { Fn } from 'cdktf';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { ISecurityGroupTiers, ITieredNetwork, RampartValidationError, assertValid, isUnresolved, reportOptOut, validateIntegerRange, validateOneOf, validateCertificateArn } from '@rampart/core';
import { Construct } from 'constructs';
import { AlbAccessLogBucket } from './alb-access-log-bucket';
import { ServiceLoadBalancerTarget } from './hardened-service';
export { validateCertificateArn } from '@rampart/core';

/**
 * TLS policies accepted for the HTTPS listener: TLS 1.3 only, or TLS 1.3 with a TLS 1.2 floor
 * restricted (`Res`) to forward-secret AEAD suites (ECDHE with AES-GCM), in the plain, FIPS and
 * hybrid post-quantum (PQ) variants. Not accepted: `ELBSecurityPolicy-TLS13-1-2-2021-06` and
 * its FIPS/PQ siblings (their TLS 1.2 list includes CBC suites), and the `Ext1`/`Ext2` policies
 * (CBC and SHA-1 suites for old clients).
 */
export const MODERN_TLS_POLICIES: readonly string[] = [
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
];

/**
 * The default TLS policy: TLS 1.3, and TLS 1.2 restricted to ECDHE key exchange (forward
 * secrecy) with AES-GCM (AEAD) ciphers only.
 */
export const DEFAULT_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';

/** Properties of an {@link HttpsLoadBalancer}. */
export interface HttpsLoadBalancerProps {
  /**
   * Load balancer name: letters, digits, hyphens (1-32), not starting or ending with a hyphen or
   * `internal-`. The target group's name is generated from its first 6 characters (`name_prefix`).
   */
  readonly name: string;
  /** The load balancer sits in this network's public subnets. */
  readonly network: ITieredNetwork;
  /** The load balancer gets the alb-tier security group, and only that one. */
  readonly securityGroups: ISecurityGroupTiers;
  /** ACM certificate ARN for the HTTPS listener. */
  readonly certificateArn: string;
  /** Port the targets (tasks) listen on. */
  readonly targetPort: number;
  /** Protocol from the load balancer to the targets. @default 'HTTP' */
  readonly targetProtocol?: 'HTTP' | 'HTTPS';
  /** Health-check path on the targets. @default '/' */
  readonly healthCheckPath?: string;
  /** TLS policy, one of {@link MODERN_TLS_POLICIES} (AEAD ciphers only). @default 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06' */
  readonly sslPolicy?: string;
  /**
   * Listen on port 80 and answer every request with a permanent redirect to HTTPS. Turning it
   * off is reported as `workloads.alb-http-redirect-off` (http:// links then fail instead of
   * being upgraded). The alb-tier security group must admit port 80 for the redirect to be reachable.
   * @default true
   */
  readonly httpRedirect?: boolean;
  /** Production turns deletion protection on by default. @default false */
  readonly production?: boolean;
  /**
   * Deletion protection. Turning it off in production is reported as
   * `workloads.alb-deletion-protection-off`.
   * @default - the value of `production`
   */
  readonly deletionProtection?: boolean;
  /** Access-log destination. @default - a new {@link AlbAccessLogBucket} named `accessLogBucketName` */
  readonly accessLogBucket?: AlbAccessLogBucket;
  /** Name of the access-log bucket created when `accessLogBucket` is not given. Required then. */
  readonly accessLogBucketName?: string;
  /** Idle connection timeout (seconds). @default 60 */
  readonly idleTimeoutSeconds?: number;
  /**
   * HSTS: the HTTPS listener adds `Strict-Transport-Security: max-age=<seconds>` to every
   * response (and `X-Content-Type-Options: nosniff`), so browsers keep to HTTPS. `0` turns the
   * header off, reported as `workloads.alb-hsts-off`.
   * @default 31536000 (one year)
   */
  readonly hstsMaxAgeSeconds?: number;
  /**
   * The WAFv2 web ACL (regional) the load balancer is associated with, e.g. `@rampart/edge`'s
   * RegionalWebAcl. Required unless `withoutWebAcl` is given (error `WEB_ACL_REQUIRED`).
   * @default - none
   */
  readonly webAcl?: IWebAclRef;
  /**
   * Opt-out: no web ACL in front of this internet-facing load balancer. Needs a reason; reported
   * as `workloads.alb-no-web-acl`.
   * @default - a web ACL is required
   */
  readonly withoutWebAcl?: { readonly reason: string };
}

/** A WAFv2 web ACL, by ARN (implemented by `@rampart/edge`'s RegionalWebAcl). */
export interface IWebAclRef {
  readonly webAclArn: string;
}

/**
 * An internet-facing Application Load Balancer in the public subnets: HTTPS on 443 with a
 * modern TLS policy, port 80 only redirecting to HTTPS, invalid header fields dropped, access
 * logs to an S3 bucket, deletion protection in production, an IP target group for Fargate tasks,
 * and a WAFv2 web ACL (`webAcl`; leaving it out is the named opt-out `withoutWebAcl`).
 */
export class HttpsLoadBalancer extends Construct {
  public readonly loadBalancerArn: string;
  public readonly dnsName: string;
  public readonly zoneId: string;
  public readonly targetGroupArn: string;
  public readonly accessLogBucket: AlbAccessLogBucket;
  /** Escape hatches: the provider resources. */
  public readonly resource: Lb;
  public readonly httpsListener: LbListener;
  public readonly httpListener?: LbListener;
  public readonly targetGroup: LbTargetGroup;
  /** The association with `webAcl`, when one was given. */
  public readonly webAclAssociation?: Wafv2WebAclAssociation;

  constructor(scope: Construct, id: string, props: HttpsLoadBalancerProps) {
    super(scope, id);
    const production = props.production ?? false;
    const deletionProtection = props.deletionProtection ?? production;
    const httpRedirect = props.httpRedirect ?? true;
    const sslPolicy = props.sslPolicy ?? DEFAULT_TLS_POLICY;
    const targetProtocol = props.targetProtocol ?? 'HTTP';
    const healthCheckPath = props.healthCheckPath ?? '/';
    const idleTimeout = props.idleTimeoutSeconds ?? 60;
    const hstsMaxAge = props.hstsMaxAgeSeconds ?? 31536000;

    if (typeof props.name !== 'string' || (!isUnresolved(props.name) && (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(props.name) || props.name.startsWith('internal-')))) {
      throw new RampartValidationError({
        code: 'NAME_FORMAT',
        path: 'name',
        value: props.name,
        rule: 'must be 1-32 letters, digits and hyphens, not starting or ending with a hyphen or starting with internal-',
      });
    }
    assertValid(validateCertificateArn('certificateArn', props.certificateArn));
    assertValid(validateIntegerRange('targetPort', props.targetPort, 1, 65535));
    assertValid(validateOneOf('targetProtocol', targetProtocol, ['HTTP', 'HTTPS']));
    if (!MODERN_TLS_POLICIES.includes(sslPolicy)) {
      throw new RampartValidationError({ code: 'TLS_POLICY', path: 'sslPolicy', value: sslPolicy, rule: `must be a TLS 1.3 policy with AEAD ciphers only: ${MODERN_TLS_POLICIES.join(', ')}` });
    }
    if (!/^\/[\x21-\x7e]{0,1023}$/.test(healthCheckPath)) {
      throw new RampartValidationError({ code: 'PATH_FORMAT', path: 'healthCheckPath', value: healthCheckPath, rule: 'must start with / and hold at most 1024 printable characters' });
    }
    assertValid(validateIntegerRange('idleTimeoutSeconds', idleTimeout, 1, 4000));
    assertValid(validateIntegerRange('hstsMaxAgeSeconds', hstsMaxAge, 0, 63072000));
    const subnets = props.network.subnetIds('public');
    if (!isUnresolved(subnets) && subnets.length < 2) {
      throw new RampartValidationError({ code: 'REQUIRED', path: 'network', value: subnets.length, rule: 'an Application Load Balancer needs public subnets in at least two availability zones' });
    }
    if (!props.accessLogBucket && props.accessLogBucketName === undefined) {
      throw new RampartValidationError({ code: 'REQUIRED', path: 'accessLogBucketName', value: undefined, rule: 'give accessLogBucket or accessLogBucketName: access logs are always on' });
    }

    if (props.webAcl && props.withoutWebAcl) {
      throw new RampartValidationError({ code: 'CONFLICT', path: 'withoutWebAcl', value: props.withoutWebAcl, rule: 'must not be combined with webAcl' });
    }
    if (!props.webAcl && !props.withoutWebAcl) {
      throw new RampartValidationError({
        code: 'WEB_ACL_REQUIRED',
        path: 'webAcl',
        value: undefined,
        rule: 'an internet-facing load balancer needs a WAF web ACL (e.g. RegionalWebAcl from @rampart/edge), or the opt-out withoutWebAcl with a reason',
      });
    }
    if (props.withoutWebAcl && (typeof props.withoutWebAcl.reason !== 'string' || props.withoutWebAcl.reason.trim().length < 10)) {
      throw new RampartValidationError({
        code: 'REASON_REQUIRED',
        path: 'withoutWebAcl.reason',
        value: props.withoutWebAcl.reason,
        rule: 'must say why the load balancer has no web ACL (at least 10 characters)',
      });
    }

    this.accessLogBucket = props.accessLogBucket ?? new AlbAccessLogBucket(this, 'access-logs', { bucketName: props.accessLogBucketName! });
    this.resource = new Lb(this, 'alb', {
      name: props.name,
      loadBalancerType: 'application',
      internal: false,
      subnets,
      securityGroups: [props.securityGroups.albSecurityGroupId],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: deletionProtection,
      enableHttp2: true,
      desyncMitigationMode: 'defensive',
      idleTimeout,
      accessLogs: { bucket: this.accessLogBucket.bucketName, prefix: this.accessLogBucket.prefix, enabled: true },
      // The bucket policy must exist before the load balancer checks write access.
      dependsOn: [this.accessLogBucket.policy],
    });

    // A target group's port, protocol and target type cannot change in place. A generated name
    // (prefix + random suffix) with create-before-destroy lets Terraform create the replacement,
    // repoint the listener, then delete the old group; a fixed name would collide.
    this.targetGroup = new LbTargetGroup(this, 'targets', {
      namePrefix: isUnresolved(props.name) ? Fn.substr(props.name, 0, 6) : props.name.slice(0, 6),
      lifecycle: { createBeforeDestroy: true },
      targetType: 'ip',
      port: props.targetPort,
      protocol: targetProtocol,
      vpcId: props.network.vpcId,
      deregistrationDelay: '30',
      healthCheck: {
        enabled: true,
        path: healthCheckPath,
        protocol: targetProtocol,
        matcher: '200-399',
        healthyThreshold: 3,
        unhealthyThreshold: 3,
        interval: 30,
        timeout: 5,
      },
    });

    this.httpsListener = new LbListener(this, 'https', {
      loadBalancerArn: this.resource.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy,
      certificateArn: props.certificateArn,
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      routingHttpResponseXContentTypeOptionsHeaderValue: 'nosniff',
      ...(hstsMaxAge > 0 ? { routingHttpResponseStrictTransportSecurityHeaderValue: `max-age=${hstsMaxAge}` } : {}),
    });
    if (hstsMaxAge === 0) {
      reportOptOut(this, { id: 'workloads.alb-hsts-off', message: `load balancer ${props.name} sends no Strict-Transport-Security header: browsers may fall back to HTTP` });
    }

    if (httpRedirect) {
      this.httpListener = new LbListener(this, 'http-redirect', {
        loadBalancerArn: this.resource.arn,
        port: 80,
        protocol: 'HTTP',
        defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
      });
    } else {
      reportOptOut(this, { id: 'workloads.alb-http-redirect-off', message: `load balancer ${props.name} has no port-80 listener: http:// requests are not redirected to HTTPS` });
    }
    if (production && !deletionProtection) {
      reportOptOut(this, { id: 'workloads.alb-deletion-protection-off', message: `production load balancer ${props.name} can be deleted without first turning off deletion protection` });
    }

    if (props.webAcl) {
      this.webAclAssociation = new Wafv2WebAclAssociation(this, 'web-acl', { resourceArn: this.resource.arn, webAclArn: props.webAcl.webAclArn });
    } else {
      reportOptOut(this, { id: 'workloads.alb-no-web-acl', message: `internet-facing load balancer ${props.name} has no WAF web ACL`, reason: props.withoutWebAcl!.reason });
    }

    this.loadBalancerArn = this.resource.arn;
    this.dnsName = this.resource.dnsName;
    this.zoneId = this.resource.zoneId;
    this.targetGroupArn = this.targetGroup.arn;
  }

  /** What a {@link HardenedService} registers with: the target group, after the HTTPS listener exists. */
  public get serviceTarget(): ServiceLoadBalancerTarget {
    return { targetGroupArn: this.targetGroupArn, dependsOn: [this.httpsListener] };
  }
}
