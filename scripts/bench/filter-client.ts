// The client's own filter code path and its transport hook, loaded together (one module instance) by
// scripts/bench/scale.ts through Vite's module runner, so the bench measures what the app really fetches.
export { getFilteredPage } from '@/features/articles/api/fetch-listing'
export { setApiTransport } from '@/lib/api-client'
