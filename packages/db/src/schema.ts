import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/** A timestamp the application always supplies (time comes from the clock, never `now()`). */
type Timestamp = ColumnType<Date, Date, Date>;

export type StoreColumn = 'apple' | 'google' | 'roku';
export type ProductTypeColumn = 'subscription' | 'non_consumable' | 'consumable';

export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: Timestamp;
}

export interface OperatorsTable {
  id: string;
  org_id: string;
  email: string;
  password_hash: string;
  created_at: Timestamp;
}

export interface OperatorSessionsTable {
  token_hash: string;
  operator_id: string;
  org_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: string;
  org_id: string;
  name: string;
  token_prefix: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AppsTable {
  id: string;
  org_id: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AppPlatformsTable {
  app_id: string;
  id: string;
  name: string;
  store: StoreColumn;
  marketplace_app_id: string;
  environment: string;
  sdk_key: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EntitlementsTable {
  app_id: string;
  id: string;
  entitlement_ref_id: string;
  name: string;
  description: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductsTable {
  app_id: string;
  id: string;
  app_platform_id: string;
  sku_ref_id: string;
  name: string;
  type: ProductTypeColumn;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductEntitlementsTable {
  app_id: string;
  product_id: string;
  entitlement_id: string;
}

export interface MigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Timestamp;
}

export interface Database {
  organizations: OrganizationsTable;
  operators: OperatorsTable;
  operator_sessions: OperatorSessionsTable;
  api_keys: ApiKeysTable;
  apps: AppsTable;
  app_platforms: AppPlatformsTable;
  entitlements: EntitlementsTable;
  products: ProductsTable;
  product_entitlements: ProductEntitlementsTable;
  tollgate_migrations: MigrationsTable;
}

export type App = Selectable<AppsTable>;
export type AppPlatform = Selectable<AppPlatformsTable>;
export type Entitlement = Selectable<EntitlementsTable>;
export type Product = Selectable<ProductsTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type Operator = Selectable<OperatorsTable>;
export type NewProduct = Insertable<ProductsTable>;
export type ProductUpdate = Updateable<ProductsTable>;
