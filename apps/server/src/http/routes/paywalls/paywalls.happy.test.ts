import { describe, expect, test } from 'vitest';
import { anApp } from '../../../testing/catalog-builders.js';
import { anImage, aPaywall, aPlatformWithProducts, paywallContent } from '../../../testing/paywall-builders.js';
import { useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();

async function aSetUp() {
  const app = await anApp(api.client);
  const { platform, monthly, annual } = await aPlatformWithProducts(api.client, app.id);
  const content = paywallContent({ platformId: platform.id, productIds: [monthly.id, annual.id] });
  return { app, platform, monthly, annual, content };
}

describe('paywalls: drafts and published versions', () => {
  test('a new paywall is a draft that devices do not see', async () => {
    const { app, content } = await aSetUp();

    const response = await api.client.post(`/api/v1/apps/${app.id}/paywalls`, { name: 'Spring', content });

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      app_id: app.id,
      name: 'Spring',
      draft: { template: 'hero', copy: { en: { title: 'Go Premium', legal_text: '' } }, images: {} },
      published_version: null,
      published: null,
      has_unpublished_changes: true,
    });
  });

  test('publishing makes the draft version 1; later edits change only the draft until the next publish', async () => {
    const { app, content } = await aSetUp();
    const paywall = await aPaywall(api.client, app.id, content);

    const first = await api.client.post(`/api/v1/apps/${app.id}/paywalls/${paywall.id}/publish`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ published_version: 1, has_unpublished_changes: false });

    const edited = { ...content, copy: { en: { title: 'Half price today', call_to_action: 'Buy' } } };
    const patched = await api.client.patch(`/api/v1/apps/${app.id}/paywalls/${paywall.id}`, { content: edited });
    expect(patched.json()).toMatchObject({
      published_version: 1,
      published: { copy: { en: { title: 'Go Premium' } } },
      draft: { copy: { en: { title: 'Half price today' } } },
      has_unpublished_changes: true,
    });

    const second = await api.client.post(`/api/v1/apps/${app.id}/paywalls/${paywall.id}/publish`);
    expect(second.json()).toMatchObject({
      published_version: 2,
      published: { copy: { en: { title: 'Half price today' } } },
      has_unpublished_changes: false,
    });
  });

  test('every version is kept, newest first, and restoring one publishes it again as a new version', async () => {
    const { app, content } = await aSetUp();
    const paywall = await aPaywall(api.client, app.id, content);
    const base = `/api/v1/apps/${app.id}/paywalls/${paywall.id}`;
    await api.client.post(`${base}/publish`);
    await api.client.patch(base, { content: { ...content, dismissible: false } });
    await api.client.post(`${base}/publish`);

    const restored = await api.client.post(`${base}/versions/1/restore`);

    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({
      published_version: 3,
      published: { dismissible: true },
      draft: { dismissible: true },
    });
    const versions = (await api.client.get(`${base}/versions`)).json().data;
    expect(
      versions.map((v: { version: number; restored_from: number | null }) => [v.version, v.restored_from]),
    ).toEqual([
      [3, 1],
      [2, null],
      [1, null],
    ]);
    expect(versions.map((v: { content: { dismissible: boolean } }) => v.content.dismissible)).toEqual([
      true,
      false,
      true,
    ]);
  });

  test('renaming leaves the content alone; the list shows every paywall of the app', async () => {
    const { app, content } = await aSetUp();
    const one = await aPaywall(api.client, app.id, content, 'One');
    await aPaywall(api.client, app.id, content, 'Two');

    const renamed = await api.client.patch(`/api/v1/apps/${app.id}/paywalls/${one.id}`, { name: 'Uno' });

    expect(renamed.json()).toMatchObject({ name: 'Uno', draft: { template: 'hero' } });
    const list = (await api.client.get(`/api/v1/apps/${app.id}/paywalls`)).json();
    expect(list.data.map((p: { name: string }) => p.name)).toEqual(['Uno', 'Two']);
  });

  test('a paywall shows uploaded images by slot', async () => {
    const { app, content } = await aSetUp();
    const hero = await anImage(api.client, app.id, 1242, 600);

    const paywall = await aPaywall(api.client, app.id, { ...content, images: { hero: hero.id } });

    expect((await api.client.get(`/api/v1/apps/${app.id}/paywalls/${paywall.id}`)).json().draft.images).toEqual({
      hero: hero.id,
    });
  });

  test('deleting a paywall takes its versions with it', async () => {
    const { app, content } = await aSetUp();
    const paywall = await aPaywall(api.client, app.id, content);
    await api.client.post(`/api/v1/apps/${app.id}/paywalls/${paywall.id}/publish`);

    const deleted = await api.client.delete(`/api/v1/apps/${app.id}/paywalls/${paywall.id}`);

    expect(deleted.statusCode).toBe(204);
    expect((await api.client.get(`/api/v1/apps/${app.id}/paywalls/${paywall.id}`)).statusCode).toBe(404);
    expect((await api.client.get(`/api/v1/apps/${app.id}/paywalls/${paywall.id}/versions`)).statusCode).toBe(404);
  });
});
