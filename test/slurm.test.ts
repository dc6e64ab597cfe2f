/**
 * The README's Slurm job array, run for real: a one-node cluster on localhost (munged,
 * slurmctld, slurmd: test/helpers/slurmCluster.ts), scripts/slurm-array.sh submitted as a
 * 4-task array with `sbatch --wait` (scaled down through its variables: a few replications of a
 * small fixture), the shards merged, and the merged reports compared byte for byte with an
 * unsharded run. The daemons are stopped whatever happens.
 *
 * It needs Debian's slurm-wlm and munge and root. Without them it is skipped, with the reason,
 * unless METCC_SLURM=required (as .ci/run sets it), where their absence is a failure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { ROOT, TempDirs } from './fixtures/harness.js';
import { slurmUnavailable, startSlurmCluster, type SlurmCluster } from './helpers/slurmCluster.js';

const SCRIPT = 'scripts/slurm-array.sh';
const required = process.env.METCC_SLURM === 'required';
const unavailable = slurmUnavailable();
const SHARDS = 4;
const STUDY = ['--seed', '5', '--calls', '--set', 'horizon.hours=6'];
const SCENARIO = 'test/fixtures/small.yaml';
const REPLICATIONS = 8;

describe("the README's Slurm script", () => {
  it('is the file scripts/slurm-array.sh, shown in the README as it is', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const script = readFileSync(path.join(ROOT, SCRIPT), 'utf8');
    expect(readme).toContain(`(${SCRIPT}):\n\n\`\`\`bash\n${script}\`\`\``);
  });

  it('runs on a real Slurm cluster here, or says why not', () => {
    if (required) expect(unavailable, `METCC_SLURM=required, but Slurm cannot run here: ${unavailable}`).toBeUndefined();
    if (unavailable) console.warn(`test/slurm.test.ts: the Slurm cluster test is skipped: ${unavailable}; set METCC_SLURM=required to make this a failure`);
  });
});

describe.skipIf(unavailable !== undefined && !required)('a 4-task job array on a one-node Slurm cluster', () => {
  const temp = new TempDirs();
  let cluster: SlurmCluster | undefined;
  let study: string;
  let submitted: { code: number | null; out: string; err: string };

  beforeAll(async () => {
    study = temp.make('metcc-slurm-study-');
    cluster = await startSlurmCluster();
    const args = ['--wait', `--array=0-${SHARDS - 1}`, '--cpus-per-task=1', `--output=${study}/slurm-%A_%a.out`, SCRIPT, ...STUDY];
    const env = { METCC_SCENARIO: SCENARIO, METCC_REPLICATIONS: String(REPLICATIONS), METCC_STUDY: study };
    submitted = await cluster.run('sbatch', args, { cwd: ROOT, env, timeoutMs: 240_000 });
    if (submitted.code !== 0) {
      const outputs = readdirSync(study)
        .filter((f) => f.endsWith('.out'))
        .map((f) => `--- ${f}\n${readFileSync(path.join(study, f), 'utf8')}`);
      const queue = await cluster.run('squeue', ['-a']);
      throw new Error(`sbatch ${args.join(' ')} exited ${submitted.code}: ${submitted.err}\n${outputs.join('\n')}\n${queue.out}\n${cluster.logs()}`);
    }
  }, 300_000);

  afterAll(async () => {
    await cluster?.stop();
    temp.cleanup();
  });

  it('every task wrote its shard, and merge gives the unsharded run byte for byte', async () => {
    expect(submitted.out).toMatch(/Submitted batch job \d+/);
    const shards = Array.from({ length: SHARDS }, (_, i) => path.join(study, `shard-${i}`));
    const quiet = { out: () => {}, err: (t: string) => void process.stderr.write(t) };
    expect(await main(['merge', ...shards, '--out', path.join(study, 'merged')], quiet)).toBe(0);
    const whole = path.join(study, 'whole');
    expect(await main(['run', SCENARIO, '--replications', String(REPLICATIONS), ...STUDY, '--quiet', '--out', whole], quiet)).toBe(0);
    const files = readdirSync(whole).sort();
    expect(files).toContain('calls.csv');
    expect(readdirSync(path.join(study, 'merged')).sort()).toEqual(files);
    // run.json differs in its timing, and the manifest in its run id and run.json's hash: both checked below
    for (const file of files.filter((f) => f !== 'run.json' && f !== 'metcc-manifest.json')) {
      const expected = readFileSync(path.join(whole, file));
      expect(readFileSync(path.join(study, 'merged', file)).equals(expected), `${file} merged from the Slurm shards`).toBe(true);
    }
    const withoutTiming = (dir: string) => ({ ...JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')), timing: undefined });
    expect(withoutTiming(path.join(study, 'merged'))).toEqual(withoutTiming(whole));
    const listed = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'metcc-manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] }).files.filter((f) => f.path !== 'run.json');
    expect(listed(path.join(study, 'merged'))).toEqual(listed(whole));
  });
});
