import type { AppPlatform } from '@tollgate/db';

/** The app platform an SDK key belongs to: every SDK call acts for it. */
export type SdkCaller = Pick<AppPlatform, 'app_id' | 'id' | 'store' | 'name' | 'marketplace_app_id'>;
