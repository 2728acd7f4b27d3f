import { AccountAlternateContact } from '@cdktf/provider-aws/lib/account-alternate-contact';
import { EbsDefaultKmsKey } from '@cdktf/provider-aws/lib/ebs-default-kms-key';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { Ec2InstanceMetadataDefaults } from '@cdktf/provider-aws/lib/ec2-instance-metadata-defaults';
import { IamAccountPasswordPolicy } from '@cdktf/provider-aws/lib/iam-account-password-policy';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { Construct } from 'constructs';
import { IKmsKey, assertAllValid, reportOptOut, validateIntegerRange, SecurityContact, validateSecurityContact } from '@rampart/core';
export { validateSecurityContact } from '@rampart/core';
export type { SecurityContact } from '@rampart/core';

/**
 * The IAM password policy CIS AWS Foundations asks for (1.8 length 14 or more, 1.9 no reuse of
 * the last 24). Rampart refuses IAM users, so it governs nobody today; it is set anyway so that a
 * user created outside Rampart still meets it.
 */
export const CIS_PASSWORD_POLICY = {
  minimumPasswordLength: 14,
  requireLowercaseCharacters: true,
  requireUppercaseCharacters: true,
  requireNumbers: true,
  requireSymbols: true,
  allowUsersToChangePassword: true,
  passwordReusePrevention: 24,
  maxPasswordAge: 90,
  hardExpiry: false,
} as const;

/** Properties of {@link AccountHardening}. */
export interface AccountHardeningProps {
  /**
   * Customer-managed key that EBS uses for every new volume and snapshot copy of the account
   * (`aws_ebs_default_kms_key`). Its policy must let the account's principals use it through EC2.
   * @default - the AWS managed key `aws/ebs`, reported as opt-out `detection.hardening.ebs-aws-managed-key`
   */
  readonly ebsKey?: IKmsKey;
  /**
   * The account's SECURITY alternate contact.
   * @default - none, reported as opt-out `detection.hardening.no-security-contact`
   */
  readonly securityContact?: SecurityContact;
  /**
   * Hop limit of the instance metadata defaults (1-64). 1 keeps IMDS tokens on the instance;
   * containers on EC2 bridge networking need 2.
   * @default 1
   */
  readonly metadataHopLimit?: number;
}

/**
 * Account-wide settings every Rampart account gets, in the stack's region where they are regional:
 *
 * - the S3 account-level public access block (all four settings);
 * - EBS encryption by default, with the account's customer-managed key;
 * - IMDSv2 required as the default for new EC2 instances (`aws_ec2_instance_metadata_defaults`);
 * - the CIS IAM password policy ({@link CIS_PASSWORD_POLICY});
 * - the SECURITY alternate contact.
 */
export class AccountHardening extends Construct {
  public readonly publicAccessBlock: S3AccountPublicAccessBlock;
  public readonly ebsEncryption: EbsEncryptionByDefault;
  /** The EBS default key setting, when a key was given. */
  public readonly ebsDefaultKey?: EbsDefaultKmsKey;
  public readonly metadataDefaults: Ec2InstanceMetadataDefaults;
  public readonly passwordPolicy: IamAccountPasswordPolicy;
  /** The SECURITY alternate contact, when one was given. */
  public readonly securityContact?: AccountAlternateContact;

  constructor(scope: Construct, id: string, props: AccountHardeningProps = {}) {
    super(scope, id);
    const hopLimit = props.metadataHopLimit ?? 1;
    assertAllValid([validateIntegerRange('metadataHopLimit', hopLimit, 1, 64), ...validateSecurityContact('securityContact', props.securityContact)]);

    this.publicAccessBlock = new S3AccountPublicAccessBlock(this, 's3-public-access-block', {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.ebsEncryption = new EbsEncryptionByDefault(this, 'ebs-encryption', { enabled: true });
    if (props.ebsKey) {
      this.ebsDefaultKey = new EbsDefaultKmsKey(this, 'ebs-default-key', { keyArn: props.ebsKey.keyArn });
    } else {
      reportOptOut(this, { id: 'detection.hardening.ebs-aws-managed-key', message: 'EBS encrypts new volumes with the AWS managed key aws/ebs, not a customer-managed key of the account' });
    }
    this.metadataDefaults = new Ec2InstanceMetadataDefaults(this, 'imds-defaults', {
      httpTokens: 'required',
      httpEndpoint: 'enabled',
      httpPutResponseHopLimit: hopLimit,
      instanceMetadataTags: 'disabled',
    });
    this.passwordPolicy = new IamAccountPasswordPolicy(this, 'password-policy', { ...CIS_PASSWORD_POLICY });
    if (props.securityContact) {
      const c = props.securityContact;
      this.securityContact = new AccountAlternateContact(this, 'security-contact', {
        alternateContactType: 'SECURITY',
        name: c.name,
        title: c.title,
        emailAddress: c.emailAddress,
        phoneNumber: c.phoneNumber,
      });
    } else {
      reportOptOut(this, { id: 'detection.hardening.no-security-contact', message: 'the account has no SECURITY alternate contact, so AWS security notices go to the root address only' });
    }
  }
}
