/**
 * Whether the command line is `validate`: a process that reads a scenario, checks it and ends,
 * in a few hundred milliseconds. The entry (`bin.ts`) caps V8's optimising tiers for it at the
 * baseline compiler: TurboFan would spend about a quarter of its CPU, on a second thread,
 * compiling the YAML parser and the schema checks, which have run their course by the time
 * the optimised code is ready (`validate` of the baseline: 393 ms of CPU with it, 288 ms
 * without, medians of 15 interleaved runs). The other commands keep every tier: the simulating
 * ones need it, and for `--help`, `--version` and `schema` it made no difference, while loading
 * `node:v8` cost them a few milliseconds.
 *
 * @example onlyChecks(['validate', 'x.yaml']) // true; onlyChecks(['run', 'x.yaml']) // false
 */
export function onlyChecks(argv: readonly string[]): boolean {
  return argv.find((a) => !a.startsWith('-')) === 'validate';
}
