/**
 * Cache Storage in memory, for jsdom (which has none): what the saved cache uses of it, with a quota to
 * make `put` fail as a full disk does.
 */
const keyOf = (request: RequestInfo | URL) =>
  request instanceof Request ? request.url : new URL(String(request), location.href).href

export class FakeCache {
  readonly entries = new Map<string, Response>()
  constructor(private readonly quota = Infinity) {}

  match(request: RequestInfo | URL): Promise<Response | undefined> {
    return Promise.resolve(this.entries.get(keyOf(request))?.clone())
  }

  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    const key = keyOf(request)
    if (!this.entries.has(key) && this.entries.size >= this.quota) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    // Read to the end, as the platform does, so the copy is whole.
    this.entries.set(key, new Response(await response.arrayBuffer(), response))
  }

  delete(request: RequestInfo | URL): Promise<boolean> {
    return Promise.resolve(this.entries.delete(keyOf(request)))
  }

  keys(): Promise<Request[]> {
    return Promise.resolve([...this.entries.keys()].map((url) => new Request(url)))
  }

  /** The URLs held, by path, sorted. */
  paths(): string[] {
    return [...this.entries.keys()].map((url) => new URL(url).pathname).sort()
  }
}

export class FakeCacheStorage {
  readonly caches = new Map<string, FakeCache>()
  constructor(private readonly quota = Infinity) {}

  open(name: string): Promise<FakeCache> {
    let cache = this.caches.get(name)
    if (!cache) this.caches.set(name, (cache = new FakeCache(this.quota)))
    return Promise.resolve(cache)
  }

  /** As the platform's type, for code that takes a CacheStorage. */
  get asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage
  }
}
