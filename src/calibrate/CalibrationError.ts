/** Bad calibration input (a knob, a bound): the command line reports it as bad input, exit 1. */
export class CalibrationError extends Error {
  override name = 'CalibrationError';
}
