import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';

/** Host the emulator binds to: loopback only. */
export const EMULATOR_HOST = '127.0.0.1';

/** Command that starts the emulator (moto's standalone server). Override with RAMPART_EMULATOR_COMMAND. */
export function emulatorCommand(): string {
  return process.env.RAMPART_EMULATOR_COMMAND ?? 'moto_server';
}

/** A running emulator. */
export interface EmulatorHandle {
  /** Process id of the emulator server. */
  readonly pid: number;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
}

/** A TCP port on 127.0.0.1 that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, EMULATOR_HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}

/** One HTTP request to the emulator; resolves with the status code and body. */
export function emulatorRequest(endpoint: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${endpoint}${path}`,
      { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': Buffer.byteLength(body).toString() } : {}) }, timeout: 10000 },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`request to ${endpoint}${path} timed out`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Whether an emulator answers at the endpoint. */
export async function emulatorResponds(endpoint: string): Promise<boolean> {
  try {
    return (await emulatorRequest(endpoint, 'GET', '/moto-api/')).status === 200;
  } catch {
    return false;
  }
}

/** Whether a process is alive and is the emulator (so that a recycled pid is never signalled). */
export function isEmulatorProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  if (!fs.existsSync(cmdline)) return true; // no procfs: trust the pid file
  return fs.readFileSync(cmdline, 'utf8').includes('moto');
}

/**
 * Starts the emulator on a free loopback port, detached so that it outlives this process, with
 * its output in `logFile`. Resolves once it answers; rejects (and stops it) if it does not
 * within `timeoutMs`.
 */
export async function startEmulator(logFile: string, timeoutMs = 30000): Promise<EmulatorHandle> {
  const port = await freePort();
  const endpoint = `http://${EMULATOR_HOST}:${port}`;
  const log = fs.openSync(logFile, 'a');
  const child = spawn(emulatorCommand(), ['-H', EMULATOR_HOST, '-p', String(port)], { detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const failed = new Promise<never>((_, reject) => {
    child.on('error', (e) => reject(new Error(`could not start the emulator (${emulatorCommand()}): ${e.message}. Install moto with its server extra (pip install "moto[server]").`)));
    child.on('exit', (code) => reject(new Error(`the emulator exited with code ${code} before answering; see ${logFile}`)));
  });
  failed.catch(() => undefined);
  const deadline = Date.now() + timeoutMs;
  const ready = (async (): Promise<void> => {
    while (Date.now() < deadline) {
      if (await emulatorResponds(endpoint)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the emulator did not answer on ${endpoint} within ${timeoutMs / 1000} s; see ${logFile}`);
  })();
  try {
    await Promise.race([ready, failed]);
  } catch (e) {
    if (child.pid) await stopEmulator(child.pid);
    throw e;
  }
  child.removeAllListeners('exit');
  child.unref();
  return { pid: child.pid!, port, endpoint };
}

/** Empties the emulator: every resource in every account and region is dropped. */
export async function resetEmulator(endpoint: string): Promise<void> {
  const r = await emulatorRequest(endpoint, 'POST', '/moto-api/reset', '');
  if (r.status !== 200) throw new Error(`emulator reset failed with HTTP ${r.status}: ${r.body}`);
}

/** Stops the emulator process by pid (SIGTERM, then SIGKILL after `graceMs`). Does nothing if it is gone. */
export async function stopEmulator(pid: number, graceMs = 5000): Promise<void> {
  if (!isEmulatorProcess(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
