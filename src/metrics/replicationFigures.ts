import type { ReplicationResult } from './ReplicationResult.js';
import type { ReportShape } from './ReportShape.js';
import { ratio } from './ratio.js';

/** The per-replication figures behind summary.csv (one per contact type). */
export interface ReplicationFigures {
  replication: number;
  seed: number;
  contact: string;
  offered: number;
  answered: number;
  abandoned: number;
  /** 100 × answered within target ÷ offered */
  serviceLevelPct: number;
  /** 100 × answered within target ÷ answered */
  answeredWithinTargetPct: number;
  /** 100 × abandoned ÷ offered */
  abandonedPct: number;
  /** Mean answer time of answered calls (ASA), seconds */
  meanAnswerSeconds: number;
  /** Abandoned on the BT leg or within the short-abandon threshold of reaching the force */
  abandonedShort: number;
  /** abandoned - abandonedShort: callers who hung up after waiting at the force */
  abandonedAfterWait: number;
  /** 100 × abandonedAfterWait ÷ offered */
  abandonedAfterWaitPct: number;
}

/** The figures of one replication, per contact type. */
export function replicationFigures(shape: ReportShape, r: ReplicationResult): ReplicationFigures[] {
  return shape.contacts.map((c, k) => {
    const t = r.contacts[k];
    return {
      replication: r.replication,
      seed: r.seed,
      contact: c.name,
      offered: t.offered,
      answered: t.answered,
      abandoned: t.abandoned,
      serviceLevelPct: ratio(t.answeredWithinTarget, t.offered, 100),
      answeredWithinTargetPct: ratio(t.answeredWithinTarget, t.answered, 100),
      abandonedPct: ratio(t.abandoned, t.offered, 100),
      meanAnswerSeconds: ratio(t.answerSecondsSum, t.answered),
      abandonedShort: t.abandonedShort,
      abandonedAfterWait: t.abandoned - t.abandonedShort,
      abandonedAfterWaitPct: ratio(t.abandoned - t.abandonedShort, t.offered, 100),
    };
  });
}
