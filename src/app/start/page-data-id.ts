/**
 * The id of a prerendered page's data block. A module of its own because the entry (src/boot.ts) reads
 * it to tell a prerendered page from the app shell, and must import nothing of the app itself.
 */
export const PAGE_DATA_ID = 'newsroom-data'
