import type { CommandModule } from 'yargs';
import { fewestHandlers, intervalFigures, type IntervalInput } from '../../metrics/erlang.js';
import { fmt } from '../../report/format.js';
import { UsageError } from '../errors.js';
import type { Io } from '../Io.js';
import { ERLANG_OPTIONS } from '../options.js';
import { textTable } from '../print.js';

interface ErlangArgs {
  'calls-per-hour': number;
  'handling-seconds': number;
  handlers?: number;
  'patience-seconds'?: number;
  'target-seconds': number;
  'target-pct': number;
}

function check(name: string, v: number | undefined, ok: (v: number) => boolean, expected: string): void {
  if (v !== undefined && !(Number.isFinite(v) && ok(v))) throw new UsageError(`--${name}: expected ${expected}, got ${v}`);
}

/** `metcc-sim erlang`: the analytical figures for one interval, and the fewest handlers for the target. */
export function erlangCommand(io: Io): CommandModule<object, ErlangArgs> {
  return {
    command: 'erlang',
    describe: 'analytical Erlang C / Erlang A figures for one interval',
    builder: (y) => y.options(ERLANG_OPTIONS),
    handler: (a) => printErlang(a, io),
  };
}

function printErlang(a: ErlangArgs, io: Io): void {
  check('calls-per-hour', a['calls-per-hour'], (v) => v > 0, 'a number > 0');
  check('handling-seconds', a['handling-seconds'], (v) => v > 0, 'a number > 0');
  check('handlers', a.handlers, (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1');
  check('patience-seconds', a['patience-seconds'], (v) => v > 0, 'a number > 0');
  check('target-seconds', a['target-seconds'], (v) => v >= 0, 'a number >= 0');
  check('target-pct', a['target-pct'], (v) => v > 0 && v < 100, 'a percentage between 0 and 100');
  const base: Omit<IntervalInput, 'handlers'> = {
    callsPerHour: a['calls-per-hour'],
    meanHandlingSeconds: a['handling-seconds'],
    targetSeconds: a['target-seconds'],
    meanPatienceSeconds: a['patience-seconds'],
  };
  let needed: number;
  try {
    needed = fewestHandlers(base, a['target-pct']);
    if (a.handlers !== undefined) intervalFigures({ ...base, handlers: a.handlers });
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(`erlang: ${err.message}`);
    throw err;
  }
  const model = a['patience-seconds'] === undefined ? 'Erlang C (M/M/c)' : 'Erlang A (M/M/c+M)';
  const load = (a['calls-per-hour'] * a['handling-seconds']) / 3600;
  io.out(`${model}: ${fmt(a['calls-per-hour'])} calls/hour, mean handling ${fmt(a['handling-seconds'])} s, offered load ${fmt(load, 2)} Erlangs${a['patience-seconds'] !== undefined ? `, mean patience ${fmt(a['patience-seconds'])} s` : ''}`);
  const counts = [...new Set([a.handlers, needed].filter((v): v is number => v !== undefined))].sort((x, y) => x - y);
  const rows = counts.map((handlers) => {
    const f = intervalFigures({ ...base, handlers });
    return [
      String(handlers),
      f.stable ? fmt(f.serviceLevelPct, 2) : 'unstable',
      f.stable ? fmt(f.answeredWithinTargetPct, 2) : '',
      f.stable ? fmt(f.meanAnswerSeconds, 2) : 'inf',
      fmt(f.abandonedPct, 2),
      fmt(f.occupancyPct, 1),
      fmt(100 * f.probWait, 2),
    ];
  });
  io.out(textTable(['handlers', `service level % (<= ${fmt(a['target-seconds'])} s)`, 'answered in target %', 'mean answer s', 'abandoned %', 'occupancy %', 'waiting %'], rows));
  io.out(`fewest handlers for ${fmt(a['target-pct'])}% answered within ${fmt(a['target-seconds'])} s: ${needed}`);
}
