// The baseline for catalog reads: a bare Fastify route that runs the same SQL as
// GET /api/v1/apps/{id}/products, with `pg` directly: no auth, no validation, no mapping.
import Fastify from 'fastify';
import pg from 'pg';

/** What Tollgate's listProducts query compiles to (Kysely, PostgreSQL dialect). */
const LIST_PRODUCTS_SQL = `select "products".*, (select coalesce(json_agg(agg), '[]') from (select "entitlements"."id", "entitlements"."entitlement_ref_id", "entitlements"."name" from "product_entitlements" inner join "entitlements" on "entitlements"."app_id" = "product_entitlements"."app_id" and "entitlements"."id" = "product_entitlements"."entitlement_id" where "product_entitlements"."app_id" = "products"."app_id" and "product_entitlements"."product_id" = "products"."id" order by "entitlements"."entitlement_ref_id") as agg) as "entitlements" from "products" where "products"."app_id" = $1 and "products"."id" > $2 order by "products"."id" limit $3`;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const http = Fastify();

http.get<{ Params: { appId: string } }>('/apps/:appId/products', async (request) => {
  const result = await pool.query(LIST_PRODUCTS_SQL, [
    request.params.appId,
    '00000000-0000-0000-0000-000000000000',
    51,
  ]);
  return { data: result.rows, next_cursor: null };
});

await http.listen({ host: '127.0.0.1', port: 0 });
const address = http.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);

process.on('SIGTERM', () => {
  http
    .close()
    .then(() => pool.end())
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
});
