import { type FormEvent, useState } from 'react';
import type { Paywall } from '../paywalls/queries.js';
import { Field } from '../ui/field.js';
import { FormActions } from '../ui/form-actions.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import { Switch } from '../ui/switch.js';
import type { CampaignValues } from './campaign-values.js';
import { RuleBuilder } from './rule-builder.js';
import { weightSum } from './variants.js';
import { VariantsEditor } from './variants-editor.js';

const FIELDS = [
  'name',
  'placement',
  'template',
  'is_default',
  'paused',
  'starts_at',
  'ends_at',
  'attribution_window_hours',
  'audience',
  'variants',
];

interface Props {
  initial: CampaignValues;
  /** The app's placements, offered as suggestions. */
  placements: string[];
  paywalls: Paywall[];
  entitlementIds: string[];
  submit: string;
  pending: boolean;
  error: unknown;
  onSave: (values: CampaignValues) => void;
  onCancel: () => void;
}

/** A campaign's settings: where, when, to whom, and which paywall (or A/B test of paywalls). */
export function CampaignForm({
  initial,
  placements,
  paywalls,
  entitlementIds,
  submit,
  pending,
  error,
  onSave,
  onCancel,
}: Props) {
  const [values, setValues] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (change: Partial<CampaignValues>) => setValues({ ...values, ...change });
  const err = (field: string) => fieldErrorOf(error, field);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const sum = weightSum(values.variants);
    // Refused here: the API would refuse it too, and saying so beside the weights is quicker.
    if (sum !== 100) {
      setProblem(`The weights add up to ${sum}%: they must add up to 100%. “Split evenly” shares them out.`);
      return;
    }
    setProblem(null);
    onSave(values);
  };

  return (
    <form className="campaign-form" onSubmit={save} noValidate aria-labelledby="campaign-title">
      <div className="form-grid">
        <Field label="Name" name="name" error={err('name')}>
          {(props) => <input {...props} value={values.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        <Field label="Placement" name="placement" error={err('placement') ?? err('template')}>
          {(props) => (
            <input
              {...props}
              value={values.placement}
              placeholder="onboarding"
              list="placements"
              onChange={(e) => set({ placement: e.target.value })}
            />
          )}
        </Field>
        <datalist id="placements">
          {placements.map((placement) => (
            <option key={placement} value={placement} />
          ))}
        </datalist>
        <Field
          label="Attribution window (hours)"
          name="attribution_window_hours"
          error={err('attribution_window_hours')}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={720}
              value={values.attributionWindowHours}
              onChange={(e) => set({ attributionWindowHours: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="switches">
        <Switch checked={values.isDefault} onChange={(isDefault) => set({ isDefault })}>
          Default of its placement: shown to everyone no other campaign applies to
        </Switch>
        {err('is_default') ? <p className="field-error">{err('is_default')}</p> : null}
        <Switch checked={values.paused} onChange={(paused) => set({ paused })}>
          Paused: devices are not shown it
        </Switch>
      </div>
      <fieldset>
        <legend>Schedule</legend>
        <p className="muted small">In your time zone. Leave empty to start now, or to run with no end.</p>
        <div className="form-grid">
          <Field label="Starts" name="starts_at" error={err('starts_at')}>
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={values.startsAt}
                onChange={(e) => set({ startsAt: e.target.value })}
              />
            )}
          </Field>
          <Field label="Ends" name="ends_at" error={err('ends_at')}>
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={values.endsAt}
                onChange={(e) => set({ endsAt: e.target.value })}
              />
            )}
          </Field>
        </div>
      </fieldset>
      {values.isDefault ? (
        <p className="note">A default campaign is for everyone: its audience is not used.</p>
      ) : (
        <RuleBuilder
          root={values.audience}
          onChange={(audience) => set({ audience })}
          error={error}
          entitlementIds={entitlementIds}
        />
      )}
      <VariantsEditor
        rows={values.variants}
        onChange={(variants) => {
          setProblem(null);
          set({ variants });
        }}
        paywalls={paywalls}
        error={error}
        problem={problem}
      />
      <FormActions error={error} fields={FIELDS} pending={pending} submit={submit} onCancel={onCancel} />
    </form>
  );
}
