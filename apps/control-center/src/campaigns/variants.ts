import type { Paywall } from '../paywalls/queries.js';

/** A variant as typed: the weight is text until saved. */
export interface VariantRow {
  id: string;
  key: string;
  paywall_id: string;
  weight: string;
}

export const weightSum = (rows: VariantRow[]) => rows.reduce((sum, row) => sum + (Number(row.weight) || 0), 0);

/** 100 shared as evenly as whole percents allow, the first ones taking what is left over: 34, 33, 33. */
export function splitEvenly(rows: VariantRow[]): VariantRow[] {
  const share = Math.floor(100 / rows.length);
  return rows.map((row, index) => ({ ...row, weight: String(share + (index < 100 % rows.length ? 1 : 0)) }));
}

let lastId = 0;

/** The next letter as its key, the first paywall no variant shows yet, and all the weight if it is the first. */
export function newVariant(rows: VariantRow[], paywalls: Paywall[]): VariantRow {
  const keys = new Set(rows.map((row) => row.key));
  const key = [...'ABCDEFGHIJ'].find((letter) => !keys.has(letter)) ?? `V${rows.length + 1}`;
  const used = new Set(rows.map((row) => row.paywall_id));
  const paywall = paywalls.find((p) => !used.has(p.id)) ?? paywalls[0];
  return { id: `variant-${++lastId}`, key, paywall_id: paywall?.id ?? '', weight: rows.length === 0 ? '100' : '0' };
}
