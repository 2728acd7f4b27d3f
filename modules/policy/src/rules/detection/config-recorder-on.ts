import { StackContext } from '../../context';
import { COMPLIANT, PolicyResource, PolicyRule, violation } from '../../types';

/** AWS Config recorders record every supported resource type and are switched on. */
export const configRecorderOn: PolicyRule = {
  id: 'config-recorder-on',
  title: 'AWS Config recorders record all supported resource types and are switched on',
  area: 'detection',
  severity: 'high',
  suppressible: true,
  mappings: { cis: ['3.3'], fsbp: ['Config.1'] },
  hint: 'record all_supported types and set is_enabled = true on aws_config_configuration_recorder_status (ConfigRecorder does)',
  resourceTypes: ['aws_config_configuration_recorder', 'aws_config_configuration_recorder_status'],
  check(r: PolicyResource, _ctx: StackContext) {
    if (r.type === 'aws_config_configuration_recorder_status') {
      return r.attributes.is_enabled === true || r.attributes.is_enabled === 'true' ? COMPLIANT : violation('is_enabled is not true: the recorder is stopped');
    }
    const group = Array.isArray(r.attributes.recording_group) ? r.attributes.recording_group[0] : r.attributes.recording_group;
    if (group && (group.all_supported === false || group.all_supported === 'false')) return violation('recording_group.all_supported is false: some resource types are not recorded');
    return COMPLIANT;
  },
};
