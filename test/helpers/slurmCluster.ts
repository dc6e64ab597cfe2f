/**
 * slurmCluster: a one-node Slurm cluster on localhost for a test, started from Debian's
 * slurm-wlm and munge packages: a fresh munge key and munged, then slurmctld and slurmd with a
 * slurm.conf written here (this machine's short host name and cores, proctrack/linuxproc and
 * task/none so that it runs in a container without systemd or cgroups, state, spool, logs and
 * sockets in a temporary folder, free ports). It needs root: slurmd starts each job as its user.
 * `stop()` ends every daemon it started (by its process id) and removes the folder.
 *
 * @example
 *   const c = await startSlurmCluster();
 *   try { execFileSync('sbatch', ['--wait', 'job.sh'], { env: c.env }); } finally { await c.stop(); }
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The programs a cluster needs (daemons from /usr/sbin, commands from /usr/bin). */
export const SLURM_PROGRAMS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'sinfo', 'scontrol', 'squeue', 'scancel'];

/** The full path of a program, looked up in PATH and the sbin folders, or undefined. */
export function findProgram(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  return dirs.filter(Boolean).map((d) => path.join(d, name)).find((p) => existsSync(p));
}

/** Why a cluster cannot be started here, or undefined if it can. */
export function slurmUnavailable(): string | undefined {
  const missing = SLURM_PROGRAMS.filter((p) => !findProgram(p));
  if (missing.length) return `missing ${missing.join(', ')} (Debian: apt-get install slurm-wlm munge)`;
  if (process.getuid?.() !== 0) return 'not root (slurmd starts each job as its user, which takes root)';
  return undefined;
}

export interface SlurmCluster {
  /** The folder holding slurm.conf, the munge key, state, spool and logs. */
  dir: string;
  /** The environment for Slurm's commands (SLURM_CONF points at this cluster). */
  env: NodeJS.ProcessEnv;
  /** Run one of Slurm's commands against this cluster; returns its exit code and output. */
  run(program: string, args: string[], options?: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; out: string; err: string }>;
  /** The daemons' logs, for a failure message. */
  logs(): string;
  /** End every daemon started (TERM, then KILL after 10 s) and remove the folder. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs: number, logs: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`slurm cluster: ${what} did not happen within ${timeoutMs / 1000} s\n${logs()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/** Start munged, slurmctld and slurmd, and wait until the node is idle. */
export async function startSlurmCluster(): Promise<SlurmCluster> {
  // munged wants every folder above its socket searchable by all, and its key readable by its user only
  const dir = mkdtempSync(path.join(os.tmpdir(), 'metcc-slurm-'));
  chmodSync(dir, 0o755);
  for (const sub of ['munge', 'state', 'spool', 'log']) mkdirSync(path.join(dir, sub), { mode: 0o755 });
  const key = path.join(dir, 'munge', 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  const socket = path.join(dir, 'munge', 'munge.socket');
  const host = spawnSync('hostname', ['-s'], { encoding: 'utf8' }).stdout.trim() || os.hostname().split('.')[0];
  const cores = os.availableParallelism();
  const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
  const conf = path.join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    [
      'ClusterName=metcc-test',
      `SlurmctldHost=${host}(127.0.0.1)`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${slurmdPort}`,
      'SlurmUser=root',
      'SlurmdUser=root',
      'AuthType=auth/munge',
      `AuthInfo=socket=${socket}`,
      'CredType=cred/munge',
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'SwitchType=switch/none',
      'MpiDefault=none',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_CPU',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'JobCompType=jobcomp/none',
      'ReturnToService=2',
      `StateSaveLocation=${dir}/state`,
      `SlurmdSpoolDir=${dir}/spool`,
      `SlurmctldPidFile=${dir}/slurmctld.pid`,
      `SlurmdPidFile=${dir}/slurmd.pid`,
      `SlurmctldLogFile=${dir}/log/slurmctld.log`,
      `SlurmdLogFile=${dir}/log/slurmd.log`,
      `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cores} State=UNKNOWN`,
      `PartitionName=test Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env, SLURM_CONF: conf };
  const daemons: ChildProcess[] = [];
  // should this process die without stop(), its daemons go with it
  const killAll = () => daemons.forEach((d) => d.exitCode === null && d.kill('SIGKILL'));
  process.on('exit', killAll);
  const logs = () =>
    ['munged.log', 'slurmctld.log', 'slurmd.log']
      .map((f) => path.join(dir, 'log', f))
      .filter(existsSync)
      .map((f) => `--- ${path.basename(f)} (last lines)\n${readFileSync(f, 'utf8').split('\n').slice(-15).join('\n')}`)
      .join('\n');
  const daemon = (program: string, args: string[]) => {
    const child = spawn(findProgram(program)!, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.resume();
    daemons.push(child);
    return child;
  };
  const run: SlurmCluster['run'] = (program, args, options = {}) =>
    new Promise((resolve) => {
      const child = spawn(findProgram(program)!, args, { env: { ...env, ...options.env }, cwd: options.cwd });
      let out = '';
      let err = '';
      child.stdout.on('data', (b) => (out += b));
      child.stderr.on('data', (b) => (err += b));
      const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), options.timeoutMs) : undefined;
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, out, err });
      });
    });
  const stop = async () => {
    for (const d of [...daemons].reverse()) {
      if (d.exitCode !== null || d.signalCode !== null) continue;
      d.kill('SIGTERM');
      if (!(await exited(d, 10_000))) d.kill('SIGKILL');
    }
    process.off('exit', killAll);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    daemon('munged', ['-F', `--key-file=${key}`, `--socket=${socket}`, `--pid-file=${dir}/munge/munged.pid`, `--log-file=${dir}/log/munged.log`, `--seed-file=${dir}/munge/munged.seed`]);
    await until('munged listening', () => existsSync(socket), 20_000, logs);
    daemon('slurmctld', ['-D', '-i']);
    await until('slurmctld answering', async () => (await run('scontrol', ['ping'])).out.includes('UP'), 30_000, logs);
    daemon('slurmd', ['-D', '-N', host]);
    await until(`node ${host} idle`, async () => (await run('sinfo', ['-h', '-n', host, '-o', '%t'])).out.trim() === 'idle', 60_000, logs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { dir, env, run, logs, stop };
}
