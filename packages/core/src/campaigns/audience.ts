import { z } from 'zod';
import { EMPTY_GROUP, treeProblems } from './audience-problems.js';
import { type Condition, conditionSchema } from './condition.js';

/**
 * The audience language: who a campaign is for. An audience is a tree of conditions joined
 * by `all` (AND) and `any` (OR). It is stored and served as the JSON written here.
 */

/** Groups nest at most this deep: `{all: [{any: [{all: [{any: [condition]}]}]}]}` is the deepest. */
export const MAX_AUDIENCE_DEPTH = 4;
export const MAX_AUDIENCE_CONDITIONS = 50;

/** `all` is AND, `any` is OR; groups nest. */
export type Audience = { all: Audience[] } | { any: Audience[] } | Condition;

/** A rule that may still hold groups `levelsLeft` deep. */
function ruleSchema(levelsLeft: number): z.ZodType<Audience, Audience> {
  if (levelsLeft === 0) {
    return conditionSchema;
  }
  const children = z.array(ruleSchema(levelsLeft - 1)).min(1, EMPTY_GROUP);
  return z.union([z.strictObject({ all: children }), z.strictObject({ any: children }), conditionSchema]);
}

function conditionCount(audience: Audience): number {
  if ('all' in audience) {
    return audience.all.reduce((sum, rule) => sum + conditionCount(rule), 0);
  }
  if ('any' in audience) {
    return audience.any.reduce((sum, rule) => sum + conditionCount(rule), 0);
  }
  return 1;
}

/**
 * A campaign's audience, as request bodies carry it. A null audience (not this schema's
 * business) means everyone. Empty groups are rejected: `{"all": []}` would match everyone and
 * `{"any": []}` no one, neither of which anybody means to write. Groups nest at most
 * MAX_AUDIENCE_DEPTH deep (the schema itself has that many levels: it never recurses without
 * bound) with at most MAX_AUDIENCE_CONDITIONS conditions in all. Errors carry the path of the
 * bad value (`all.1.value`).
 */
export const audienceSchema = ruleSchema(MAX_AUDIENCE_DEPTH).superRefine(
  (_audience, context) => {
    if (context.issues.length > 0) {
      const problems = treeProblems(context.value, MAX_AUDIENCE_DEPTH);
      if (problems.length > 0) {
        context.issues.splice(0, context.issues.length, ...problems);
      }
      return;
    }
    if (conditionCount(context.value) > MAX_AUDIENCE_CONDITIONS) {
      context.addIssue({
        code: 'custom',
        message: `An audience has at most ${MAX_AUDIENCE_CONDITIONS} conditions`,
      });
    }
  },
  // Runs after a failed parse too: that is when the precise paths are needed.
  { when: () => true },
);
