/**
 * SimulationError: the scenario is valid but cannot be simulated as written (for example calls
 * that nobody is ever on duty to answer). The CLI reports it as bad input (exit code 1),
 * naming `file`, the scenario file, when the study that ran it has set it.
 */
export class SimulationError extends Error {
  override name = 'SimulationError';
  file?: string;
}
