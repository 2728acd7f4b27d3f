import { StackContext } from '../../context';
import { COMPLIANT, NOT_APPLICABLE, PolicyResource, PolicyRule, violation } from '../../types';
import { looksLikeSecretValue, SECRET_NAME } from './secret-patterns';

/** Parameters that look like secrets are SecureStrings. */
export const ssmSecretAsSecureString: PolicyRule = {
  id: 'ssm-secret-as-securestring',
  title: 'SSM parameters whose name or value looks secret are SecureString',
  area: 'secrets',
  severity: 'high',
  suppressible: true,
  mappings: {},
  hint: 'use type SecureString with the secrets key (SecureParameter), or Secrets Manager',
  resourceTypes: ['aws_ssm_parameter'],
  check(p: PolicyResource, _ctx: StackContext) {
    if (p.attributes.type === 'SecureString') return NOT_APPLICABLE;
    const name = typeof p.attributes.name === 'string' ? p.attributes.name : '';
    const last = name.split('/').pop() ?? '';
    const shaped = looksLikeSecretValue(p.attributes.value) ?? looksLikeSecretValue(p.attributes.insecure_value);
    if (shaped) return violation(`a ${p.attributes.type ?? 'String'} parameter holds ${shaped}`);
    if (SECRET_NAME.test(last)) return violation(`parameter ${name} looks like a secret but is ${p.attributes.type ?? 'String'}`);
    return COMPLIANT;
  },
};
