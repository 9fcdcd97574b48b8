// The client's own filter code path and its query client, loaded together (one module instance) by
// scripts/bench/view-bytes.ts through Vite's module runner, so the bench measures what the app really fetches.
export { getFilteredPage } from '@/features/articles/api/fetch-listing'
export { makeQueryClient } from '@/lib/query-client'
