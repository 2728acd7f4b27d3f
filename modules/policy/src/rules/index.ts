import { backendS3Encrypted } from './backend/s3-encrypted';
import { backendS3Kms } from './backend/s3-kms';
import { backendS3Locking } from './backend/s3-locking';
import { stateBackendRemoteInProduction } from './backend/remote-in-production';
import { cloudtrailCloudwatchDelivery } from './cloudtrail/cloudwatch-delivery';
import { cloudtrailKms } from './cloudtrail/kms';
import { cloudtrailLogFileValidation } from './cloudtrail/log-file-validation';
import { cloudtrailMultiRegion } from './cloudtrail/multi-region';
import { dynamodbPitr } from './dynamodb/pitr';
import { dynamodbSseCmk } from './dynamodb/sse-cmk';
import { ec2Imdsv2 } from './ec2/imdsv2';
import { ecsDropAllCapabilities } from './ecs/drop-all-capabilities';
import { ecsLogging } from './ecs/logging';
import { ecsNoHostNamespaces } from './ecs/no-host-namespaces';
import { ecsNoSecretEnvVars } from './ecs/no-secret-env-vars';
import { ecsNonRootUser } from './ecs/non-root-user';
import { ecsNotPrivileged } from './ecs/not-privileged';
import { ecsReadonlyRootFilesystem } from './ecs/readonly-root-filesystem';
import { elbAccessLogs } from './elb/access-logs';
import { elbDeletionProtectionProduction } from './elb/deletion-protection-production';
import { elbDropInvalidHeaders } from './elb/drop-invalid-headers';
import { elbHttpRedirectsToHttps } from './elb/http-redirects-to-https';
import { elbModernTlsPolicy } from './elb/modern-tls-policy';
import { iamNoAccessKeys } from './iam/no-access-keys';
import { iamNoAdminManagedPolicy } from './iam/no-admin-managed-policy';
import { iamNoAdminWildcard } from './iam/no-admin-wildcard';
import { iamNoAllowNotAction } from './iam/no-allow-notaction';
import { iamNoPrivilegedServiceWildcard } from './iam/no-privileged-service-wildcard';
import { iamNoServiceWildcard } from './iam/no-service-wildcard';
import { iamNoPublicTrust } from './iam/no-public-trust';
import { iamNoUsers } from './iam/no-users';
import { iamOidcTrustPinned } from './iam/oidc-trust-pinned';
import { iamPolicyReadable } from './iam/policy-readable';
import { iamRolePermissionsBoundary } from './iam/role-permissions-boundary';
import { iamSessionLength } from './iam/session-length';
import { kmsDeletionWindow } from './kms/deletion-window';
import { kmsNoPublicKeyAccess } from './kms/no-public-key-access';
import { kmsRotation } from './kms/rotation';
import { logsKms } from './logs/kms';
import { logsRetention } from './logs/retention';
import { dataSubnetNoInternetRoute } from './network/data-subnet-no-internet-route';
import { vpcDefaultSecurityGroupClosed } from './network/default-security-group';
import { naclNoPublicAdminPorts } from './network/nacl-no-public-admin-ports';
import { sgNoAllProtocolsIngress } from './network/sg-no-all-protocols-ingress';
import { sgNoPublicAdminPorts } from './network/sg-no-public-admin-ports';
import { sgNoUnrestrictedEgress } from './network/sg-no-unrestricted-egress';
import { sgPublicIngressAlbOnly } from './network/sg-public-ingress-alb-only';
import { subnetNoPublicIp } from './network/subnet-no-public-ip';
import { vpcFlowLogs } from './network/vpc-flow-logs';
import { rdsBackupRetention } from './rds/backup-retention';
import { rdsDeletionProtection } from './rds/deletion-protection';
import { rdsEncryptedCmk } from './rds/encrypted-cmk';
import { rdsIamAuth } from './rds/iam-auth';
import { rdsMultiAzProduction } from './rds/multi-az-production';
import { rdsNotPublic } from './rds/not-public';
import { s3AccessLogging } from './s3/access-logging';
import { s3AuditLogObjectLock } from './s3/audit-log-object-lock';
import { s3DefaultEncryption } from './s3/default-encryption';
import { s3NoPublicAcl } from './s3/no-public-acl';
import { s3NoPublicPolicy } from './s3/no-public-policy';
import { s3PublicAccessBlock } from './s3/public-access-block';
import { s3SensitiveKmsCmk } from './s3/sensitive-kms-cmk';
import { s3SensitivePublicAccessBlock } from './s3/sensitive-public-access-block';
import { s3TlsOnly } from './s3/tls-only';
import { s3Versioning } from './s3/versioning';
import { secretsNoPlaintext } from './secrets/no-plaintext-secrets';
import { secretsRecoveryWindow } from './secrets/recovery-window';
import { secretsManagerCmk } from './secrets/secretsmanager-cmk';
import { ssmSecretAsSecureString } from './secrets/ssm-secret-as-securestring';
import { ssmSecureStringCmk } from './secrets/ssm-securestring-cmk';
import { tagsMandatory } from './tags/mandatory-tags';
import { guarddutyEnabled } from './detection/guardduty-enabled';
import { configRecorderOn } from './detection/config-recorder-on';
import { securityhubStandardsSubscribed } from './detection/standards-subscribed';
import { s3AccountPublicAccessBlock } from './detection/account-public-access-block';
import { ebsDefaultEncryption } from './detection/ebs-default-encryption';
import { PolicyRule } from '../types';

/** Every rule Rampart ships, by area. Packs pick from here. */
export const ALL_RULES: readonly PolicyRule[] = [
  backendS3Encrypted,
  backendS3Kms,
  backendS3Locking,
  stateBackendRemoteInProduction,
  cloudtrailCloudwatchDelivery,
  cloudtrailKms,
  cloudtrailLogFileValidation,
  cloudtrailMultiRegion,
  dynamodbPitr,
  dynamodbSseCmk,
  ec2Imdsv2,
  ecsDropAllCapabilities,
  ecsLogging,
  ecsNoHostNamespaces,
  ecsNoSecretEnvVars,
  ecsNonRootUser,
  ecsNotPrivileged,
  ecsReadonlyRootFilesystem,
  elbAccessLogs,
  elbDeletionProtectionProduction,
  elbDropInvalidHeaders,
  elbHttpRedirectsToHttps,
  elbModernTlsPolicy,
  iamNoAccessKeys,
  iamNoAdminManagedPolicy,
  iamNoAdminWildcard,
  iamNoAllowNotAction,
  iamNoPrivilegedServiceWildcard,
  iamNoServiceWildcard,
  iamNoPublicTrust,
  iamNoUsers,
  iamOidcTrustPinned,
  iamPolicyReadable,
  iamRolePermissionsBoundary,
  iamSessionLength,
  kmsDeletionWindow,
  kmsNoPublicKeyAccess,
  kmsRotation,
  logsKms,
  logsRetention,
  dataSubnetNoInternetRoute,
  vpcDefaultSecurityGroupClosed,
  naclNoPublicAdminPorts,
  sgNoAllProtocolsIngress,
  sgNoPublicAdminPorts,
  sgNoUnrestrictedEgress,
  sgPublicIngressAlbOnly,
  subnetNoPublicIp,
  vpcFlowLogs,
  rdsBackupRetention,
  rdsDeletionProtection,
  rdsEncryptedCmk,
  rdsIamAuth,
  rdsMultiAzProduction,
  rdsNotPublic,
  s3AccessLogging,
  s3AuditLogObjectLock,
  s3DefaultEncryption,
  s3NoPublicAcl,
  s3NoPublicPolicy,
  s3PublicAccessBlock,
  s3SensitiveKmsCmk,
  s3SensitivePublicAccessBlock,
  s3TlsOnly,
  s3Versioning,
  secretsNoPlaintext,
  secretsRecoveryWindow,
  secretsManagerCmk,
  ssmSecretAsSecureString,
  ssmSecureStringCmk,
  tagsMandatory,
  guarddutyEnabled,
  configRecorderOn,
  securityhubStandardsSubscribed,
  s3AccountPublicAccessBlock,
  ebsDefaultEncryption,
];

export {
  backendS3Encrypted,
  backendS3Kms,
  backendS3Locking,
  stateBackendRemoteInProduction,
  cloudtrailCloudwatchDelivery,
  cloudtrailKms,
  cloudtrailLogFileValidation,
  cloudtrailMultiRegion,
  dynamodbPitr,
  dynamodbSseCmk,
  ec2Imdsv2,
  ecsDropAllCapabilities,
  ecsLogging,
  ecsNoHostNamespaces,
  ecsNoSecretEnvVars,
  ecsNonRootUser,
  ecsNotPrivileged,
  ecsReadonlyRootFilesystem,
  elbAccessLogs,
  elbDeletionProtectionProduction,
  elbDropInvalidHeaders,
  elbHttpRedirectsToHttps,
  elbModernTlsPolicy,
  iamNoAccessKeys,
  iamNoAdminManagedPolicy,
  iamNoAdminWildcard,
  iamNoAllowNotAction,
  iamNoPrivilegedServiceWildcard,
  iamNoServiceWildcard,
  iamNoPublicTrust,
  iamNoUsers,
  iamOidcTrustPinned,
  iamPolicyReadable,
  iamRolePermissionsBoundary,
  iamSessionLength,
  kmsDeletionWindow,
  kmsNoPublicKeyAccess,
  kmsRotation,
  logsKms,
  logsRetention,
  dataSubnetNoInternetRoute,
  vpcDefaultSecurityGroupClosed,
  naclNoPublicAdminPorts,
  sgNoAllProtocolsIngress,
  sgNoPublicAdminPorts,
  sgNoUnrestrictedEgress,
  sgPublicIngressAlbOnly,
  subnetNoPublicIp,
  vpcFlowLogs,
  rdsBackupRetention,
  rdsDeletionProtection,
  rdsEncryptedCmk,
  rdsIamAuth,
  rdsMultiAzProduction,
  rdsNotPublic,
  s3AccessLogging,
  s3AuditLogObjectLock,
  s3DefaultEncryption,
  s3NoPublicAcl,
  s3NoPublicPolicy,
  s3PublicAccessBlock,
  s3SensitiveKmsCmk,
  s3SensitivePublicAccessBlock,
  s3TlsOnly,
  s3Versioning,
  secretsNoPlaintext,
  secretsRecoveryWindow,
  secretsManagerCmk,
  ssmSecretAsSecureString,
  ssmSecureStringCmk,
  tagsMandatory,
  guarddutyEnabled,
  configRecorderOn,
  securityhubStandardsSubscribed,
  s3AccountPublicAccessBlock,
  ebsDefaultEncryption,
};
