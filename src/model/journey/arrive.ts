import { GRADES } from '../../scenario/schema.js';
import { Call } from '../Call.js';
import type { ContactType } from '../ContactType.js';
import type { Origin } from '../arrivals/Origin.js';
import type { CallSource } from '../records.js';
import type { Centre } from './Centre.js';
import { reachForce } from './reachForce.js';
import { hold } from './refs.js';

/** The index of grade 'none' (no police action). */
const NONE_GRADE = GRADES.indexOf('none');

/**
 * arrive: a call of `type` starts now (BT connects it). Everything random about the caller is
 * drawn here, each from its own purpose, keyed by who is calling (origin, serial, attempt): true
 * grade, redirect, base handling time, patience, immediate hang-up, BT leg, and the uniforms
 * that later decide a misgrade. (What a caller does after hanging up is drawn when they do, by
 * `retry`, from the same key.) A draw a rule does not need is not made, and that shifts nothing:
 * every draw is keyed, none sequential.
 *
 * Then the call rides the BT leg (hanging up on it if patience is shorter) or reaches the force.
 */
export function arrive(c: Centre, type: ContactType, source: CallSource, redialOf: number, from: Origin, serial: number, attempt: number): Call {
  const now = c.calendar.now;
  c.counts.arrivals++;
  c.inSystem++;
  const counted = now >= c.warmupSeconds && now < c.endSeconds;
  const call =
    c.pool.length > 0
      ? c.pool.pop()!.reset(c.replication, c.nextCallId++, type, now, counted, source, redialOf, from, serial, attempt)
      : new Call(c.replication, c.nextCallId++, type, now, counted, source, redialOf, from, serial, attempt);
  const keyed = c.keyed;
  const p = type.purposes;
  const o = from.key;
  let handling = type.handling;
  if (type.gradeCdf !== null) {
    const u = keyed.at(o, serial, attempt, p.grade)();
    const cdf = type.gradeCdf;
    let grade = 0;
    while (u >= cdf[grade]) grade++;
    call.trueGrade = grade;
    handling = type.handlingByGrade![grade];
    const misgrade = keyed.at(o, serial, attempt, p.misgrade);
    call.misgradeU = misgrade();
    call.underGradeU = misgrade();
    if (type.redirect !== null && grade === NONE_GRADE && keyed.at(o, serial, attempt, p.redirect)() < type.redirect.share) {
      call.redirected = true;
      handling = type.redirect.handling;
    }
  }
  call.baseHandlingSeconds = handling.sample(keyed.at(o, serial, attempt, call.redirected ? p.redirectHandling : p.handling));
  if (type.patience !== null) call.patienceSeconds = type.patience.sample(keyed.at(o, serial, attempt, p.patience));
  if (type.hangUp !== null) {
    const rng = keyed.at(o, serial, attempt, p.hangUp);
    if (rng() < type.hangUp.share) call.patienceSeconds = Math.min(call.patienceSeconds, rng() * type.hangUp.withinSeconds);
  }
  if (type.btConnect !== null) {
    call.btLegSeconds = type.btConnect.sample(keyed.at(o, serial, attempt, p.btConnect));
    hold(call);
    if (call.patienceSeconds < call.btLegSeconds) c.calendar.schedule(now + call.patienceSeconds, c.on.patienceEnds, call); // hangs up on the BT leg
    else c.calendar.schedule(call.queuedAt, c.on.reachesForce, call);
  } else {
    reachForce(c, call);
  }
  return call;
}
