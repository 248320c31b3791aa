// The part of facebook-nodejs-business-sdk 24.0.1 the adapter uses (the package ships no
// types). Shapes read from its src/api.js and src/exceptions.js.
declare module 'facebook-nodejs-business-sdk' {
  export class FacebookAdsApi {
    constructor(accessToken: string, locale?: string, crashLog?: boolean);
    static init(accessToken: string, locale?: string, crashLog?: boolean): FacebookAdsApi;
    static readonly GRAPH: string;
    static readonly VERSION: string;
    setShowHeader(flag: boolean): FacebookAdsApi;
    // An array path is joined under GRAPH/VERSION with access_token in the query string;
    // a string path is used as the whole URL (how paging.next is followed).
    call(method: 'GET' | 'POST' | 'DELETE', path: readonly string[] | string, params?: Record<string, unknown>): Promise<unknown>;
  }
}
