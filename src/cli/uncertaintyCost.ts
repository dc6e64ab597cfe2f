import type { LoadedScenario } from '../scenario/load.js';
import { assumptionsOf } from '../uncertainty/Assumption.js';
import type { Io } from './Io.js';
import { checkStudyCost } from './studyCost.js';

/** What an uncertainty study (or compare's band) runs, for its cost. */
export interface UncertaintyPlan {
  tornado: boolean;
  samples: number;
  /** Re-fit steps; 0 without --targets. */
  refitSteps: number;
  jacobian: 'central' | 'forward';
  replications: number;
  structural: number;
}

/**
 * The cost of the whole study, checked before any work (refused past the limit, said on stderr
 * past NOTE_CALLS), as compare and sweep check theirs: every point runs the baseline once per
 * re-fit step and once more at the re-fitted knobs, and the variant once; the Jacobian adds one
 * or two baseline runs a knob; each structural alternative two runs.
 */
export function checkUncertaintyCost(what: string, base: LoadedScenario, variant: LoadedScenario, plan: UncertaintyPlan, io: Io): void {
  const points = 1 + (plan.tornado ? 2 * assumptionsOf(base, variant).length : 0) + plan.samples;
  const knobs = plan.refitSteps > 0 ? (base.scenario.calibration?.knobs.length ?? 0) : 0;
  const baseRuns = points * (plan.refitSteps + 1) + knobs * (plan.jacobian === 'central' ? 2 : 1) + plan.structural;
  checkStudyCost(what, [
    { scenario: base.scenario, runs: baseRuns * plan.replications },
    { scenario: variant.scenario, runs: (points + plan.structural) * plan.replications },
  ], io);
}
