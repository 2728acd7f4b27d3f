/**
 * Layering rules (see README, "Layers"): config types <- modules <- stacks <- app (src/).
 * Imports point up that picture only, and nothing imports in a circle.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles, inside a layer or across layers (a cycle made only of `import type` is erased at compile time and allowed).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'modules-not-to-repo',
      severity: 'error',
      comment: 'A module (@rampart/*) is a package: it must not import the stacks, the app or the config of this repository.',
      from: { path: '^modules/' },
      to: { path: '^(stacks|src|test|examples)/' },
    },
    {
      name: 'stacks-not-to-app',
      severity: 'error',
      comment: 'Stacks may read config types (src/config) but nothing else of the app (src/).',
      from: { path: '^stacks/' },
      to: { path: '^src/', pathNot: '^src/config/' },
    },
    {
      name: 'config-is-a-leaf',
      severity: 'error',
      comment: 'src/config is the leaf of the app: it imports no stack and nothing else of src/.',
      from: { path: '^src/config/' },
      to: { path: '^(stacks/|src/)', pathNot: '^src/config/' },
    },
    {
      name: 'config-only-core-types',
      severity: 'warn',
      comment: 'Config types should import nothing of the repository but @rampart/core types. Warning until the config schema replaces the hand-written validators that call module validators.',
      from: { path: '^src/config/' },
      to: { path: '^modules/', pathNot: '^modules/core/' },
    },
    {
      name: 'no-old-backend-folder',
      severity: 'error',
      comment: 'backend/ moved into stacks/ (state store, bootstrap) and src/state (migration CLI).',
      from: {},
      to: { path: '^backend/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(lib|dist)/.*\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
