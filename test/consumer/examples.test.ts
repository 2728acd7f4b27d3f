import * as fs from 'fs';
import * as path from 'path';
import { PreparedApp, compileProject, exampleProjects, policyProject, prepareApp, stackDirs, synthProject, validateProject } from '../../scripts/consumer-app';

// Every examples/<name> app, built as a consumer builds it: from the packed tarballs, in an app
// outside the workspace, compiled under strict TypeScript, synthesised with its own main,
// checked with the installed rampart-policy CLI and validated by terraform.
describe('the example apps built from the tarballs', () => {
  let app: PreparedApp;
  beforeAll(() => {
    app = prepareApp();
  }, 300000);

  const projects = exampleProjects();
  test('there are examples to build', () => {
    expect(projects.map((p) => p.name).sort()).toEqual(
      fs
        .readdirSync(path.join(__dirname, '../../examples'))
        .filter((d) => fs.existsSync(path.join(__dirname, '../../examples', d, 'src', 'main.ts')))
        .map((d) => `example-${d}`)
        .sort(),
    );
  });

  test.each(projects.map((p) => [p.name, p] as const))(
    '%s compiles, synthesises, passes the policy CLI and terraform validate',
    async (_name, project) => {
      const t0 = Date.now();
      const dir = compileProject(app.dir, project);
      const synth = synthProject(dir);
      expect(synth.stderr).toBe('');
      expect(synth.code).toBe(0);
      const policy = policyProject(dir);
      expect(policy.stderr).toBe('');
      expect(policy.code).toBe(0);
      expect(stackDirs(dir).length).toBeGreaterThan(0);
      await validateProject(dir);
      process.stdout.write(`${project.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    },
    180000,
  );
});
