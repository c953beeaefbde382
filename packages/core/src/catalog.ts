/** The stores where an app's users pay. Each app platform sells through exactly one. */
export const STORE_PLATFORMS = ['apple', 'google', 'roku'] as const;
export type StorePlatform = (typeof STORE_PLATFORMS)[number];

interface StorePlatformInfo {
  /** How the store calls itself. */
  name: string;
  /** What the store calls the id an app platform is known by there. */
  marketplaceIdLabel: string;
}

export const STORE_PLATFORM_INFO = {
  apple: { name: 'App Store', marketplaceIdLabel: 'Bundle ID' },
  google: { name: 'Google Play', marketplaceIdLabel: 'Package name' },
  roku: { name: 'Roku Channel Store', marketplaceIdLabel: 'Channel ID' },
} as const satisfies Record<StorePlatform, StorePlatformInfo>;

export const PRODUCT_TYPES = ['subscription', 'non_consumable', 'consumable'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/**
 * Reference ids (`entitlement_ref_id`, `sku_ref_id`) are what apps and stores use in
 * code: the store product id characters (letters, digits, `.`, `_`, `-`, `:`), starting
 * with a letter or digit.
 */
export const REF_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const REF_ID_MAX_LENGTH = 150;
