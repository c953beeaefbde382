import { useId } from 'react';
import { isApiError } from '../api/client.js';
import type { Paywall } from '../paywalls/queries.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import { newVariant, splitEvenly, type VariantRow, weightSum } from './variants.js';

interface Props {
  rows: VariantRow[];
  onChange: (rows: VariantRow[]) => void;
  /** The published paywalls: devices can be shown only those. */
  paywalls: Paywall[];
  error: unknown;
  /** Said when saving was refused here, before asking the API (the weights do not add up). */
  problem: string | null;
}

/** One paywall at 100%, or an A/B test: each variant a key, a paywall and a share of users. */
export function VariantsEditor({ rows, onChange, paywalls, error, problem }: Props) {
  const id = useId();
  const sum = weightSum(rows);
  const set = (index: number, change: Partial<VariantRow>) =>
    onChange(rows.map((row, position) => (position === index ? { ...row, ...change } : row)));
  const listError = problem ?? (isApiError(error) ? error.fieldError('variants') : undefined);
  return (
    <fieldset className="variants" aria-describedby={`${id}-sum${listError ? ` ${id}-error` : ''}`}>
      <legend>Variants</legend>
      {paywalls.length === 0 ? (
        <p className="field-error">Publish a paywall first: campaigns show published ones.</p>
      ) : null}
      <table className="table variants-table" aria-label="Variants">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Paywall</th>
            <th scope="col">Weight (%)</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const err = (field: string) => fieldErrorOf(error, `variants.${index}.${field}`);
            const messages = [err('key'), err('paywall_id'), err('weight')].filter(Boolean);
            const describedBy = messages.length > 0 ? `${id}-row-${index}` : undefined;
            return (
              <tr key={row.id}>
                <td>
                  <input
                    aria-label={`Key of variant ${index + 1}`}
                    value={row.key}
                    aria-describedby={describedBy}
                    size={6}
                    aria-invalid={err('key') !== undefined}
                    onChange={(e) => set(index, { key: e.target.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`Paywall of variant ${index + 1}`}
                    value={row.paywall_id}
                    aria-describedby={describedBy}
                    aria-invalid={err('paywall_id') !== undefined}
                    onChange={(e) => set(index, { paywall_id: e.target.value })}
                  >
                    {row.paywall_id === '' || paywalls.some((p) => p.id === row.paywall_id) ? null : (
                      <option value={row.paywall_id}>A paywall that is not published</option>
                    )}
                    {paywalls.map((paywall) => (
                      <option key={paywall.id} value={paywall.id}>
                        {paywall.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`Weight of variant ${index + 1} (%)`}
                    type="number"
                    min={0}
                    max={100}
                    value={row.weight}
                    aria-describedby={describedBy}
                    aria-invalid={err('weight') !== undefined}
                    onChange={(e) => set(index, { weight: e.target.value })}
                  />
                  {describedBy ? (
                    <div id={describedBy}>
                      {messages.map((message) => (
                        <p key={message} className="field-error">
                          {message}
                        </p>
                      ))}
                    </div>
                  ) : null}
                </td>
                <td className="row-action">
                  <button
                    type="button"
                    className="danger-button"
                    disabled={rows.length === 1}
                    aria-label={`Remove variant ${index + 1}`}
                    onClick={() => onChange(rows.filter((_row, position) => position !== index))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p id={`${id}-sum`} className={sum === 100 ? 'weight-sum' : 'weight-sum weight-sum-off'} aria-live="polite">
        Total: {sum}%{sum === 100 ? '' : ' (must be 100%)'}
      </p>
      {listError ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {listError}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          disabled={rows.length >= 10}
          onClick={() => onChange([...rows, newVariant(rows, paywalls)])}
        >
          + Add variant
        </button>
        <button type="button" onClick={() => onChange(splitEvenly(rows))}>
          Split evenly
        </button>
      </div>
    </fieldset>
  );
}
