// GoogleAdsService.Mutate over gRPC, served from google-ads-node's protos.json with
// proto-loader (snake_case, enums by name, int64 as strings, unset fields absent). A
// refusal is INVALID_ARGUMENT with the GoogleAdsFailure trailer, as Google sends it;
// with partial_failure the failure travels in partial_failure_error instead.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createRequire } from 'node:module';
import { applyMutate } from './mutate.ts';
import { authorised, takeFault, type ServerState } from './state.ts';
import { FAILURE_TRAILER, FAILURE_TYPE, failureBytes, quotaError } from './wire.ts';

const require = createRequire(import.meta.url);
type Loose = Record<string, unknown>;

const protos = protoLoader.fromJSON(require('google-ads-node/build/protos/protos.json'), { keepCase: true, longs: String, enums: String, defaults: false, oneofs: true });
const loaded = grpc.loadPackageDefinition(protos) as unknown as { google: { ads: { googleads: { v24: { services: { GoogleAdsService: { service: grpc.ServiceDefinition } } } } } } };
export const googleAdsService = loaded.google.ads.googleads.v24.services.GoogleAdsService.service;

const statusError = (code: grpc.status, details: string, failure?: Buffer): Partial<grpc.StatusObject> => {
  const metadata = new grpc.Metadata();
  if (failure) metadata.add(FAILURE_TRAILER, failure);
  return { code, details, metadata };
};

function answer(state: ServerState, request: Loose, requestId: string): { error: Partial<grpc.StatusObject> } | { response: Loose } {
  const customerId = String(request.customer_id);
  if (!state.model.customers[customerId])
    return { error: statusError(grpc.status.PERMISSION_DENIED, 'The caller does not have permission', failureBytes([{ error_code: { authorization_error: 'USER_PERMISSION_DENIED' }, message: `No access to customer ${customerId}` }], requestId)) };
  const out = applyMutate(state.model, customerId, request, { refuseAdUrls: state.refusedAdUrls });
  if (out.errors.length > 0 && (!request.partial_failure || out.whole)) return { error: statusError(grpc.status.INVALID_ARGUMENT, 'Request contains an invalid argument.', failureBytes(out.errors, requestId)) };
  if (!request.validate_only) {
    state.model = out.model;
    for (const label of out.createdKeyLabels) state.created.set(label, (state.created.get(label) ?? 0) + 1);
  }
  const partial = out.errors.length > 0 ? { code: 3, message: `Multiple errors in 'details'. First error: ${out.errors[0]!.message}`, details: [{ type_url: FAILURE_TYPE, value: failureBytes(out.errors, requestId) }] } : undefined;
  return { response: { mutate_operation_responses: request.validate_only ? [] : out.responses, ...(partial ? { partial_failure_error: partial } : {}) } };
}

export const mutateHandler =
  (state: ServerState): grpc.handleUnaryCall<Loose, Loose> =>
  (call, callback) => {
    state.calls.mutate++;
    const requestId = `local-${++state.serial}`;
    if (!authorised(state, call.metadata.get('authorization')[0]) || !call.metadata.get('developer-token')[0])
      return callback(statusError(grpc.status.UNAUTHENTICATED, 'Request is missing required authentication credential.'));
    const request = call.request;
    state.mutateRequests.push(request);
    const fault = takeFault(state, 'mutate');
    if (fault?.kind === 'rate_limited' || fault?.kind === 'quota_exhausted')
      return callback(statusError(grpc.status.RESOURCE_EXHAUSTED, 'Resource has been exhausted (e.g. check quota).', failureBytes([quotaError(fault.kind === 'rate_limited' ? fault.retryDelayMs : undefined)], requestId)));
    if (fault?.kind === 'unavailable') return callback(statusError(grpc.status.UNAVAILABLE, 'The service is currently unavailable.'));
    if (fault?.kind === 'internal') return callback(statusError(grpc.status.INTERNAL, 'Internal error encountered.'));
    if (fault?.kind === 'bare_resource_exhausted') return callback(statusError(grpc.status.RESOURCE_EXHAUSTED, 'Bandwidth exhausted or memory limit exceeded.'));
    const first = answer(state, request, requestId);
    if (fault?.kind === 'lost_response') return callback(statusError(grpc.status.UNAVAILABLE, 'Connection reset before the response was sent.'));
    const final = fault?.kind === 'repeated_after_lost_answer' ? answer(state, request, `local-${++state.serial}`) : first;
    return 'error' in final ? callback(final.error) : callback(null, final.response);
  };

export const unimplemented = (_call: unknown, callback: (e: Partial<grpc.StatusObject>) => void): void =>
  callback({ code: grpc.status.UNIMPLEMENTED, details: 'The local server serves GAQL over REST, where google-ads-api 24.1.0 sends it' });
