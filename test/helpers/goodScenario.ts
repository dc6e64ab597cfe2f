/**
 * A small valid scenario as YAML text, and edits of it: the starting point of the bad-input
 * tests (each edit breaks one thing, so the message must name that thing).
 */

/** The good scenario; `horizonExtra` adds keys to its horizon (say, `start_date: "2022-06-01"`). */
export function goodScenario(horizonExtra = ''): string {
  return `name: good
seed: 1
horizon: { hours: 2, warmup_hours: 1${horizonExtra ? `, ${horizonExtra}` : ''} }
contacts:
  "999":
    priority: 1
    arrivals: { calls_per_hour: 100 }
    handling: { exponential: { mean_seconds: 45 } }
    patience: { exponential: { mean_seconds: 60 } }
    target: { answer_within_seconds: 10 }
  "101":
    priority: 2
    arrivals: { calls_per_hour: 20 }
    handling: { exponential: { mean_seconds: 45 } }
    target: { answer_within_seconds: 60 }
handlers:
  all:
    answers: ["999", "101"]
    staff: 3
`;
}

/** `base` with exact pieces of text replaced (fails loudly if a piece is not there). */
export function editOf(base: string, ...pairs: [string, string][]): string {
  let text = base;
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new Error(`test bug: '${from}' not in the good scenario`);
    text = text.replace(from, to);
  }
  return text;
}
