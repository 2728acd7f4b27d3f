import { KEY_CLASS_METADATA, KeyClassRecord, KeyPurpose, StackContext, assertAllValid, isUnresolved, validateOneOf, validateRegion } from '@rampart/core';
import { Construct } from 'constructs';
import { KeyBase } from './key-base';
import { KEY_PURPOSES } from './key-purposes';

const IMPORTED_MARKER = Symbol.for('@rampart/encryption.ImportedKey');
const KEY_ARN_RE = /^arn:aws(-cn|-us-gov)?:kms:([a-z0-9-]+):\d{12}:key\/[0-9a-f-]{36}$|^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:key\/mrk-[0-9a-f]{32}$/;

/** A key made elsewhere. Its key policy must delegate to IAM for the grant methods to work. */
export interface ImportedKeyProps {
  /** Key ARN (literal or token). */
  readonly keyArn: string;
  /** What the key protects; the policy pack's data-class binding rule trusts this. */
  readonly purpose: KeyPurpose;
  /** Region for `kms:ViaService` conditions. @default - from a literal key ARN, else the stack's region (`StackContext.of`) */
  readonly region?: string;
}

/**
 * Wraps a key created outside this construct tree (another stack, another tool) so that it can
 * be passed as an IKmsKey, granted, and recognised by the policy pack's data-class binding rule. Its key
 * policy is managed where the key was made: service use asked for by the resources it encrypts
 * (`grantServiceUse`) is reported as warning `encryption.imported-key-policy` with the statement
 * to add there.
 */
export class ImportedKey extends KeyBase {
  public static isImportedKey(x: unknown): x is ImportedKey {
    return typeof x === 'object' && x !== null && IMPORTED_MARKER in x;
  }

  public readonly keyArn: string;
  public readonly keyId: string;
  public readonly purpose: KeyPurpose;
  /** Account, region and partition: from a literal key ARN, else the stack's. */
  public readonly context: StackContext;
  protected readonly policyManaged = false;

  constructor(scope: Construct, id: string, props: ImportedKeyProps) {
    super(scope, id);
    Object.defineProperty(this, IMPORTED_MARKER, { value: true });
    assertAllValid([
      validateOneOf('purpose', props.purpose, KEY_PURPOSES),
      isUnresolved(props.keyArn) || KEY_ARN_RE.test(props.keyArn)
        ? undefined
        : { code: 'ARN_FORMAT', path: 'keyArn', value: props.keyArn, rule: 'must be a KMS key ARN arn:aws:kms:<region>:<account>:key/<key id>' },
      props.region === undefined ? undefined : validateRegion('region', props.region),
    ]);
    this.keyArn = props.keyArn;
    this.purpose = props.purpose;
    this.keyId = isUnresolved(props.keyArn) ? props.keyArn : props.keyArn.split('/').pop()!;
    // Ties the key's ARN and id to its class for the policy pack's data-class binding rule.
    const record: KeyClassRecord = { refs: [this.keyArn, this.keyId], purpose: this.purpose };
    this.node.addMetadata(KEY_CLASS_METADATA, record);
    if (isUnresolved(props.keyArn)) {
      const stack = StackContext.of(this);
      this.context = { ...stack, region: props.region ?? stack.region };
    } else {
      const [, partition, , region, accountId] = props.keyArn.split(':');
      this.context = { accountId, partition, region: props.region ?? region };
    }
  }
}

/** `new ImportedKey(scope, id, props)`. */
export function importKey(scope: Construct, id: string, props: ImportedKeyProps): ImportedKey {
  return new ImportedKey(scope, id, props);
}
