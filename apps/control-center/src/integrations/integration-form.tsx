import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { Schemas } from '../api/client.js';
import { Field } from '../ui/field.js';
import { fieldErrorOf, formErrorOf } from '../ui/form-errors.js';
import { storeName } from '../ui/format.js';
import { EventPicker } from './event-picker.js';
import { ALL_EVENT_TYPES, type EventType, isVendorEventType, VENDOR_EVENT_TYPES } from './event-types.js';
import type { Integration, IntegrationChanges, NewIntegration } from './queries.js';

export type Kind = Integration['kind'];

export const KIND_NAMES: Record<Kind, string> = { amplitude: 'Amplitude', mparticle: 'mParticle', webhook: 'Webhook' };

const AMPLITUDE_ENDPOINTS = [
  { label: 'Standard endpoint', url: 'https://api2.amplitude.com/2/httpapi' },
  { label: 'EU residency endpoint', url: 'https://api.eu.amplitude.com/2/httpapi' },
];
const MPARTICLE_PODS = [
  { label: 'US1 (default)', url: 'https://s2s.mparticle.com/v2' },
  { label: 'EU1', url: 'https://s2s.eu1.mparticle.com/v2' },
];
const ID_CHOICES = [
  ['external_id', 'External ID'],
  ['user_id', 'Nami User ID'],
] as const;
type IdChoice = (typeof ID_CHOICES)[number][0];

interface Props {
  kind: Kind;
  appName: string;
  platforms: Schemas['AppPlatform'][];
  /** Set when changing an integration; absent when adding one. */
  existing?: Integration;
  pending: boolean;
  error: unknown;
  onCreate: (body: NewIntegration) => void;
  onUpdate: (body: IntegrationChanges) => void;
}

/** The set-up form of an Amplitude integration, an mParticle feed or a webhook, as the vendors' guides describe it. */
export function IntegrationForm({ kind, appName, platforms, existing, pending, error, onCreate, onUpdate }: Props) {
  const offered = kind === 'webhook' ? ALL_EVENT_TYPES : VENDOR_EVENT_TYPES;
  const [enabled, setEnabled] = useState(existing?.enabled ?? true);
  const [name, setName] = useState(existing?.name ?? '');
  const [eventTypes, setEventTypes] = useState<EventType[]>(existing?.event_types ?? [...offered]);
  // Amplitude
  const [endpoint, setEndpoint] = useState(existing?.amplitude?.endpoint ?? AMPLITUDE_ENDPOINTS[0]?.url ?? '');
  const [apiKey, setApiKey] = useState('');
  const [secretKey, setSecretKey] = useState('');
  const [userId, setUserId] = useState<IdChoice>(existing?.amplitude?.user_id ?? 'external_id');
  // mParticle
  const [mode, setMode] = useState(existing?.mparticle?.mode ?? 'selected_platform');
  const [platformId, setPlatformId] = useState(existing?.mparticle?.app_platform_id ?? platforms[0]?.id ?? '');
  const [baseUrl, setBaseUrl] = useState(existing?.mparticle?.base_url ?? MPARTICLE_PODS[0]?.url ?? '');
  const [key, setKey] = useState('');
  const [secret, setSecret] = useState('');
  const [customerId, setCustomerId] = useState<IdChoice>(existing?.mparticle?.customer_id ?? 'external_id');
  // Webhook
  const [url, setUrl] = useState(existing?.webhook?.url ?? '');
  const [authorization, setAuthorization] = useState('');

  const err = (field: string) => fieldErrorOf(error, field);
  /** A secret typed replaces the stored one; left empty, the stored one stays. */
  const typed = (value: string) => (value === '' ? undefined : value);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const common = { name, enabled, event_types: eventTypes };
    const vendor = { name, enabled, event_types: eventTypes.filter(isVendorEventType) };
    const platform = mode === 'selected_platform' ? { app_platform_id: platformId } : {};
    if (existing) {
      const changes: IntegrationChanges =
        kind === 'amplitude'
          ? { ...common, endpoint, user_id: userId, api_key: typed(apiKey), secret_key: typed(secretKey) }
          : kind === 'mparticle'
            ? {
                ...common,
                mode,
                ...platform,
                base_url: baseUrl,
                key: typed(key),
                secret: typed(secret),
                customer_id: customerId,
              }
            : { ...common, url, authorization: typed(authorization) };
      onUpdate(changes);
      return;
    }
    onCreate(
      kind === 'amplitude'
        ? {
            kind,
            ...vendor,
            endpoint,
            api_key: apiKey,
            ...(secretKey ? { secret_key: secretKey } : {}),
            user_id: userId,
          }
        : kind === 'mparticle'
          ? { kind, ...vendor, mode, ...platform, base_url: baseUrl, key, secret, customer_id: customerId }
          : { kind, ...common, url, ...(authorization ? { authorization } : {}) },
    );
  };

  const hint = (value: string | null | undefined) =>
    existing && value ? `Set (${value}). Leave empty to keep it, or type a new one.` : undefined;
  const fields = [
    'kind',
    'name',
    'enabled',
    'event_types',
    ...(kind === 'amplitude' ? ['endpoint', 'api_key', 'secret_key', 'user_id'] : []),
    ...(kind === 'mparticle' ? ['mode', 'app_platform_id', 'base_url', 'key', 'secret', 'customer_id'] : []),
    ...(kind === 'webhook' ? ['url', 'authorization'] : []),
  ];
  const formError = formErrorOf(error, fields);
  const kindError = err('kind');

  return (
    <form className="integration-form" onSubmit={submit} noValidate aria-label={`${KIND_NAMES[kind]} settings`}>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={enabled}
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <span>Enable Integration</span>
      </label>
      {kindError ? <p className="field-error">{kindError}</p> : null}

      {kind === 'mparticle' ? (
        <fieldset className="choice" aria-describedby={err('mode') ? 'mode-error' : undefined}>
          <legend>Which events this feed gets</legend>
          <label className="check">
            <input
              type="radio"
              name="mode"
              value="selected_platform"
              checked={mode === 'selected_platform'}
              onChange={() => setMode('selected_platform')}
            />
            Enable for events from only selected platform
          </label>
          {mode === 'selected_platform' ? (
            <div className="nested">
              <Field label="Platform" name="app_platform_id" error={err('app_platform_id')}>
                {(props) => (
                  <select {...props} value={platformId} onChange={(e) => setPlatformId(e.target.value)}>
                    {platforms.length === 0 ? <option value="">No platforms: add one in the Catalog</option> : null}
                    {platforms.map((platform) => (
                      <option key={platform.id} value={platform.id}>
                        {platform.name} ({storeName(platform.store)})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          ) : null}
          <label className="check">
            <input
              type="radio"
              name="mode"
              value="all_platforms"
              checked={mode === 'all_platforms'}
              onChange={() => setMode('all_platforms')}
            />
            Enable for events from “{appName}” App and all Platforms <span className="badge">Legacy</span>
          </label>
          <p className="muted nested">
            A legacy configuration that should not be used for new feeds: set up one feed per platform instead.
          </p>
          {mode === 'all_platforms' && err('app_platform_id') ? (
            <p className="field-error">{err('app_platform_id')}</p>
          ) : null}
          {err('mode') ? (
            <p className="field-error" id="mode-error">
              {err('mode')}
            </p>
          ) : null}
        </fieldset>
      ) : null}

      <div className="form-grid">
        <Field label="Name" name="name" error={err('name')}>
          {(props) => (
            <input
              {...props}
              value={name}
              placeholder={kind === 'mparticle' ? 'mParticle iOS feed' : `${KIND_NAMES[kind]} (production)`}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>

        {kind === 'amplitude' ? (
          <>
            <EndpointChoice
              legend="Amplitude Endpoint"
              name="endpoint"
              options={AMPLITUDE_ENDPOINTS}
              value={endpoint}
              onChange={setEndpoint}
              error={err('endpoint')}
            />
            <SecretField
              label="API Key"
              name="api_key"
              value={apiKey}
              onChange={setApiKey}
              error={err('api_key')}
              note={hint(existing?.amplitude?.api_key)}
            />
            <SecretField
              label="Secret Key (optional)"
              name="secret_key"
              value={secretKey}
              onChange={setSecretKey}
              error={err('secret_key')}
              note={hint(existing?.amplitude?.secret_key) ?? 'Tollgate keeps it; HTTP V2 does not need it.'}
            />
            <IdSelect label="User ID" name="user_id" value={userId} onChange={setUserId} error={err('user_id')}>
              Most apps use External ID: the id your app gives the SDK at login.
            </IdSelect>
          </>
        ) : null}

        {kind === 'mparticle' ? (
          <>
            <SecretField
              label="Server to Server Key"
              name="key"
              value={key}
              onChange={setKey}
              error={err('key')}
              note={hint(existing?.mparticle?.key)}
            />
            <SecretField
              label="Server to Server Secret"
              name="secret"
              value={secret}
              onChange={setSecret}
              error={err('secret')}
              note={hint(existing?.mparticle?.secret)}
            />
            <IdSelect
              label="Customer ID"
              name="customer_id"
              value={customerId}
              onChange={setCustomerId}
              error={err('customer_id')}
            >
              Most apps use External ID: the id your app gives the SDK with setExternalIdentifier.
            </IdSelect>
            <EndpointChoice
              legend="mParticle pod"
              name="base_url"
              options={MPARTICLE_PODS}
              value={baseUrl}
              onChange={setBaseUrl}
              error={err('base_url')}
            />
          </>
        ) : null}

        {kind === 'webhook' ? (
          <>
            <Field label="URL" name="url" error={err('url')}>
              {(props) => (
                <input
                  {...props}
                  type="url"
                  value={url}
                  placeholder="https://example.com/tollgate/webhooks"
                  onChange={(e) => setUrl(e.target.value)}
                />
              )}
            </Field>
            <SecretField
              label="Authorization header (optional)"
              name="authorization"
              value={authorization}
              onChange={setAuthorization}
              error={err('authorization')}
              note={
                hint(existing?.webhook?.authorization) ??
                'Sent verbatim as the Authorization header, for receivers that cannot check signatures.'
              }
            />
          </>
        ) : null}
      </div>

      <EventPicker offered={offered} selected={eventTypes} onChange={setEventTypes} error={err('event_types')} />

      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={pending}>
        {pending ? 'Saving…' : existing ? 'Save changes' : 'Add New Integration'}
      </button>
    </form>
  );
}

function SecretField(props: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  note: string | undefined;
}) {
  const noteId = useId();
  return (
    <Field label={props.label} name={props.name} error={props.error}>
      {(control) => (
        <>
          <input
            {...control}
            aria-describedby={
              [control['aria-describedby'], props.note ? noteId : undefined].filter(Boolean).join(' ') || undefined
            }
            type="password"
            autoComplete="off"
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
          />
          {props.note ? (
            <span className="hint" id={noteId}>
              {props.note}
            </span>
          ) : null}
        </>
      )}
    </Field>
  );
}

function IdSelect(props: {
  label: string;
  name: string;
  value: IdChoice;
  onChange: (value: IdChoice) => void;
  error: string | undefined;
  children: ReactNode;
}) {
  return (
    <Field label={props.label} name={props.name} error={props.error}>
      {(control) => (
        <>
          <select {...control} value={props.value} onChange={(e) => props.onChange(e.target.value as IdChoice)}>
            {ID_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <span className="hint">{props.children}</span>
        </>
      )}
    </Field>
  );
}

/** One of the vendor's endpoints, or any URL (a self-hosted proxy, another region, a test fake). */
function EndpointChoice(props: {
  legend: string;
  name: string;
  options: { label: string; url: string }[];
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const known = props.options.some((option) => option.url === props.value);
  const [custom, setCustom] = useState(!known);
  const customId = useId();
  const errorId = useId();
  return (
    <fieldset className="choice wide" aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.url} className="check">
          <input
            type="radio"
            name={props.name}
            checked={!custom && props.value === option.url}
            onChange={() => {
              setCustom(false);
              props.onChange(option.url);
            }}
          />
          {option.label} <code className="muted">{option.url}</code>
        </label>
      ))}
      <label className="check">
        <input type="radio" name={props.name} checked={custom} onChange={() => setCustom(true)} />
        Custom URL
      </label>
      {custom ? (
        <div className="nested">
          <label htmlFor={customId} className="visually-hidden">
            {props.legend} URL
          </label>
          <input
            id={customId}
            type="url"
            value={props.value}
            aria-invalid={props.error !== undefined}
            aria-describedby={props.error ? errorId : undefined}
            onChange={(e) => props.onChange(e.target.value)}
          />
        </div>
      ) : null}
      {props.error ? (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}
