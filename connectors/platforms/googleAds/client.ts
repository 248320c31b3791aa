// The library's client for one adapter, and a Customer (one Google Ads account) per call.
// Nothing here knows where Google is: the library's endpoints are its own (test setup
// points them at a local server; the adapter never does).
import { GoogleAdsApi, type Customer, type MutateOperation } from 'google-ads-api';
import type { GoogleAdsConfig } from './config.ts';
import { customerIdOf } from './config.ts';

export type { Customer };
// One MutateOperation in the library's form: `entity` is the resource (snake_case), `resource`
// the fields (create, update: the library derives the update_mask from them) or, for a
// remove, the resource name.
export interface Operation {
  readonly entity: string;
  readonly operation: 'create' | 'update' | 'remove';
  readonly resource: Readonly<Record<string, unknown>> | string;
}
export const asLibraryOperations = (ops: readonly Operation[]) => ops as unknown as MutateOperation<Record<string, unknown>>[];

export type CustomerFor = (accountId: string) => Customer;

export function customerFactory(config: GoogleAdsConfig): CustomerFor {
  const api = new GoogleAdsApi({ client_id: config.clientId, client_secret: config.clientSecret, developer_token: config.developerToken });
  const login = config.loginCustomerId === undefined ? {} : { login_customer_id: customerIdOf(config.loginCustomerId) };
  return (accountId) => api.Customer({ customer_id: customerIdOf(accountId), refresh_token: config.refreshToken, ...login });
}

// Resource names (developers.google.com/google-ads/api/docs/concepts/field-service: customers/{id}/{collection}/{id}).
export const resourceName = (customerId: string, collection: string, id: string | number): string => `customers/${customerId}/${collection}/${id}`;
export const idOf = (name: string): string => name.slice(name.lastIndexOf('/') + 1).split('~').pop() ?? '';
