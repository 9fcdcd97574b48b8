import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  axe,
  describeViolations,
  doubleTextSize,
  variants,
  withTheme,
  type Variant,
} from './support/axe'
import { browserSession } from './support/browser'
import { frameReady } from './support/frame'
import { h1, settled, storyLinks } from '../../scripts/app-page'
import { busiest, data, findTagPair, SEED } from './support/site-data'

/**
 * Accessibility (issue 6): axe-core finds no violations of any impact, with every rule it has (no tag
 * filter, so best-practice rules count too, and none is disabled), on every kind of route, in the light
 * and the dark theme and at 200 % text; motion honours prefers-reduced-motion; the header, the section
 * nav and the stories are all reachable and usable with the keyboard alone.
 */
const session = browserSession()

/** A state of the page to check: where to go and how to know it has finished drawing. */
interface Screen {
  name: string
  path: string
  /** Brings the page to the state under check once it has loaded (opens a dialog, say). */
  prepare?: (page: Page) => Promise<void>
  /** Runs in the fresh context before the page is opened (saves a story, say). */
  arrange?: (page: Page) => Promise<void>
}

const saveSeed = async (page: Page) => {
  await page.goto(`/articles/${SEED.slug}`)
  await frameReady(page)
  await page.getByRole('main').getByRole('button', { name: 'Save' }).first().click()
  await page.getByRole('main').getByRole('button', { name: 'Saved' }).first().waitFor()
}

const tagPair = findTagPair()

/** The demo's longest long read: one a reader leaves partway. */
const longRead = [...data.articlesById().values()]
  .filter((a) => a.kind === 'longread')
  .sort((a, b) => b.body.length - a.body.length)[0]!

/** A reading history on the device (src/features/reading-history), written before the app starts. */
const withHistory =
  (stories: { slug: string; place?: { block: number; progress: number } }[]) =>
  async (page: Page) => {
    const history = {
      version: 1,
      stories: stories.map((story, i) => ({ ...story, openedAt: Date.now() - i * 60_000 })),
    }
    await page.addInitScript((raw) => {
      localStorage.setItem('newsroom:reading-history', raw)
    }, JSON.stringify(history))
  }

const [firstListed, secondListed] = data.latest().items

const screens: Screen[] = [
  { name: 'home', path: '/' },
  { name: 'a later page of the latest stories', path: '/page/2' },
  { name: 'a section', path: `/sections/${busiest('sections').slug}` },
  { name: 'a tag', path: `/tags/${busiest('tags').slug}` },
  { name: 'an author', path: `/authors/${busiest('authors').slug}` },
  {
    name: 'a listing filtered by two tags',
    path: `/?tags=${tagPair.first.slug},${tagPair.second.slug}`,
  },
  { name: 'the seed story', path: `/articles/${SEED.slug}` },
  { name: 'a story with a table', path: '/articles/calderport-marathon-draws-record-field' },
  {
    name: 'search with results',
    path: '/search?q=peacekeeper',
    prepare: async (page) => {
      await page.getByRole('main').getByRole('article').first().waitFor()
    },
  },
  {
    name: 'search with no results',
    path: '/search?q=xylophonequartz',
    prepare: async (page) => {
      await page
        .getByRole('main')
        .getByText(/no stories/i)
        .first()
        .waitFor()
    },
  },
  { name: 'saved stories, none yet', path: '/saved' },
  {
    name: 'saved stories, one saved',
    path: '/saved',
    arrange: saveSeed,
    prepare: async (page) => {
      await page.getByRole('main').getByRole('article').first().waitFor()
    },
  },
  {
    name: 'a listing with a story read and a long read left partway',
    path: '/',
    arrange: withHistory([
      { slug: firstListed!.slug },
      { slug: secondListed!.slug, place: { block: 4, progress: 0.4 } },
    ]),
    prepare: async (page) => {
      await page.getByRole('main').getByText('Read', { exact: true }).first().waitFor()
      await page
        .getByRole('main')
        .getByText(/Continue reading: 40 % read/)
        .waitFor()
    },
  },
  {
    name: 'a long read offering Continue reading',
    path: `/articles/${longRead.slug}`,
    arrange: withHistory([
      {
        slug: longRead.slug,
        place: { block: Math.floor(longRead.body.length / 2), progress: 0.5 },
      },
    ]),
    prepare: async (page) => {
      await page.getByRole('button', { name: /Continue reading/ }).waitFor()
    },
  },
  { name: 'a page that does not exist', path: '/no-such-page/at-all' },
  {
    name: 'the keyboard shortcuts dialog',
    path: '/',
    prepare: async (page) => {
      await storyLinks(page).first().waitFor()
      await page.keyboard.press('?')
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    },
  },
]

/**
 * The looks every screen is checked in: the shared three, and a phone's width (Lighthouse's mobile
 * screen, 412 × 823), where the header wraps and its links sit close together.
 */
const looks: (Variant & { viewport?: { width: number; height: number } })[] = [
  ...variants,
  { name: 'phone width', theme: 'light', textZoom: false, viewport: { width: 412, height: 823 } },
]

async function openScreen(screen: Screen, variant: (typeof looks)[number]): Promise<Page> {
  const { page } = await session.openFresh(undefined, { colorScheme: 'light' })
  if (variant.viewport) await page.setViewportSize(variant.viewport)
  await withTheme(page, variant.theme)
  if (variant.textZoom) await doubleTextSize(page)
  if (screen.arrange) await screen.arrange(page)
  await page.goto(screen.path)
  await frameReady(page)
  await screen.prepare?.(page)
  return page
}

describe('the axe-core check itself', () => {
  it('reports a violation it is shown, with rule, impact, target and summary', async () => {
    const { page } = await session.openFresh('/')
    await frameReady(page)
    await page.evaluate(() => {
      const faint = document.createElement('p')
      faint.id = 'faint'
      faint.textContent = 'Grey on white that nobody can read'
      faint.style.color = '#eeeeee'
      document.getElementById('main')!.append(faint)
    })
    const lines = describeViolations(await axe(page).analyze())
    expect(lines).toEqual([expect.stringMatching(/^color-contrast \(serious\) at #faint: .+/)])
  })
})

describe('axe-core finds nothing', () => {
  describe.each(looks)('in the $name', (variant) => {
    it.each(screens)('on $name', async (screen) => {
      const page = await openScreen(screen, variant)
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(variant.theme)
      if (variant.textZoom) {
        // The setting took: the root font size is at least double the default's 16 px.
        const root = await page.evaluate(() =>
          parseFloat(getComputedStyle(document.documentElement).fontSize),
        )
        expect(root).toBeGreaterThanOrEqual(32)
      }
      const results = await axe(page).analyze()
      expect(describeViolations(results), `axe-core on ${screen.path}`).toEqual([])
    })
  })
})

/** Every transition and animation on the page that lasts longer than `limit` seconds. */
const longMotion = (page: Page, limit: number) =>
  page.evaluate((max) => {
    const seconds = (value: string) =>
      value.split(',').map((part) => {
        const n = parseFloat(part)
        return part.trim().endsWith('ms') ? n / 1000 : n
      })
    const found: string[] = []
    for (const el of [document.documentElement, ...document.querySelectorAll('body *')]) {
      for (const pseudo of [null, '::before', '::after']) {
        const style = getComputedStyle(el, pseudo)
        const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
          el.getAttribute('class') ? `.${el.getAttribute('class')!.split(/\s+/).join('.')}` : ''
        }${pseudo ?? ''}`
        const transition = seconds(style.transitionDuration)
        if (style.transitionProperty !== 'none' && transition.some((s) => s > max)) {
          found.push(`${label}: transition ${style.transitionDuration}`)
        }
        const animation = seconds(style.animationDuration)
        if (style.animationName !== 'none' && animation.some((s) => s > max)) {
          found.push(`${label}: animation ${style.animationName} ${style.animationDuration}`)
        }
      }
    }
    for (const animation of document.getAnimations()) {
      const timing = animation.effect?.getComputedTiming()
      const duration = typeof timing?.duration === 'number' ? timing.duration / 1000 : 0
      if (animation.playState === 'running' && duration > max) {
        found.push(`running animation of ${duration} s`)
      }
    }
    return found
  }, limit)

describe('motion', () => {
  /**
   * Motion shows up while something loads: the route progress bar slides and skeletons pulse. So the
   * check holds the API back, follows a section link, and looks while the next page is on its way.
   */
  async function motionWhileLoading(reducedMotion: 'reduce' | 'no-preference') {
    const { page } = await session.openFresh()
    await page.emulateMedia({ reducedMotion })
    await page.goto(`/articles/${SEED.slug}`)
    await frameReady(page)
    // The focus ring is where a transition often hides: put one on screen.
    await page.keyboard.press('Tab')
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/**', async (route) => {
      await held
      await route.continue()
    })
    await page.getByRole('navigation').getByRole('link').nth(1).click()
    await page.locator('.navigation-progress-bar').waitFor()
    const found = await longMotion(page, 0.01)
    // Requests held so far go on, and later ones pass straight through.
    release()
    await h1(page).first().waitFor()
    await settled(page)
    return found
  }

  it('with reduced motion asked for, nothing moves for longer than 0.01 s, even while loading', async () => {
    expect(await motionWhileLoading('reduce')).toEqual([])
  })

  it('without the preference the same page does animate (so the check above can see motion)', async () => {
    expect(await motionWhileLoading('no-preference')).not.toEqual([])
  })

  it('nothing moves on a settled story or listing with reduced motion asked for', async () => {
    for (const path of ['/', `/articles/${SEED.slug}`]) {
      const { page } = await session.openFresh()
      await page.emulateMedia({ reducedMotion: 'reduce' })
      await page.goto(path)
      await frameReady(page)
      await page.getByRole('main').getByRole('link').first().hover()
      expect(await longMotion(page, 0.01), path).toEqual([])
    }
  })
})

describe('keyboard alone', () => {
  /** The accessible name of what has focus, with its role, as a screen reader would say it. */
  const focusedControl = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el || el === document.body) return null
      const labelled = el.getAttribute('aria-labelledby')
      const label =
        el.getAttribute('aria-label') ??
        (labelled ? document.getElementById(labelled)?.textContent : null) ??
        (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
        el.textContent ??
        ''
      return {
        tag: el.tagName.toLowerCase(),
        name: label.replace(/\s+/g, ' ').trim(),
        inNav: Boolean(el.closest('header nav')),
        inStory: Boolean(el.closest('main article')),
        href: el.getAttribute('href'),
      }
    })

  it('Tab reaches every control of the frame and a story, and Enter opens the story', async () => {
    const { page } = await session.openFresh('/')
    await frameReady(page)
    await storyLinks(page).first().waitFor()

    const seen: NonNullable<Awaited<ReturnType<typeof focusedControl>>>[] = []
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab')
      const now = await focusedControl(page)
      if (!now) continue
      seen.push(now)
      if (now.inStory && now.name === 'Save') break
    }
    const names = seen.map((s) => s.name)
    // The skip link comes first, then the header's controls, the section nav, then the stories.
    expect(names[0]).toBe('Skip to content')
    for (const name of ['Search', 'Theme', 'Text size', 'Saved stories']) {
      expect(names, `Tab reaches ${name}`).toContain(name)
    }
    expect(
      seen.some((s) => s.inNav && s.tag === 'a'),
      'Tab reaches the section nav',
    ).toBe(true)
    const storyLink = seen.findIndex((s) => s.inStory && s.href?.startsWith('/articles/'))
    expect(storyLink, 'Tab reaches a story link').toBeGreaterThan(-1)
    expect(seen.at(-1), 'Tab reaches a story’s Save button').toMatchObject({
      inStory: true,
      name: 'Save',
    })

    // Back to the story's headline link with Shift+Tab, and Enter opens it.
    let href: string | null | undefined
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Shift+Tab')
      const now = await focusedControl(page)
      if (now?.inStory && now.href?.startsWith('/articles/')) {
        href = now.href
        break
      }
    }
    expect(href, 'Shift+Tab goes back to a story link').toBeTruthy()
    await page.keyboard.press('Enter')
    await page.waitForURL(href!)
    await h1(page).waitFor()
    // And the article's own Save button answers to the keyboard too.
    await frameReady(page)
    const save = page.getByRole('main').getByRole('button', { name: 'Save' }).first()
    await save.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('main').getByRole('button', { name: 'Saved' }).first().waitFor()
  })
})
