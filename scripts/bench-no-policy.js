// Preload for the synth benchmark: the same app with the policy pack switched off, to measure
// what the pack adds to synth. Benchmark only; the app itself has no such switch.
const policy = require('@rampart/policy');
policy.RampartPolicy.apply = () => undefined;
