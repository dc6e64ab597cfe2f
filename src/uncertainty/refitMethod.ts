/** How the calibrated knobs are re-fitted at each point (run.json's and uncertainty.json's words). */
export const refitMethod = (steps: number, jacobian: 'central' | 'forward' = 'central'): string =>
  `${steps} Gauss-Newton step${steps === 1 ? '' : 's'} from the calibrated knobs theta0 (the baseline's own values): theta(k+1) = theta(k) - (J^T D J)^+ J^T D [f(theta(k), a) - f(theta0, a0)], ` +
  `J the Jacobian of the fitted targets in the knobs at theta0 (${jacobian} differences, computed once)` + ', D = diag(weight / scale^2), clamped to the knobs\' bounds; ' +
  'the variant takes the same knob moves';
