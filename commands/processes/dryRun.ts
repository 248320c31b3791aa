// What a launch of an approved version would do, asked before anyone requests it: the
// campaigns its manifest makes, each checked by QC and by the platform's own validation
// (validate_only on Google Ads), with nothing created and nothing recorded.
import type { CampaignSpec } from '../../connectors/platforms/port.ts';
import { launchManifest } from '../../domain/launch/manifest.ts';
import { qcCampaign, qcInputOf } from '../../domain/launch/qc.ts';
import { findVersion } from '../../domain/plan/state.ts';
import { isDomainError, notFound, refuse, type DomainError } from '../../domain/shared/errors.ts';
import type { Platform } from '../../domain/shared/values.ts';
import { launchCommands, type WriteSide } from '../aggregates.ts';
import { campaignSpecFor } from './launchSpec.ts';
import type { PlatformAccess } from './performMutation.ts';

export interface DryRunCampaign {
  readonly platform: Platform;
  readonly logicalCampaignKey: string;
  readonly name: string;
  readonly budgetMicros: number;
  readonly verdict: 'would_create' | 'would_update' | 'unchanged' | 'refused';
  readonly reasons: readonly { readonly code: string; readonly message: string }[];
}

export async function dryRunLaunch(w: WriteSide, access: PlatformAccess, tenantId: string, planId: string, version: number): Promise<readonly DryRunCampaign[] | DomainError> {
  const ctx = await launchCommands.context(w, tenantId, { planId, version });
  if (isDomainError(ctx)) return ctx;
  const planVersion = findVersion(ctx.plan, version);
  if (!planVersion) return notFound('launch.version_not_found', `Plan ${planId} has no version ${version}`);
  if (planVersion.status !== 'approved') return refuse('launch.version_not_approved', `Version ${version} of plan ${planId} is ${planVersion.status}, not approved`);
  const manifest = launchManifest(tenantId, planVersion);
  return Promise.all(
    manifest.campaigns.map(async (campaign): Promise<DryRunCampaign> => {
      const base = { platform: campaign.platform, logicalCampaignKey: campaign.logicalCampaignKey, name: campaign.name, budgetMicros: campaign.budgetMicros };
      const refused = (...reasons: { code: string; message: string }[]): DryRunCampaign => ({ ...base, verdict: 'refused', reasons });
      const accountId = ctx.tenant.accounts[campaign.platform]?.accountId;
      if (!accountId) return refused({ code: 'launch.platform_not_linked', message: `No ${campaign.platform} account is linked` });
      const spec: CampaignSpec | undefined = campaignSpecFor({ tenantId, planId, planVersion, campaign, currency: manifest.currency, accountId, creatives: [] });
      if (!spec) return refused({ code: 'launch.creative_missing', message: 'A line item has no creative or landing page: the launch would wait for a person' });
      const stored = ctx.tenant.credentials[campaign.platform];
      const port = await access.platformFor(campaign.platform, { tenantId, accountId, ...(stored?.accountId === accountId ? { credentialVersion: stored.version } : {}) });
      if (isDomainError(port)) return refused({ code: port.code, message: port.message });
      if (!port) return refused({ code: 'platform.not_connected', message: `No ${campaign.platform} connector is configured` });
      const account = campaign.platform === 'google_ads' ? await port.readAccount({ platform: campaign.platform, accountId }) : undefined;
      if (account && !account.ok) return refused({ code: account.error.code, message: account.error.message });
      const autoTagging = account?.value.autoTagging;
      const qc = qcCampaign(qcInputOf(spec, autoTagging === undefined ? {} : { autoTagging }));
      if (qc.length > 0) return refused(...qc.map(({ code, message }) => ({ code, message })));
      const validated = await port.validate(spec);
      if (!validated.ok) return refused({ code: validated.error.code, message: validated.error.message });
      const verdict = validated.value.wouldBe === 'created' ? 'would_create' : validated.value.wouldBe === 'updated' ? 'would_update' : 'unchanged';
      return { ...base, verdict, reasons: [] };
    }),
  );
}
