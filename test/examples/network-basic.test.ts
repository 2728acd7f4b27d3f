import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { NetworkExampleStack } from '../../examples/network-basic/src/stack';
// terraform validate runs on the example built from the tarballs: test/consumer/examples.test.ts
import { StackJson, resourcesOfType, tempDir } from '../helpers/synth';

describe('examples/network-basic', () => {
  const outdir = tempDir('example-network');
  const app = new App({ outdir, stackTraces: false });
  const stack = new NetworkExampleStack(app, 'network-basic');
  app.synth();
  const dir = path.join(outdir, 'stacks', 'network-basic');
  const json: StackJson = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));

  test('depends on @rampart/network by package name', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../examples/network-basic/package.json'), 'utf8'));
    expect(pkg.name).toBe('@rampart/example-network');
    expect(pkg.dependencies['@rampart/network']).toBe('0.1.0');
    const source = fs.readFileSync(path.join(__dirname, '../../examples/network-basic/src/stack.ts'), 'utf8');
    expect(source).toMatch(/from '@rampart\/network'/);
  });

  test('synthesises a tiered VPC with one NAT gateway, two interface endpoints and flow logs', () => {
    expect(Object.keys(resourcesOfType(json, 'aws_subnet'))).toHaveLength(8);
    expect(Object.keys(resourcesOfType(json, 'aws_nat_gateway'))).toHaveLength(1);
    expect(Object.values(resourcesOfType(json, 'aws_vpc_endpoint')).filter((e) => e.vpc_endpoint_type === 'Interface')).toHaveLength(2);
    expect(Object.keys(resourcesOfType(json, 'aws_flow_log'))).toHaveLength(1);
    expect(stack.costEstimate.total).toBeGreaterThan(0);
  });

  test("the app reaches S3 and DynamoDB through the gateway endpoints' prefix lists, and sends nothing to an open block", () => {
    const egress = Object.values(resourcesOfType(json, 'aws_vpc_security_group_egress_rule'));
    expect(egress.filter((r) => typeof r.prefix_list_id === 'string' && /^\$\{aws_vpc_endpoint\..+\.prefix_list_id\}$/.test(r.prefix_list_id))).toHaveLength(4);
    expect(egress.filter((r) => /\/[0-7]$/.test(r.cidr_ipv4 ?? ''))).toEqual([]);
  });
});
