import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * The query cache the app saves on the device (IndexedDB, src/features/pwa/api/query-persister.ts), read
 * and written from the test's side: to wait until a save has happened, and to plant what an earlier visit
 * or release would have left.
 */

// Where the persister keeps the query cache (src/features/pwa/api/query-persister.ts).
const DATABASE = 'newsroom'
const STORE = 'query-cache'
const KEY = 'query-client'

/** The persisted entry, read straight from IndexedDB; undefined when there is none (or no database). */
export function readEntry(page: Page): Promise<unknown> {
  return page.evaluate(
    async ({ DATABASE, STORE, KEY }) => {
      // Opening a database that does not exist would create it without its store: look first.
      const names = (await indexedDB.databases()).map((d) => d.name)
      if (!names.includes(DATABASE)) return undefined
      return new Promise((resolve, reject) => {
        const open = indexedDB.open(DATABASE)
        open.onerror = () => reject(open.error ?? new Error('open failed'))
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains(STORE)) {
            db.close()
            resolve(undefined)
            return
          }
          const get = db.transaction(STORE).objectStore(STORE).get(KEY)
          get.onsuccess = () => {
            db.close()
            resolve(get.result as unknown)
          }
          get.onerror = () => reject(get.error ?? new Error('get failed'))
        }
      })
    },
    { DATABASE, STORE, KEY },
  )
}

/**
 * Writes `value` as the persisted entry, from a same-origin page the app does not run in (a JSON file
 * of the API), so no save of the app's can overwrite it before the next start.
 */
export async function writeEntry(page: Page, value: unknown) {
  await page.goto('/api/site.json')
  await page.evaluate(
    ({ DATABASE, STORE, KEY, value }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(DATABASE)
        open.onerror = () => reject(open.error ?? new Error('open failed'))
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(STORE, 'readwrite')
          tx.objectStore(STORE).put(value, KEY)
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error ?? new Error('put failed'))
        }
      }),
    { DATABASE, STORE, KEY, value },
  )
}

export interface Entry {
  buster: string
  timestamp: number
  clientState: { queries: { queryKey: unknown[]; state: { data: unknown } }[] }
}

/**
 * The entry the app saved, parsed, once it holds the given query: the condition to wait for after
 * reading something (saves are throttled to one a second, and wait for the restore).
 */
export async function savedEntryWith(page: Page, keyPart: string): Promise<Entry> {
  let entry: Entry | undefined
  await expect
    .poll(
      async () => {
        const raw = await readEntry(page)
        entry = typeof raw === 'string' ? (JSON.parse(raw) as Entry) : undefined
        return entry?.clientState.queries.map((q) => JSON.stringify(q.queryKey)).join(' ') ?? ''
      },
      { timeout: 15_000 },
    )
    .toContain(keyPart)
  return entry!
}
