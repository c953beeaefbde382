import { z } from 'zod';
import { conditionSchema } from './condition.js';

export const EMPTY_GROUP = 'A group needs at least one rule: for everyone, leave the audience null';

/** One level of a group, its children unchecked. */
const groupShells = {
  all: z.strictObject({ all: z.array(z.unknown()).min(1, EMPTY_GROUP) }),
  any: z.strictObject({ any: z.array(z.unknown()).min(1, EMPTY_GROUP) }),
};

type Issue = z.core.$ZodRawIssue;

/**
 * The problems of a rule tree that failed to parse, each at its own path (`all.1.value`),
 * where zod's union only says that the whole tree matches none of its shapes. Stops at the
 * depth limit, so a hostile tree thousands of levels deep costs no more than a legal one.
 */
export function treeProblems(rule: unknown, maxDepth: number): Issue[] {
  const problems: Issue[] = [];
  collect(rule, [], maxDepth, maxDepth, problems);
  return problems;
}

function collect(rule: unknown, path: PropertyKey[], levelsLeft: number, maxDepth: number, problems: Issue[]): void {
  const group = asGroup(rule);
  if (group === null) {
    problems.push(...at(path, conditionSchema.safeParse(rule).error));
    return;
  }
  if (levelsLeft === 0) {
    problems.push({ code: 'custom', path, input: undefined, message: `Groups nest at most ${maxDepth} deep` });
    return;
  }
  problems.push(...at(path, groupShells[group.key].safeParse(rule).error));
  if (Array.isArray(group.children)) {
    group.children.forEach((child: unknown, index) => {
      collect(child, [...path, group.key, index], levelsLeft - 1, maxDepth, problems);
    });
  }
}

function at(path: PropertyKey[], error: z.ZodError | undefined): Issue[] {
  return (error?.issues ?? []).map((issue) => ({ ...issue, path: [...path, ...issue.path], input: undefined }));
}

function asGroup(rule: unknown): { key: 'all' | 'any'; children: unknown } | null {
  if (typeof rule !== 'object' || rule === null) {
    return null;
  }
  const key = Object.hasOwn(rule, 'all') ? 'all' : Object.hasOwn(rule, 'any') ? 'any' : null;
  return key === null ? null : { key, children: Reflect.get(rule, key) };
}
