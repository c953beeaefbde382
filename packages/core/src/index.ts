export {
  PRODUCT_TYPES,
  type ProductType,
  REF_ID_MAX_LENGTH,
  REF_ID_PATTERN,
  STORE_PLATFORM_INFO,
  STORE_PLATFORMS,
  type StorePlatform,
} from './catalog.js';
