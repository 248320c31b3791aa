// Ids shaped like each platform's, from one counter per platform, so a fresh sandbox hands
// out the same ids in the same order every run.
import type { Platform } from '../../../domain/shared/values.ts';

// Google Ads ids are int64 decimals (campaign ids about 11 digits); Meta ids are decimal
// strings of about 18 digits beginning 120, too long for a JS number, so built as text.
export const platformId = (platform: Platform, serial: number): string =>
  platform === 'google_ads' ? String(20_000_000_000 + serial) : `1202${String(serial).padStart(14, '0')}`;
