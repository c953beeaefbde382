import type { Deps } from '../../../deps.js';
import { type PublishPaywallResult, publishPaywall } from '../../../use-cases/publish-paywall.js';
import { principalOf } from '../../auth.js';
import type { HttpApp } from '../../http-app.js';
import { problemResponses } from '../../problem.js';
import { appNotFound } from '../apps/problems.js';
import { paywallParams, paywallSchema, paywallVersionParams, presentPaywall } from './paywall-schema.js';
import { paywallNotFound, paywallVersionNotFound, referencesGone } from './problems.js';

export function publishPaywallRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/paywalls/:paywallId/publish',
    {
      schema: {
        operationId: 'publishPaywall',
        tags: ['Paywalls'],
        summary: 'Publish the draft as a new version: devices see it from now on',
        params: paywallParams,
        response: { 200: paywallSchema, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, paywallId } = request.params;
      return answer(await publishPaywall(deps, { orgId, appId, paywallId }), appId, paywallId);
    },
  );
}

export function restorePaywallVersionRoute(http: HttpApp, deps: Deps): void {
  http.post(
    '/apps/:appId/paywalls/:paywallId/versions/:version/restore',
    {
      schema: {
        operationId: 'restorePaywallVersion',
        tags: ['Paywalls'],
        summary: 'Publish an earlier version again, as a new version (it becomes the draft too)',
        params: paywallVersionParams,
        response: { 200: paywallSchema, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      const { orgId } = principalOf(request);
      const { appId, paywallId, version } = request.params;
      const result = await publishPaywall(deps, { orgId, appId, paywallId, fromVersion: version });
      return answer(result, appId, paywallId, version);
    },
  );
}

function answer(result: PublishPaywallResult, appId: string, paywallId: string, version = 0) {
  switch (result.outcome) {
    case 'published':
      return presentPaywall(result.paywall);
    case 'app_not_found':
      throw appNotFound(appId);
    case 'paywall_not_found':
      throw paywallNotFound(paywallId);
    case 'version_not_found':
      throw paywallVersionNotFound(version);
    case 'broken_references':
      throw referencesGone(result.broken);
  }
}
