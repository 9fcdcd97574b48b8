import { describe, expect, test } from 'vitest'
import { paths } from '@/config/paths'

describe('paths', () => {
  test('home: page 1 is the root, later pages live under /page', () => {
    expect(paths.home()).toBe('/')
    expect(paths.home(1)).toBe('/')
    expect(paths.home(2)).toBe('/page/2')
  })

  test('tag filters go in the query string, comma separated, in the given order', () => {
    expect(paths.home(1, ['beta', 'alpha'])).toBe('/?tags=beta,alpha')
    expect(paths.home(3, ['alpha'])).toBe('/page/3?tags=alpha')
    expect(paths.home(1, [])).toBe('/')
  })

  test('sections, tags and authors share one shape', () => {
    expect(paths.section('world')).toBe('/sections/world')
    expect(paths.section('world', 2)).toBe('/sections/world/page/2')
    expect(paths.tag('alpha', 1, ['beta'])).toBe('/tags/alpha?tags=beta')
    expect(paths.author('ada-writer', 4, ['a', 'b'])).toBe('/authors/ada-writer/page/4?tags=a,b')
  })

  test('articles, with anything unsafe in a slug encoded', () => {
    expect(paths.article('first-story')).toBe('/articles/first-story')
    expect(paths.article('a b/c?d')).toBe('/articles/a%20b%2Fc%3Fd')
    expect(paths.section('x/y')).toBe('/sections/x%2Fy')
    expect(paths.home(1, ['a,b'])).toBe('/?tags=a%2Cb')
  })

  test('listing() picks the right builder for each kind of listing', () => {
    expect(paths.listing({ kind: 'latest' })).toBe('/')
    expect(paths.listing({ kind: 'latest' }, 2, ['x'])).toBe('/page/2?tags=x')
    expect(paths.listing({ kind: 'sections', slug: 'world' }, 2)).toBe('/sections/world/page/2')
    expect(paths.listing({ kind: 'tags', slug: 'beta' })).toBe('/tags/beta')
    expect(paths.listing({ kind: 'authors', slug: 'bo-editor' }, 1, ['gamma'])).toBe(
      '/authors/bo-editor?tags=gamma',
    )
  })
})
