export { openGoogleAdsPlatform } from './platform.ts';
export { googleAdsConfigSchema, type GoogleAdsConfig, type GoogleAdsOptions } from './config.ts';
