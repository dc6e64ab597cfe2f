import type { z } from 'zod';
import type { CheckContext, CheckedParts } from './CheckContext.js';
import { scenarioSchema } from './schema.js';

const shape = scenarioSchema.shape;
const answersSchema = shape.handlers.valueType.shape.answers;

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The entries of a map section that are well-formed on their own; undefined if the section is not a map. */
function wellFormedEntries<T>(section: unknown, schema: z.ZodType<T>): { parsed: Record<string, T>; names: string[]; all: boolean } | undefined {
  if (section === undefined) return { parsed: {}, names: [], all: true };
  if (!isMap(section)) return undefined;
  const parsed: Record<string, T> = {};
  let all = true;
  for (const [name, value] of Object.entries(section)) {
    const r = schema.safeParse(value);
    if (r.success) parsed[name] = r.data;
    else all = false;
  }
  return { parsed, names: Object.keys(section), all };
}

/**
 * The parts of a scenario that are well-formed although the whole is not (it has schema
 * errors): every contact type, handler group, training level and major incident that parses
 * on its own, and the context the cross-key checks need to judge them without mistaking a
 * malformed entry for a missing one (every name the file gives, each group's answers when
 * they parse). So `validate` reports schema and cross-reference problems in one go.
 */
export function wellFormedParts(raw: unknown): { parts: CheckedParts; context: CheckContext } {
  const r = isMap(raw) ? raw : {};
  const contacts = wellFormedEntries(r.contacts, shape.contacts.valueType);
  const handlers = wellFormedEntries(r.handlers, shape.handlers.valueType);
  const levels = wellFormedEntries(r.training_levels, shape.training_levels.unwrap().valueType);
  const incidents = Array.isArray(r.major_incidents) ? r.major_incidents.map((m) => shape.major_incidents.unwrap().element.safeParse(m)) : undefined;
  const answers = isMap(r.handlers)
    ? new Map(
        Object.entries(r.handlers).map(([name, g]) => {
          const parsed = answersSchema.safeParse(isMap(g) ? g.answers : undefined);
          return [name, parsed.success ? parsed.data : undefined] as const;
        }),
      )
    : undefined;
  return {
    parts: {
      contacts: contacts?.parsed ?? {},
      handlers: handlers?.parsed ?? {},
      training_levels: levels?.parsed,
      major_incidents: incidents?.flatMap((m) => (m.success ? [m.data] : [])),
    },
    context: {
      contactNames: contacts?.names,
      levelNames: levels?.names,
      answers,
      dated: isMap(r.horizon) && r.horizon.start_date !== undefined,
      complete: !!(contacts?.all && handlers?.all && levels?.all && (r.major_incidents === undefined || incidents?.every((m) => m.success))),
    },
  };
}
