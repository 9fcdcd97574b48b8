import type { Page } from 'playwright-core'

/**
 * What a long time and a busy reader do to a device's copies: the service worker's runtime caches whose
 * names match `runtime` are deleted, and the app's query cache on the device (IndexedDB) is emptied. The
 * offline tests run it, then show that what is left (the saved cache, the kept topics' cache) is enough.
 * Run it in a page of the app's origin that is not the app, with no tab of the app open to write its
 * query cache back.
 */
export async function evictCopies(page: Page, runtime: RegExp) {
  await page.evaluate(async (pattern) => {
    const names = new RegExp(pattern)
    for (const name of await caches.keys()) {
      if (names.test(name)) await caches.delete(name)
    }
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('newsroom')
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const db = open.result
        if (!db.objectStoreNames.contains('query-cache')) return resolve(db.close())
        const clearing = db.transaction('query-cache', 'readwrite')
        clearing.objectStore('query-cache').clear()
        clearing.oncomplete = () => resolve(db.close())
        clearing.onerror = () => reject(clearing.error)
      }
    })
  }, runtime.source)
}
