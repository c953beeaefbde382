import { useState } from 'react';
import type { Schemas } from '../api/client.js';
import { ConfirmDelete } from '../ui/confirm-delete.js';
import { CopyValue } from '../ui/copy-button.js';
import { storeName } from '../ui/format.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { PlatformForm } from './platform-form.js';
import { useDeletePlatform, usePlatforms, useProducts } from './queries.js';

type Platform = Schemas['AppPlatform'];

export function PlatformsSection({ appId }: { appId: string }) {
  const platforms = usePlatforms(appId);
  const [editing, setEditing] = useState<Platform | 'new' | null>(null);
  const list = platforms.data?.data;
  return (
    <section aria-labelledby="platforms-title">
      <div className="section-head">
        <h2 id="platforms-title">App platforms</h2>
        {/* Hidden, not removed, while its form is open: focus comes back to it when the form closes. */}
        <button type="button" hidden={editing === 'new'} onClick={() => setEditing('new')}>
          + Add platform
        </button>
      </div>
      {editing ? (
        <PlatformForm
          key={editing === 'new' ? 'new' : editing.id}
          appId={appId}
          existing={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {platforms.isPending ? <Loading what="platforms" /> : null}
      {platforms.isError ? <ErrorState error={platforms.error} onRetry={() => void platforms.refetch()} /> : null}
      {list && list.length === 0 ? (
        <Empty title="No platforms yet">
          <p>Add one for each store the app sells in: it gives the SDK key and the store’s notification URL.</p>
        </Empty>
      ) : null}
      {list && list.length > 0 ? (
        <ul className="platform-list" aria-label="App platforms">
          {list.map((platform) => (
            <PlatformCard key={platform.id} appId={appId} platform={platform} onEdit={() => setEditing(platform)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

interface CardProps {
  appId: string;
  platform: Platform;
  onEdit: () => void;
}

function PlatformCard({ appId, platform, onEdit }: CardProps) {
  const titleId = `platform-${platform.id}`;
  return (
    <li className="card platform" aria-labelledby={titleId}>
      <div className="card-head">
        <h3 id={titleId}>
          {platform.name} <span className="muted">· {storeName(platform.store)}</span>
        </h3>
        <div className="actions">
          <button type="button" aria-label={`Edit platform “${platform.name}”`} onClick={onEdit}>
            Edit
          </button>
          <DeletePlatform appId={appId} platform={platform} />
        </div>
      </div>
      <dl>
        <dt>Marketplace ID</dt>
        <dd>
          <code>{platform.marketplace_app_id}</code>
        </dd>
        <dt>Environment</dt>
        <dd>{platform.environment}</dd>
        <dt>SDK key</dt>
        <dd>
          <CopyValue value={platform.sdk_key} label={`${platform.name} SDK key`} />
        </dd>
        {platform.apple ? (
          <div className="dl-row">
            <dt>Apple notification URL</dt>
            <dd>
              <CopyValue value={platform.apple.notification_url} label={`${platform.name} Apple notification URL`} />
              <span className="hint">
                App Store Connect → App Information → App Store Server Notifications, for Production and Sandbox.
              </span>
            </dd>
          </div>
        ) : null}
        {platform.google ? (
          <div className="dl-row">
            <dt>Google notification URL</dt>
            <dd>
              <CopyValue value={platform.google.notification_url} label={`${platform.name} Google notification URL`} />
              <span className="hint">
                The push endpoint of the Pub/Sub subscription for Real-time developer notifications.
              </span>
            </dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}

function DeletePlatform({ appId, platform }: { appId: string; platform: Platform }) {
  const deletion = useDeletePlatform(appId);
  const skus = (useProducts(appId).data?.data ?? []).filter((p) => p.app_platform_id === platform.id);
  return (
    <ConfirmDelete
      what={`platform “${platform.name}”`}
      deletion={deletion}
      onDelete={({ force }) => deletion.mutate({ id: platform.id, force })}
      force={{ code: 'app_platform_in_use', label: `Delete “${platform.name}” and its SKUs` }}
    >
      <p>Its SDK key stops working, and {storeName(platform.store)}’s notifications to its URL are no longer taken.</p>
      {skus.length > 0 ? (
        <p>
          It sells {skus.map((p) => p.sku_ref_id).join(', ')}: Tollgate deletes a platform’s SKUs only when you say so.
        </p>
      ) : null}
      <p>A platform that customers’ devices, purchases or store notifications, or an mParticle feed, use is kept.</p>
    </ConfirmDelete>
  );
}
