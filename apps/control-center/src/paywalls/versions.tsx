import { formatTime } from '../ui/format.js';
import { Empty, ErrorState, Loading } from '../ui/states.js';
import { type Paywall, usePaywallVersions, useRestoreVersion } from './queries.js';

interface Props {
  appId: string;
  paywall: Paywall;
  /** The restored version is the draft now: the form shows it. */
  onRestored: (paywall: Paywall) => void;
}

/** Every published version, newest first; restoring one publishes it again as a new version. */
export function Versions({ appId, paywall, onRestored }: Props) {
  const versions = usePaywallVersions(appId, paywall.id);
  const restore = useRestoreVersion(appId, paywall.id);
  const list = versions.data?.data;
  return (
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <p className="muted small">
        Restoring a version publishes it again, as a new version, and makes it the draft: unsaved edits are lost.
      </p>
      {versions.isPending ? <Loading what="versions" /> : null}
      {versions.isError ? <ErrorState error={versions.error} onRetry={() => void versions.refetch()} /> : null}
      {restore.isError ? <ErrorState error={restore.error} /> : null}
      {list && list.length === 0 ? <Empty title="Not published yet" /> : null}
      {list && list.length > 0 ? (
        <table className="table" aria-label="Published versions, newest first">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Published</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((version) => (
              <tr key={version.version}>
                <td>
                  Version {version.version}
                  {version.version === paywall.published_version ? (
                    <span className="badge badge-after">Live</span>
                  ) : null}
                  {version.restored_from === null ? null : (
                    <span className="muted small"> (restored from version {version.restored_from})</span>
                  )}
                </td>
                <td>{formatTime(version.published_at)}</td>
                <td className="row-action">
                  {version.version === paywall.published_version ? null : (
                    <button
                      type="button"
                      disabled={restore.isPending}
                      aria-label={`Restore version ${version.version}`}
                      onClick={() => restore.mutate(version.version, { onSuccess: onRestored })}
                    >
                      Restore
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
