import { describe, expect, test, vi } from 'vitest'
import { allowServiceWorkerScript } from '@/features/pwa/api/service-worker'

/**
 * The `default` Trusted Types policy that lets vite-plugin-pwa register /sw.js with a plain string
 * (jsdom has no Trusted Types: a stand-in factory records what the module asks of the browser).
 */
type Options = {
  createScriptURL?: (url: string) => string
  createHTML?: unknown
  createScript?: unknown
}

function fakeFactory() {
  const created: { name: string; options: Options }[] = []
  const factory = {
    defaultPolicy: null as unknown,
    createPolicy: vi.fn((name: string, options: Options) => {
      created.push({ name, options })
      const policy = { name, createScriptURL: options.createScriptURL }
      if (name === 'default') factory.defaultPolicy = policy
      return policy
    }),
  }
  return { factory: factory as unknown as TrustedTypePolicyFactory, created }
}

describe('the default Trusted Types policy', () => {
  test('lets through exactly this site’s /sw.js, and no other script URL, HTML or script', () => {
    const { factory, created } = fakeFactory()
    allowServiceWorkerScript(factory, 'https://news.example.org')
    expect(created.map((c) => c.name)).toEqual(['default'])
    const { options } = created[0]!
    // No createHTML or createScript: a plain string at those sinks is still refused.
    expect(Object.keys(options)).toEqual(['createScriptURL'])
    const allow = options.createScriptURL!
    expect(allow('/sw.js')).toBe('/sw.js')
    expect(allow('https://news.example.org/sw.js')).toBe('https://news.example.org/sw.js')
    for (const url of [
      '/sw.js?evil=1',
      '/assets/app.js',
      'https://evil.example/sw.js',
      '//evil.example/sw.js',
      'data:text/javascript,alert(1)',
      'javascript:alert(1)',
    ]) {
      expect(() => allow(url), url).toThrow(TypeError)
    }
  })

  test('is created once, and not at all where the browser has no Trusted Types', () => {
    const { factory, created } = fakeFactory()
    allowServiceWorkerScript(factory, 'https://news.example.org')
    allowServiceWorkerScript(factory, 'https://news.example.org')
    expect(created).toHaveLength(1)
    expect(allowServiceWorkerScript(undefined)).toBeNull()
  })
})
