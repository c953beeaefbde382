import type { Database, StoreNotification, StoreNotificationStatusColumn } from '@tollgate/db';
import type { Kysely } from 'kysely';
import type { PageRequest } from './page.js';

/** The app's store notifications, newest first. */
export function listStoreNotifications(
  db: Kysely<Database>,
  appId: string,
  filter: { status?: StoreNotificationStatusColumn | undefined },
  page: PageRequest,
): Promise<StoreNotification[]> {
  return db
    .selectFrom('store_notifications')
    .selectAll()
    .where('app_id', '=', appId)
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status ?? 'received'))
    .where('id', '<', page.after)
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export function findStoreNotification(
  db: Kysely<Database>,
  appId: string,
  id: string,
): Promise<StoreNotification | undefined> {
  return db
    .selectFrom('store_notifications')
    .selectAll()
    .where('app_id', '=', appId)
    .where('id', '=', id)
    .executeTakeFirst();
}
