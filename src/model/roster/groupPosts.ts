import { KeyedRandom } from '../../engine/KeyedRandom.js';
import type { Level } from './Level.js';
import { Person, type Tenure } from './Person.js';

const ATTRITION = KeyedRandom.key('attrition');
const VACANCY = KeyedRandom.key('vacancy');

/** How a group's posts are held over a run. */
export interface Workforce {
  /** Departures per post per second (a Poisson process while the post is held); 0: nobody leaves. */
  ratePerSecond: number;
  /** A leaver's post is refilled this long after, at `recruitLevel`; null: only intakes fill posts. */
  refillSeconds: number | null;
  recruitLevel: Level | null;
  /** Share of posts vacant at clock 0. */
  vacantAtStart: number;
  /** Recruitment intakes in time order: on `atSeconds`, up to `people` vacant posts are filled, longest vacant first. */
  intakes: readonly { atSeconds: number; people: number; level: Level | null }[];
  /** Draw departures up to this clock time. */
  untilSeconds: number;
}

/** Whole numbers adding up to `total` from exact quotas, by largest remainder (20 at 0.85/0.15: 17 and 3). */
function apportion(exact: readonly number[], total: number): number[] {
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i]++;
    left--;
  }
  return counts;
}

/**
 * The first holders of `staff` posts: levels allotted from the training mix (`apportion`),
 * those at a level that moves up spread evenly over its weeks (the first moves soonest); no mix:
 * no levels. Returns one entry per held post, in post order.
 */
export function firstHolders(staff: number, mix: Record<string, number> | undefined, levels: readonly Level[]): { level: Level | null; firstMoveAt: number }[] {
  if (!mix) return Array.from({ length: staff }, () => ({ level: null, firstMoveAt: Infinity }));
  const out: { level: Level | null; firstMoveAt: number }[] = [];
  const counts = apportion(Object.values(mix).map((share) => share * staff), staff);
  Object.keys(mix).forEach((n, i) => {
    const level = levels.find((l) => l.name === n)!;
    for (let j = 0; j < counts[i]; j++) out.push({ level, firstMoveAt: level.secondsAtLevel === Infinity ? Infinity : ((j + 0.5) / counts[i]) * level.secondsAtLevel });
  });
  return out;
}

interface Post {
  origin: number;
  index: number;
  tenures: Tenure[];
  /** The post's own departure draws: keyed by (group, shift, person), so other posts never shift them. */
  leave: () => number;
}

/**
 * The people of each of a group's shifts over the run. A shift's posts are held at clock 0 by
 * first holders (`firstHolders`), except the vacancies at the start: the share `vacantAtStart` of
 * each shift's posts, rounded (the last posts of the shift). Holders leave at random; a post then stays
 * vacant until it is refilled after `refillSeconds` or, with intakes, until an intake fills it.
 * A post vacant at the start is refilled at a uniform time within `refillSeconds` (the vacancy
 * pipeline in a steady state). Every draw is the post's own (departures, and the vacancy's
 * residual time), so one post's history never moves another's, except through which vacant posts
 * an intake fills.
 */
export function groupPosts(
  shifts: readonly { origin: number; staff: number }[],
  mix: Record<string, number> | undefined,
  levels: readonly Level[],
  keyed: KeyedRandom,
  w: Workforce | undefined,
): Person[][] {
  // each shift's own share, rounded: a change to one shift's headcount moves no other shift's vacancies
  const vacant = shifts.map((s) => Math.round((w?.vacantAtStart ?? 0) * s.staff));
  const rate = w?.ratePerSecond ?? 0;
  const posts: Post[][] = shifts.map((s, k) => {
    const held = firstHolders(s.staff - vacant[k], mix, levels);
    return Array.from({ length: s.staff }, (_, index) => {
      const first = held[index];
      let drawn = 0;
      return {
        origin: s.origin,
        index,
        tenures: first ? [{ from: -Infinity, until: Infinity, level: first.level, firstMoveAt: first.firstMoveAt }] : [],
        // the post's departure draws in turn (KeyedRandom's generator is shared: re-pointed, then advanced past earlier draws)
        leave: () => {
          const rng = keyed.at(s.origin, index, 0, ATTRITION);
          for (let i = 0; i < drawn; i++) rng();
          drawn++;
          return -Math.log(1 - rng()) / rate;
        },
      };
    });
  });
  if (w && (rate > 0 || w.vacantAtStart > 0)) {
    if (w.refillSeconds !== null) for (const p of posts.flat()) refillEachPost(p, w, keyed);
    else fillFromIntakes(posts.flat(), w);
  }
  return posts.map((ps) => ps.map((p) => new Person(p.index, p.tenures)));
}

/** A tenure from `from`: a recruit at `level`, held until a departure drawn from the post's own stream. */
function recruit(p: Post, from: number, level: Level | null, w: Workforce): Tenure {
  const until = w.ratePerSecond > 0 ? from + p.leave() : Infinity;
  const t = { from, until: until > w.untilSeconds ? Infinity : until, level, firstMoveAt: from + (level?.secondsAtLevel ?? Infinity) };
  p.tenures.push(t);
  return t;
}

/** Without intakes: every departure is followed by a recruit `refillSeconds` later. */
function refillEachPost(p: Post, w: Workforce, keyed: KeyedRandom): void {
  const refill = w.refillSeconds!;
  let last: Tenure;
  if (p.tenures.length === 0) {
    last = recruit(p, keyed.at(p.origin, p.index, 0, VACANCY)() * refill, w.recruitLevel, w);
  } else {
    last = p.tenures[0];
    const until = w.ratePerSecond > 0 ? p.leave() : Infinity;
    p.tenures[0] = { ...last, until: until > w.untilSeconds ? Infinity : until };
    last = p.tenures[0];
  }
  while (last.until !== Infinity) last = recruit(p, last.until + refill, w.recruitLevel, w);
}

/** With intakes: departures leave posts vacant; each intake fills the longest-vacant posts, up to its size. */
function fillFromIntakes(all: Post[], w: Workforce): void {
  // pending departures, kept sorted by time (few: a handful per post per year)
  const pending: { at: number; post: Post }[] = [];
  const addDeparture = (post: Post, at: number) => {
    if (at > w.untilSeconds) return;
    let i = pending.length;
    while (i > 0 && pending[i - 1].at > at) i--;
    pending.splice(i, 0, { at, post });
  };
  const vacantQueue: Post[] = all.filter((p) => p.tenures.length === 0);
  if (w.ratePerSecond > 0) for (const p of all) if (p.tenures.length > 0) addDeparture(p, p.leave());
  const depart = (e: { at: number; post: Post }) => {
    const t = e.post.tenures[e.post.tenures.length - 1];
    e.post.tenures[e.post.tenures.length - 1] = { ...t, until: e.at };
    vacantQueue.push(e.post);
  };
  for (const intake of w.intakes) {
    while (pending.length > 0 && pending[0].at <= intake.atSeconds) depart(pending.shift()!);
    for (const post of vacantQueue.splice(0, intake.people)) {
      const t = recruit(post, intake.atSeconds, intake.level, w);
      if (t.until !== Infinity) addDeparture(post, t.until);
    }
  }
  while (pending.length > 0) depart(pending.shift()!);
}
