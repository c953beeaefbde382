import { aPng } from '@tollgate/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { anApp } from '../../../testing/catalog-builders.js';
import { anImage } from '../../../testing/paywall-builders.js';
import { countRows, UNKNOWN_ID, useTestServer } from '../../../testing/test-server.js';

const api = useTestServer();
let app: { id: string };

beforeAll(async () => {
  app = await anApp(api.client);
});

const upload = (contentType: string, payload: Buffer) =>
  api.client.call({
    method: 'POST',
    url: `/api/v1/apps/${app.id}/paywall-images`,
    headers: { 'content-type': contentType },
    payload,
  });

describe('paywall images', () => {
  test('an uploaded PNG is described and served publicly, byte for byte, cached for good', async () => {
    const png = aPng(120, 80);

    const response = await upload('image/png', png);

    expect(response.statusCode).toBe(201);
    const image = response.json();
    expect(image).toMatchObject({ content_type: 'image/png', width: 120, height: 80, byte_size: png.length });
    const path = new URL(image.url).pathname;
    const served = await api.server.http.inject({ method: 'GET', url: path });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(served.rawPayload.equals(png)).toBe(true);
    const again = await api.server.http.inject({
      method: 'GET',
      url: path,
      headers: { 'if-none-match': String(served.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  test('the list shows the newest first', async () => {
    const first = await anImage(api.client, app.id);
    const second = await anImage(api.client, app.id);

    const list = (await api.client.get(`/api/v1/apps/${app.id}/paywall-images`)).json();

    expect(list.data.map((i: { id: string }) => i.id).slice(0, 2)).toEqual([second.id, first.id]);
  });

  test.each([
    ['text that claims to be a PNG', 'image/png', Buffer.from('not really a png'), 422, 'not_an_image'],
    ['a PNG that claims to be a JPEG', 'image/jpeg', aPng(4, 4), 422, 'image_type_mismatch'],
    ['an image wider than 4096 px', 'image/png', aPng(4097, 1), 422, 'image_too_large'],
    ['an SVG', 'image/svg+xml', Buffer.from('<svg/>'), 415, 'unsupported_media_type'],
    [
      'more than 2 MiB',
      'image/png',
      Buffer.concat([aPng(4, 4), Buffer.alloc(2 * 1024 * 1024)]),
      413,
      'payload_too_large',
    ],
  ])('refuses %s (%s) with %i %s, and stores nothing', async (_case, type, body, status, code) => {
    const before = await countRows(api.server, 'paywall_images');

    const response = await upload(type, body);

    expect(response.statusCode).toBe(status);
    expect(response.json().code).toBe(code);
    expect(await countRows(api.server, 'paywall_images')).toBe(before);
  });

  test('an unknown image is a 404', async () => {
    const response = await api.server.http.inject({
      method: 'GET',
      url: `/media/v1/apps/${app.id}/paywall-images/${UNKNOWN_ID}`,
    });

    expect(response.statusCode).toBe(404);
  });
});
