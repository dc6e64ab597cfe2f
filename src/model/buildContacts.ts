import { distributionFrom, type DistributionSpec } from '../engine/distributions.js';
import type { Scenario } from '../scenario/resolve.js';
import { GRADES } from '../scenario/schema.js';
import { ContactType } from './ContactType.js';

const spec = (d: unknown) => distributionFrom(d as DistributionSpec);

/** The contact types of a scenario at run time, in its order, with caller behaviour linked. */
export function buildContacts(scenario: Scenario): ContactType[] {
  const contacts = Object.entries(scenario.contacts).map(([name, c], index) => {
    let gradeCdf: Float64Array | null = null;
    if (c.grades) {
      let acc = 0;
      gradeCdf = Float64Array.from(GRADES, (g) => (acc += c.grades![g]));
      gradeCdf[gradeCdf.length - 1] = 1;
    }
    return new ContactType(
      index,
      name,
      c.priority,
      c.target.answer_within_seconds,
      spec(c.handling),
      c.handling_by_grade ? GRADES.map((g) => spec(c.handling_by_grade![g])) : null,
      c.patience ? spec(c.patience) : null,
      c.immediate_hang_up ? { share: c.immediate_hang_up.share, withinSeconds: c.immediate_hang_up.within_seconds } : null,
      c.bt_connect ? spec(c.bt_connect) : null,
      gradeCdf,
      c.redirect ? { share: c.redirect.share_of_no_police_action, handling: spec(c.redirect.handling) } : null,
    );
  });
  const byName = new Map(contacts.map((c) => [c.name, c]));
  Object.entries(scenario.contacts).forEach(([name, c]) => {
    const o = c.on_abandon;
    if (!o) return;
    const choices: NonNullable<ContactType['abandon']>['choices'][number][] = [];
    if (o.redial) choices.push({ probability: o.redial.probability, to: byName.get(name)!, delay: spec(o.redial.delay), source: 'redial' });
    for (const [to, sw] of Object.entries(o.switch_to)) {
      choices.push({ probability: sw.probability, to: byName.get(to)!, delay: spec(sw.delay), source: 'switched' });
    }
    byName.get(name)!.abandon = {
      choices,
      callBack: o.call_back ? { probability: o.call_back.probability, to: byName.get(o.call_back.contact)! } : null,
    };
  });
  return contacts;
}
