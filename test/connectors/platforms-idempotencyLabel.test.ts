// The idempotency key as a platform label: stable, distinct for every part of the key, and
// short enough for every platform's label names.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { idempotencyLabel, KEY_LABEL_PREFIX } from '../../connectors/platforms/idempotencyLabel.ts';
import type { IdempotencyKey } from '../../connectors/platforms/port.ts';

const t = suite('platforms: idempotency label');
const key: IdempotencyKey = { tenantId: 'acme', planId: 'p1', version: 2, platform: 'meta', logicalCampaignKey: 'meta:traffic' };

t('the same key gives the same label, within Google\'s 80-character label names', () => {
  assert.is(idempotencyLabel({ ...key }), idempotencyLabel(key));
  assert.ok(idempotencyLabel(key).startsWith(KEY_LABEL_PREFIX) && idempotencyLabel(key).length <= 80, idempotencyLabel(key));
  assert.ok(idempotencyLabel({ ...key, tenantId: 'x'.repeat(500) }).length <= 80);
});

t('changing any part of the key changes the label, and parts cannot run into each other', () => {
  const variants: IdempotencyKey[] = [
    { ...key, tenantId: 'acme2' },
    { ...key, planId: 'p2' },
    { ...key, version: 3 },
    { ...key, platform: 'google_ads' },
    { ...key, logicalCampaignKey: 'meta:sales' },
    { ...key, tenantId: 'acmep', planId: '1' },
  ];
  const labels = new Set([key, ...variants].map(idempotencyLabel));
  assert.is(labels.size, variants.length + 1);
});

t.run();
