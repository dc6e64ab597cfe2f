/** One finding about a scenario: the key path (dotted) and what was expected. */
export interface Problem {
  path: string;
  message: string;
}
