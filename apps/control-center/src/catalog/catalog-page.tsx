import { AppHead } from './app-head.js';
import { EntitlementsSection } from './entitlements-section.js';
import { PlatformsSection } from './platforms-section.js';
import { ProductsSection } from './products-section.js';

/** The app's catalog: its platforms (what to paste into the stores and the app), entitlements and SKUs. */
export function CatalogPage({ appId }: { appId: string }) {
  return (
    <section aria-labelledby="catalog-title">
      <AppHead appId={appId} />
      <PlatformsSection appId={appId} />
      <EntitlementsSection appId={appId} />
      <ProductsSection appId={appId} />
    </section>
  );
}
