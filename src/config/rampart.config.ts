import { RampartConfig } from './types';

/**
 * Rampart's environment configuration: the one typed source every stack is built from.
 * It is validated by `loadConfig` before any stack is constructed.
 */
export const config: RampartConfig = {
  prefix: 'acme',
  platform: { owner: 'platform-team', costCenter: 'platform', compliance: 'sox' },
  org: {
    accountId: '111111111111',
    region: 'eu-central-1',
    deployRoleArn: 'arn:aws:iam::111111111111:role/rampart-org-deploy',
    allowedRegions: ['eu-central-1', 'eu-west-1'],
    logging: { s3DataEvents: false },
    monitoring: { alertSubscriptions: [{ protocol: 'email', endpoint: 'security-alerts@example.com' }] },
    manageOrganization: true,
    guardrails: {
      targetIds: ['root'],
      breakGlassRolePattern: 'arn:aws:iam::*:role/acme-*-break-glass',
    },
    keyAdminRoleArn: 'arn:aws:iam::111111111111:role/rampart-key-admin',
  },
  github: { owner: 'acme', repository: 'infrastructure' },
  bootstrap: {
    accountId: '222222222222',
    region: 'eu-central-1',
    deployRoleArn: 'arn:aws:iam::222222222222:role/rampart-bootstrap-deploy',
  },
  environments: [
    {
      name: 'dev',
      production: false,
      accountId: '333333333333',
      region: 'eu-central-1',
      deployRoleArn: 'arn:aws:iam::333333333333:role/rampart-deploy',
      keyAdminRoleArn: 'arn:aws:iam::333333333333:role/rampart-key-admin',
      allowedRegions: ['eu-central-1', 'eu-west-1'],
      vpcCidr: '10.0.0.0/16',
      azCount: 2,
      owner: 'platform-team',
      costCenter: 'engineering',
      compliance: 'none',
      defaultDataClass: 'internal',
      monitoring: { alertSubscriptions: [{ protocol: 'email', endpoint: 'platform-alerts@example.com' }] },
      network: { natMode: 'single', vpnCidrs: ['172.16.0.0/22'] },
    },
    {
      name: 'staging',
      production: false,
      accountId: '444444444444',
      region: 'eu-central-1',
      deployRoleArn: 'arn:aws:iam::444444444444:role/rampart-deploy',
      keyAdminRoleArn: 'arn:aws:iam::444444444444:role/rampart-key-admin',
      allowedRegions: ['eu-central-1', 'eu-west-1'],
      vpcCidr: '10.1.0.0/16',
      azCount: 2,
      owner: 'platform-team',
      costCenter: 'engineering',
      compliance: 'gdpr',
      defaultDataClass: 'confidential',
      monitoring: { alertSubscriptions: [{ protocol: 'email', endpoint: 'platform-alerts@example.com' }] },
      network: { natMode: 'single', vpnCidrs: ['172.16.0.0/22'] },
    },
    {
      name: 'prod',
      production: true,
      accountId: '555555555555',
      region: 'eu-central-1',
      deployRoleArn: 'arn:aws:iam::555555555555:role/rampart-deploy',
      keyAdminRoleArn: 'arn:aws:iam::555555555555:role/rampart-key-admin',
      allowedRegions: ['eu-central-1', 'eu-west-1'],
      vpcCidr: '10.2.0.0/16',
      azCount: 3,
      owner: 'platform-team',
      costCenter: 'engineering',
      compliance: 'sox',
      defaultDataClass: 'confidential',
      monitoring: {
        alertSubscriptions: [
          { protocol: 'email', endpoint: 'platform-alerts@example.com' },
          { protocol: 'https', endpoint: 'https://alerts.example.com/hooks/rampart' },
        ],
      },
      network: { natMode: 'per-az', vpnCidrs: ['172.16.0.0/22'] },
    },
  ],
};
