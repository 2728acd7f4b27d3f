/**
 * Layering rules (see README, "Layers"): @rampart/core <- config types (config/) and the other
 * modules <- stacks <- app (src/). Imports point up that picture only, and nothing imports in a circle.
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
      to: { path: '^(config|stacks|src|test|examples)/' },
    },
    {
      name: 'stacks-not-to-app',
      severity: 'error',
      comment: 'Stacks may read config types (config/) but nothing of the app (src/).',
      from: { path: '^stacks/' },
      to: { path: '^src/' },
    },
    {
      name: 'config-is-a-leaf',
      severity: 'error',
      comment: 'config/ is the leaf of the repository: it imports no stack and nothing of the app (src/).',
      from: { path: '^config/' },
      to: { path: '^(stacks|src|test|examples)/' },
    },
    {
      name: 'config-only-core',
      severity: 'error',
      comment: 'Config types import nothing of the repository but @rampart/core, where the input rules they share with the modules live (pure functions and tables, no constructs).',
      from: { path: '^config/' },
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
