// Types of scripts/consumer-app.js, for the tests that drive it.
export interface PreparedApp {
  /** The installed app, under the OS temp directory. */
  readonly dir: string;
  /** File names of the packed tarballs. */
  readonly tarballs: string[];
  /** Seconds per phase. */
  readonly timings: Record<string, number>;
}
export interface PrepareOptions {
  /** npm spec that replaces `cdktf` (dependencies and overrides), e.g. `npm:cdktn@0.24.0`. */
  readonly alias?: string;
  /** constructs version to install. @default the workspace's pin */
  readonly constructs?: string;
  /** Reinstall even when a cached app exists. @default false */
  readonly fresh?: boolean;
  /** Run `tsc -b` before packing. @default true */
  readonly build?: boolean;
}
export interface Project {
  readonly name: string;
  /** Directory the project is copied from. */
  readonly from: string;
  /** Entries of `from` to copy. @default ['src'] */
  readonly copy?: string[];
}
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}
export const ROOT: string;
export const CONSUMER_TSCONFIG: { compilerOptions: Record<string, unknown>; include: string[] };
export function prepareApp(options?: PrepareOptions): PreparedApp;
export function packModules(dest: string, options?: { build?: boolean }): string[];
export function compileProject(appDir: string, project: Project): string;
export function synthProject(dir: string, env?: Record<string, string>): RunResult;
export function policyProject(dir: string, args?: string[]): RunResult;
export function stackDirs(dir: string): Array<{ name: string; dir: string }>;
export function validateProject(dir: string): Promise<void>;
export function exampleProjects(): Project[];
