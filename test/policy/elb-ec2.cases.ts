import * as P from '@rampart/policy';
import { ref, RuleCase, tf } from './fixtures';

const LB = {
  load_balancer_type: 'application',
  drop_invalid_header_fields: true,
  enable_deletion_protection: true,
  access_logs: { bucket: '${aws_s3_bucket.alb_logs.bucket}', enabled: true, prefix: 'web' },
  security_groups: [ref('aws_security_group.alb')],
};
const REDIRECT = [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }];
const HTTPS = {
  load_balancer_arn: ref('aws_lb.web', 'arn'),
  port: 443,
  protocol: 'HTTPS',
  ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
  certificate_arn: 'arn:aws:acm:eu-central-1:1:certificate/x',
  default_action: [{ type: 'forward', target_group_arn: 'tg' }],
};

export const ELB_EC2_CASES: RuleCase[] = [
  {
    rule: P.elbHttpRedirectsToHttps,
    compliant: tf({ aws_lb_listener: { http: { load_balancer_arn: ref('aws_lb.web', 'arn'), port: 80, protocol: 'HTTP', default_action: REDIRECT }, https: HTTPS } }),
    nonCompliant: tf({
      aws_lb_listener: { http: { load_balancer_arn: ref('aws_lb.web', 'arn'), port: 80, protocol: 'HTTP', default_action: [{ type: 'forward', target_group_arn: 'tg' }] }, https: HTTPS },
      aws_alb_listener: { plain: { load_balancer_arn: 'x', port: 8080, protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: { protocol: 'HTTP', port: '80' } }] } },
    }),
    expected: ['aws_alb_listener.plain', 'aws_lb_listener.http'],
  },
  {
    rule: P.elbModernTlsPolicy,
    compliant: tf({ aws_lb_listener: { https: HTTPS, http: { load_balancer_arn: 'x', port: 80, protocol: 'HTTP', default_action: REDIRECT } } }),
    nonCompliant: tf({ aws_lb_listener: { https: HTTPS, old: { ...HTTPS, ssl_policy: 'ELBSecurityPolicy-2016-08' }, unset: { ...HTTPS, ssl_policy: undefined } } }),
    expected: ['aws_lb_listener.old', 'aws_lb_listener.unset'],
  },
  {
    rule: P.elbDropInvalidHeaders,
    compliant: tf({ aws_lb: { web: LB, nlb: { load_balancer_type: 'network' } } }),
    nonCompliant: tf({ aws_lb: { web: LB, lax: { ...LB, drop_invalid_header_fields: false } }, aws_alb: { old: { internal: false } } }),
    expected: ['aws_alb.old', 'aws_lb.lax'],
  },
  {
    rule: P.elbAccessLogs,
    compliant: tf({ aws_lb: { web: LB } }),
    nonCompliant: tf({ aws_lb: { web: LB, off: { ...LB, access_logs: { bucket: 'b', enabled: false } }, none: { ...LB, access_logs: undefined } } }),
    expected: ['aws_lb.none', 'aws_lb.off'],
  },
  {
    rule: P.elbDeletionProtectionProduction,
    production: true,
    compliant: tf({ aws_lb: { web: LB } }),
    nonCompliant: tf({ aws_lb: { web: LB, loose: { ...LB, enable_deletion_protection: false } } }),
    expected: ['aws_lb.loose'],
  },
  {
    rule: P.ec2Imdsv2,
    compliant: tf({ aws_instance: { a: { ami: 'ami-1', metadata_options: { http_tokens: 'required' } } }, aws_launch_template: { t: { metadata_options: { http_endpoint: 'disabled' } } } }),
    nonCompliant: tf({
      aws_instance: { a: { ami: 'ami-1', metadata_options: { http_tokens: 'optional' } }, b: { ami: 'ami-1' } },
      aws_launch_template: { t: { metadata_options: { http_tokens: 'required' } } },
    }),
    expected: ['aws_instance.a', 'aws_instance.b'],
  },
  {
    rule: P.naclNoPublicAdminPorts,
    compliant: tf({
      aws_network_acl: {
        public: {
          vpc_id: 'x',
          ingress: [
            { rule_no: 100, action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 443, to_port: 443 },
            { rule_no: 110, action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 1024, to_port: 3388 },
            { rule_no: 111, action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 3390, to_port: 65535 },
            { rule_no: 50, action: 'deny', protocol: '-1', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 },
          ],
        },
      },
      aws_network_acl_rule: {
        corp: { network_acl_id: 'x', rule_number: 101, egress: false, protocol: 'tcp', rule_action: 'allow', cidr_block: '10.0.0.0/8', from_port: 22, to_port: 22 },
        corp6: { network_acl_id: 'x', rule_number: 102, egress: false, protocol: 'tcp', rule_action: 'allow', ipv6_cidr_block: '2001:db8::/32', from_port: 22, to_port: 22 },
        mgmt: { network_acl_id: 'x', rule_number: 100, egress: false, protocol: 'tcp', rule_action: 'allow', cidr_block: '10.99.0.0/16', from_port: 22, to_port: 22 },
        out: { network_acl_id: 'x', rule_number: 100, egress: true, protocol: '-1', rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 },
      },
    }),
    nonCompliant: tf({
      aws_network_acl: {
        public: {
          vpc_id: 'x',
          ingress: [
            { rule_no: 100, action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 443, to_port: 443 },
            { rule_no: 120, action: 'allow', protocol: '-1', ipv6_cidr_block: '::/0', from_port: 0, to_port: 0 },
          ],
        },
      },
      aws_network_acl_rule: {
        ssh: { network_acl_id: 'x', rule_number: 130, egress: false, protocol: '6', rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 22, to_port: 22 },
        rdp: { network_acl_id: 'x', rule_number: 140, protocol: 'tcp', rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 3000, to_port: 4000 },
        // half the internet each: two /1 prefixes open SSH to everyone
        lowHalf: { network_acl_id: 'x', rule_number: 150, protocol: 'tcp', rule_action: 'allow', cidr_block: '0.0.0.0/1', from_port: 22, to_port: 22 },
        highHalf: { network_acl_id: 'x', rule_number: 151, protocol: 'tcp', rule_action: 'allow', cidr_block: '128.0.0.0/1', from_port: 22, to_port: 22 },
        v6Wide: { network_acl_id: 'x', rule_number: 152, protocol: 'tcp', rule_action: 'allow', ipv6_cidr_block: '2000::/3', from_port: 3389, to_port: 3389 },
      },
    }),
    expected: [
      'aws_network_acl.public#ingress[1]',
      'aws_network_acl_rule.highHalf#rule 151',
      'aws_network_acl_rule.lowHalf#rule 150',
      'aws_network_acl_rule.rdp#rule 140',
      'aws_network_acl_rule.ssh#rule 130',
      'aws_network_acl_rule.v6Wide#rule 152',
    ],
  },
  {
    // port 80 on the load balancer group is accepted only where every port-80 listener redirects to HTTPS
    rule: P.sgPublicIngressAlbOnly,
    compliant: tf({
      aws_security_group: { alb: { name: 'acme-dev-alb', vpc_id: 'x', tags: { Tier: 'alb' } } },
      aws_lb: { web: LB },
      aws_lb_listener: { http: { load_balancer_arn: ref('aws_lb.web', 'arn'), port: 80, protocol: 'HTTP', default_action: REDIRECT }, https: HTTPS },
      aws_vpc_security_group_ingress_rule: {
        https: { security_group_id: ref('aws_security_group.alb'), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' },
        http: { security_group_id: ref('aws_security_group.alb'), ip_protocol: 'tcp', from_port: 80, to_port: 80, cidr_ipv4: '0.0.0.0/0' },
      },
    }),
    nonCompliant: tf({
      aws_security_group: { alb: { name: 'acme-dev-alb', vpc_id: 'x', tags: { Tier: 'alb' } }, other: { name: 'acme-dev-alb-2', vpc_id: 'x' } },
      aws_lb: { web: LB },
      aws_lb_listener: { http: { load_balancer_arn: ref('aws_lb.web', 'arn'), port: 80, protocol: 'HTTP', default_action: [{ type: 'forward', target_group_arn: 'tg' }] }, https: HTTPS },
      aws_vpc_security_group_ingress_rule: {
        http: { security_group_id: ref('aws_security_group.alb'), ip_protocol: 'tcp', from_port: 80, to_port: 80, cidr_ipv4: '0.0.0.0/0' },
        nolb: { security_group_id: ref('aws_security_group.other'), ip_protocol: 'tcp', from_port: 80, to_port: 80, cidr_ipv4: '0.0.0.0/0' },
      },
    }),
    expected: ['aws_vpc_security_group_ingress_rule.http#ingress', 'aws_vpc_security_group_ingress_rule.nolb#ingress'],
  },
];
