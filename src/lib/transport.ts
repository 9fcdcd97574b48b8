/**
 * How a request reaches the API: fetch's shape. In a module of its own so that the QueryClient (which
 * may be made with one, src/lib/query-client.ts) and the API client (which uses it) both name it without
 * importing each other.
 */
export type Transport = (url: string, init: RequestInit) => Promise<Response>
