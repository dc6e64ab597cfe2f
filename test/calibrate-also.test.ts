/**
 * A knob's `also`: one fitted number set at several key paths (June-August absence on every
 * desk). The evaluations put the value at every path, a whole-number key among them rounds the
 * knob, and a key path claimed twice, or one the scenario does not take, is refused.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, TempDirs } from './fixtures/harness.js';
import { loadScenario, ScenarioError } from '../src/scenario/load.js';
import { resolveKnobs, knobOverrides } from '../src/calibrate/Knob.js';
import { CalibrationError } from '../src/calibrate/CalibrationError.js';
import { readFileSync } from 'node:fs';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

/** The small calibrate scenario with a second contact type whose patience shares the 999 knob. */
function twoContacts(knobsYaml: string): string {
  const text = readFileSync(fixture('calibrate-small.yaml'), 'utf8').replace(/calibration:[\s\S]*$/, '')
    .replace('handlers:', `  "101":\n    priority: 2\n    arrivals: { calls_per_hour: 5 }\n    target: { answer_within_seconds: 60 }\n    handling: { exponential: { mean_seconds: 300 } }\n    patience: { exponential: { mean_seconds: 600 } }\nhandlers:`)
    .replace('answers: ["999"]', 'answers: ["999", "101"]');
  const file = path.join(dirs.make(), 'two.yaml');
  writeFileSync(file, `${text}calibration:\n  knobs:\n${knobsYaml}`);
  return file;
}

describe('calibrate: a knob with also', () => {
  it('sets the same value at its path and at every path in also', () => {
    const file = twoContacts('    - { path: contacts.999.patience.exponential.mean_seconds, also: [contacts.101.patience.exponential.mean_seconds], low: 30, high: 900 }\n');
    const knobs = resolveKnobs(loadScenario(file), [], []);
    expect(knobs[0].also).toEqual(['contacts.101.patience.exponential.mean_seconds']);
    const s = loadScenario(file, knobOverrides(knobs[0], 250)).scenario;
    expect(s.contacts['999'].patience).toEqual({ exponential: { mean_seconds: 250 } });
    expect(s.contacts['101'].patience).toEqual({ exponential: { mean_seconds: 250 } });
  });

  it('is whole-numbered when a path in also takes whole numbers only', () => {
    const file = twoContacts('    - { path: contacts.999.patience.exponential.mean_seconds, also: [handlers.all.staff], low: 2, high: 8 }\n');
    expect(resolveKnobs(loadScenario(file), [], [])[0].integer).toBe(true);
  });

  it('refuses a key path claimed by two knobs through also', () => {
    const file = twoContacts(
      '    - { path: contacts.999.patience.exponential.mean_seconds, also: [contacts.101.patience.exponential.mean_seconds], low: 30, high: 900 }\n' +
        '    - { path: contacts.101.patience.exponential.mean_seconds, low: 30, high: 900 }\n',
    );
    expect(() => loadScenario(file)).toThrow(ScenarioError);
    try {
      loadScenario(file);
    } catch (err) {
      expect((err as ScenarioError).problems.map((p) => `${p.path}: ${p.message}`).join('\n')).toMatch(/calibration\.knobs: each key path may be a knob \(or a knob's also\) only once/);
    }
  });

  it('refuses an also path the scenario does not take, naming the knob and the bound', () => {
    const file = twoContacts('    - { path: contacts.999.patience.exponential.mean_seconds, also: [contacts.101.patience.exponential.mean_secs], low: 30, high: 900 }\n');
    expect(() => resolveKnobs(loadScenario(file), [], [])).toThrow(CalibrationError);
    expect(() => resolveKnobs(loadScenario(file), [], [])).toThrow(/knob contacts\.999\.patience\.exponential\.mean_seconds \(scenario\) at its low bound 30: .*mean_secs/);
  });
});
