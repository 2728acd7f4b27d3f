import * as P from '@rampart/policy';
import { ref, RuleCase, tf } from './fixtures';

const keyPolicy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ROOT = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' };

export const KMS_CASES: RuleCase[] = [
  {
    rule: P.kmsRotation,
    compliant: tf({ aws_kms_key: { a: { enable_key_rotation: true }, sign: { customer_master_key_spec: 'ECC_NIST_P256', key_usage: 'SIGN_VERIFY' } } }),
    nonCompliant: tf({ aws_kms_key: { a: { enable_key_rotation: true }, off: { enable_key_rotation: false }, unset: {} } }),
    expected: ['aws_kms_key.off', 'aws_kms_key.unset'],
  },
  {
    rule: P.kmsDeletionWindow,
    production: true,
    compliant: tf({ aws_kms_key: { a: { deletion_window_in_days: 30 }, unset: {} } }),
    nonCompliant: tf({ aws_kms_key: { a: { deletion_window_in_days: 30 }, short: { deletion_window_in_days: 7 }, mid: { deletion_window_in_days: 20 } } }),
    expected: ['aws_kms_key.mid', 'aws_kms_key.short'],
  },
  {
    rule: P.kmsDeletionWindow,
    production: false,
    compliant: tf({ aws_kms_key: { a: { deletion_window_in_days: 7 } } }),
    nonCompliant: tf({ aws_kms_key: { a: { deletion_window_in_days: 7 }, zero: { deletion_window_in_days: 0 } } }),
    expected: ['aws_kms_key.zero'],
  },
  {
    rule: P.kmsNoPublicKeyAccess,
    compliant: tf({
      aws_kms_key: {
        a: { policy: keyPolicy([ROOT, { Sid: 'Logs', Effect: 'Allow', Principal: { Service: 'logs.eu-central-1.amazonaws.com' }, Action: ['kms:Encrypt*', 'kms:Decrypt*'], Resource: '*' }]) },
        nopolicy: {},
      },
    }),
    nonCompliant: tf({
      aws_kms_key: { open: { policy: keyPolicy([ROOT, { Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }]) } },
      aws_kms_key_policy: {
        p: { key_id: ref('aws_kms_key.open'), policy: keyPolicy([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }]) },
      },
    }),
    expected: ['aws_kms_key.open#Everyone', 'aws_kms_key_policy.p#statement-0'],
  },
];

const VPC = { cidr_block: '10.0.0.0/16' };

export const NETWORK_CASES: RuleCase[] = [
  {
    rule: P.vpcFlowLogs,
    compliant: tf({ aws_vpc: { main: VPC }, aws_flow_log: { main: { vpc_id: ref('aws_vpc.main'), traffic_type: 'ALL', log_destination: 'x' } } }),
    nonCompliant: tf({
      aws_vpc: { main: VPC, none: VPC, reject: VPC },
      aws_flow_log: { main: { vpc_id: ref('aws_vpc.main'), traffic_type: 'ALL' }, reject: { vpc_id: ref('aws_vpc.reject'), traffic_type: 'REJECT' } },
    }),
    expected: ['aws_vpc.none', 'aws_vpc.reject'],
  },
  {
    rule: P.vpcDefaultSecurityGroupClosed,
    compliant: tf({ aws_vpc: { main: VPC }, aws_default_security_group: { main: { vpc_id: ref('aws_vpc.main'), ingress: [], egress: [] } } }),
    nonCompliant: tf({
      aws_vpc: { main: VPC, other: VPC },
      aws_default_security_group: { main: { vpc_id: ref('aws_vpc.main'), ingress: [{ protocol: '-1', from_port: 0, to_port: 0, self: true }] } },
    }),
    expected: ['aws_default_security_group.main', 'aws_vpc.other'],
  },
  {
    rule: P.subnetNoPublicIp,
    compliant: tf({ aws_subnet: { a: { vpc_id: 'x', cidr_block: '10.0.0.0/24', map_public_ip_on_launch: false }, b: { vpc_id: 'x', cidr_block: '10.0.1.0/24' } } }),
    nonCompliant: tf({ aws_subnet: { a: { vpc_id: 'x', cidr_block: '10.0.0.0/24', map_public_ip_on_launch: true }, b: { vpc_id: 'x', cidr_block: '10.0.1.0/24' } } }),
    expected: ['aws_subnet.a'],
  },
  {
    rule: P.sgPublicIngressAlbOnly,
    compliant: tf({
      aws_security_group: { lb: { name: 'acme-dev-web', vpc_id: 'x' }, app: { name: 'acme-dev-app', vpc_id: 'x' } },
      aws_lb: { web: { load_balancer_type: 'application', security_groups: [ref('aws_security_group.lb')] } },
      aws_vpc_security_group_ingress_rule: {
        https4: { security_group_id: ref('aws_security_group.lb'), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' },
        https6: { security_group_id: ref('aws_security_group.lb'), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv6: '::/0' },
        app: { security_group_id: ref('aws_security_group.app'), ip_protocol: 'tcp', from_port: 8080, to_port: 8080, referenced_security_group_id: ref('aws_security_group.lb') },
      },
    }),
    nonCompliant: tf({
      aws_security_group: {
        alb: {
          name: 'acme-dev-alb',
          vpc_id: 'x',
          ingress: [
            { protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] },
            { protocol: 'tcp', from_port: 80, to_port: 80, cidr_blocks: ['0.0.0.0/0'] },
          ],
        },
        app: { name: 'acme-dev-app', vpc_id: 'x' },
      },
      aws_vpc_security_group_ingress_rule: { app443: { security_group_id: ref('aws_security_group.app'), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' } },
      aws_security_group_rule: { wide: { type: 'ingress', security_group_id: ref('aws_security_group.app'), protocol: 'tcp', from_port: 0, to_port: 65535, ipv6_cidr_blocks: ['::/0'] } },
    }),
    expected: ['aws_security_group.alb#ingress[1]', 'aws_security_group_rule.wide#ingress', 'aws_vpc_security_group_ingress_rule.app443#ingress'],
  },
  {
    rule: P.sgNoPublicAdminPorts,
    compliant: tf({
      aws_security_group: {
        mgmt: { name: 'mgmt', vpc_id: 'x', ingress: [{ protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['10.50.0.0/16', '10.0.0.0/8'], ipv6_cidr_blocks: ['2001:db8::/32'] }] },
      },
      aws_vpc_security_group_ingress_rule: { https: { security_group_id: ref('aws_security_group.mgmt'), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' } },
    }),
    nonCompliant: tf({
      aws_security_group: {
        mgmt: {
          name: 'mgmt',
          vpc_id: 'x',
          ingress: [
            { protocol: 'tcp', from_port: 22, to_port: 22, cidr_blocks: ['10.50.0.0/16'] },
            { protocol: 'tcp', from_port: 3389, to_port: 3389, ipv6_cidr_blocks: ['::/0'] },
          ],
        },
      },
      aws_vpc_security_group_ingress_rule: {
        ssh: { security_group_id: ref('aws_security_group.mgmt'), ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/0' },
        all: { security_group_id: ref('aws_security_group.mgmt'), ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' },
        udp: { security_group_id: ref('aws_security_group.mgmt'), ip_protocol: 'udp', from_port: 3000, to_port: 4000, cidr_ipv4: '0.0.0.0/0' },
        // 0.0.0.0/1 + 128.0.0.0/1 is the whole IPv4 internet; a /7 is too wide to be anyone's network
        lowHalf: { security_group_id: ref('aws_security_group.mgmt'), ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '0.0.0.0/1' },
        highHalf: { security_group_id: ref('aws_security_group.mgmt'), ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '128.0.0.0/1' },
        slash7: { security_group_id: ref('aws_security_group.mgmt'), ip_protocol: 'tcp', from_port: 3389, to_port: 3389, cidr_ipv4: '10.0.0.0/7' },
        v6Wide: { security_group_id: ref('aws_security_group.mgmt'), ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv6: '2000::/3' },
      },
    }),
    expected: [
      'aws_security_group.mgmt#ingress[1]',
      'aws_vpc_security_group_ingress_rule.all#ingress',
      'aws_vpc_security_group_ingress_rule.highHalf#ingress',
      'aws_vpc_security_group_ingress_rule.lowHalf#ingress',
      'aws_vpc_security_group_ingress_rule.slash7#ingress',
      'aws_vpc_security_group_ingress_rule.ssh#ingress',
      'aws_vpc_security_group_ingress_rule.udp#ingress',
      'aws_vpc_security_group_ingress_rule.v6Wide#ingress',
    ],
  },
  {
    rule: P.sgNoAllProtocolsIngress,
    compliant: tf({
      aws_security_group: {
        a: {
          name: 'a',
          vpc_id: 'x',
          ingress: [{ protocol: 'tcp', from_port: 5432, to_port: 5432, security_groups: ['sg-1'] }],
          egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['10.0.0.0/16'] }],
        },
      },
    }),
    nonCompliant: tf({
      aws_security_group: {
        a: {
          name: 'a',
          vpc_id: 'x',
          ingress: [
            { protocol: 'tcp', from_port: 5432, to_port: 5432, security_groups: ['sg-1'] },
            { protocol: 'all', from_port: 0, to_port: 0, self: true },
          ],
        },
      },
      aws_vpc_security_group_ingress_rule: { any: { security_group_id: ref('aws_security_group.a'), ip_protocol: '-1', referenced_security_group_id: 'sg-2' } },
    }),
    expected: ['aws_security_group.a#ingress[1]', 'aws_vpc_security_group_ingress_rule.any#ingress'],
  },
  {
    rule: P.sgNoUnrestrictedEgress,
    compliant: tf({
      aws_security_group: { a: { name: 'a', vpc_id: 'x', egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }] } },
      aws_vpc_security_group_egress_rule: { vpc: { security_group_id: ref('aws_security_group.a'), ip_protocol: '-1', cidr_ipv4: '10.0.0.0/16' } },
    }),
    nonCompliant: tf({
      aws_security_group: { a: { name: 'a', vpc_id: 'x', egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }] } },
      aws_vpc_security_group_egress_rule: { v6: { security_group_id: ref('aws_security_group.a'), ip_protocol: '-1', cidr_ipv6: '::/0' } },
      aws_security_group_rule: { ok: { type: 'egress', security_group_id: ref('aws_security_group.a'), protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] } },
    }),
    expected: ['aws_security_group.a#egress[0]', 'aws_vpc_security_group_egress_rule.v6#egress'],
  },
  {
    rule: P.dataSubnetNoInternetRoute,
    compliant: tf({
      aws_internet_gateway: { igw: { vpc_id: 'x' } },
      aws_subnet: {
        data_a: { vpc_id: 'x', cidr_block: '10.0.20.0/24', tags: { Tier: 'data' } },
        public_a: { vpc_id: 'x', cidr_block: '10.0.0.0/24', tags: { Tier: 'public' } },
        data_m: { vpc_id: ref('aws_vpc.main'), cidr_block: '10.1.20.0/24', tags: { Tier: 'data' } },
        app_m: { vpc_id: ref('aws_vpc.main'), cidr_block: '10.1.10.0/24', tags: { Tier: 'app' } },
        data_q: { vpc_id: ref('aws_vpc.quiet'), cidr_block: '10.2.20.0/24', tags: { Tier: 'data' } },
      },
      aws_route_table: { data: { vpc_id: 'x' }, public: { vpc_id: 'x', route: [{ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway.igw') }] } },
      aws_route_table_association: {
        data_a: { subnet_id: ref('aws_subnet.data_a'), route_table_id: ref('aws_route_table.data') },
        public_a: { subnet_id: ref('aws_subnet.public_a'), route_table_id: ref('aws_route_table.public') },
        data_m: { subnet_id: ref('aws_subnet.data_m'), route_table_id: ref('aws_route_table.data') },
      },
      aws_route: { public_default: { route_table_id: ref('aws_route_table.public'), destination_cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway.igw') } },
      // a VPC whose main table reaches the internet: its data subnet is explicitly associated elsewhere
      aws_vpc: { main: { cidr_block: '10.1.0.0/16' }, quiet: { cidr_block: '10.2.0.0/16' } },
      aws_main_route_table_association: { main: { vpc_id: ref('aws_vpc.main'), route_table_id: ref('aws_route_table.public') } },
      // a default route table with local routes only, serving an unassociated data subnet
      aws_default_route_table: { quiet: { default_route_table_id: ref('aws_vpc.quiet', 'default_route_table_id'), route: [] } },
    }),
    nonCompliant: tf({
      aws_internet_gateway: { igw: { vpc_id: 'x' } },
      aws_nat_gateway: { nat: { subnet_id: 'x' } },
      aws_subnet: {
        data_a: { vpc_id: 'x', cidr_block: '10.0.20.0/24', tags: { Name: 'acme-dev-data-a' } },
        app_a: { vpc_id: 'x', cidr_block: '10.0.10.0/24', tags: { Tier: 'app' } },
        data_m: { vpc_id: ref('aws_vpc.main'), cidr_block: '10.1.20.0/24', tags: { Tier: 'data' } },
        data_d: { vpc_id: ref('aws_vpc.dflt'), cidr_block: '10.2.20.0/24', tags: { Tier: 'data' } },
        data_v: { vpc_id: ref('aws_vpc.third'), cidr_block: '10.3.20.0/24', tags: { Tier: 'data' } },
      },
      aws_route_table: {
        data: { vpc_id: 'x', route: [{ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway.igw') }] },
        app: { vpc_id: 'x' },
        main: { vpc_id: ref('aws_vpc.main'), route: [{ cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway.igw') }] },
      },
      aws_route_table_association: {
        data_a: { subnet_id: ref('aws_subnet.data_a'), route_table_id: ref('aws_route_table.data') },
        app_a: { subnet_id: ref('aws_subnet.app_a'), route_table_id: ref('aws_route_table.app') },
      },
      aws_route: {
        data_nat: { route_table_id: ref('aws_route_table.data'), destination_cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway.nat') },
        app_nat: { route_table_id: ref('aws_route_table.app'), destination_cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway.nat') },
        // straight into the VPC's main (default) table, which serves the unassociated data subnet data_v
        via_vpc: { route_table_id: ref('aws_vpc.third', 'main_route_table_id'), destination_cidr_block: '0.0.0.0/0', gateway_id: ref('aws_internet_gateway.igw') },
      },
      aws_vpc: { main: { cidr_block: '10.1.0.0/16' }, dflt: { cidr_block: '10.2.0.0/16' }, third: { cidr_block: '10.3.0.0/16' } },
      // data_m has no association, so it uses the main route table named here, which reaches the internet
      aws_main_route_table_association: { main: { vpc_id: ref('aws_vpc.main'), route_table_id: ref('aws_route_table.main') } },
      // data_d has no association, so it uses the VPC's default route table, which reaches a NAT gateway
      aws_default_route_table: { dflt: { default_route_table_id: ref('aws_vpc.dflt', 'default_route_table_id'), route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: ref('aws_nat_gateway.nat') }] } },
    }),
    expected: ['aws_default_route_table.dflt#route[0]', 'aws_route.data_nat#route', 'aws_route.via_vpc#route', 'aws_route_table.data#route[0]', 'aws_route_table.main#route[0]'],
  },
];
