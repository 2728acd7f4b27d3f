import { EMULATOR_RETRY_RACES } from '../../src/local/run';

/** The apply errors the local runner retries once, and only those. */
describe('emulator races the local run retries', () => {
  const matches = (message: string): boolean => EMULATOR_RETRY_RACES.some((p) => p.test(message));

  test('a resent revoke of the default egress rule and a resent route creation are retried', () => {
    expect(
      matches(
        '[dev] Error: revoking default IPv4 egress rule for Security Group (sg-abd9672f354e823f3): operation error EC2: RevokeSecurityGroupEgress, https response error StatusCode: 400, RequestID: x, api error InvalidPermission.NotFound: The specified rule does not exist in this security group',
      ),
    ).toBe(true);
    expect(
      matches(
        '[prod] Error: creating Route in Route Table (rtb-1) with destination (0.0.0.0/0): operation error EC2: CreateRoute, api error RouteAlreadyExists: The route identified by 0.0.0.0/0 already exists',
      ),
    ).toBe(true);
  });

  test('other apply failures are not retried', () => {
    expect(matches('[dev] Error: creating Security Group: api error InvalidGroup.Duplicate')).toBe(false);
    expect(matches('[dev] Error: InvalidPermission.NotFound while revoking an ingress rule the stack manages')).toBe(false);
  });
});
