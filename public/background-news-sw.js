/*
 * News while the app is closed (docs/decisions/032-background-news.md): imported by the service worker
 * (scripts/pwa-options.ts, `importScripts`), copied as it is, so plain JavaScript with no imports and
 * nothing evaluated from strings (the worker's CSP).
 *
 * On a periodic background sync tagged `newsroom-following`, it reads the follow list the page mirrors into
 * the `newsroom-following` cache (a worker cannot read localStorage), asks for the first listing page of at
 * most MAX_TOPICS followed topics (one request each, the same small JSON files the app reads), counts the
 * stories published after what the reader has seen, and, when some were not notified yet, shows ONE
 * notification (it replaces the last) and sets the app's badge. Failing or offline, it backs off: each
 * failed check doubles the wait before the next one is tried.
 *
 * The logic is in pure functions on `self.newsroomBackgroundNews`, which the unit tests call.
 */
/* global self, fetch, URL, Response */
;(function (self) {
  'use strict'

  var TAG = 'newsroom-following'
  var CACHE = 'newsroom-following'
  var TOPICS_PATH = '/__following__/topics'
  var STATE_PATH = '/__following__/state'
  var MAX_TOPICS = 8
  var BACK_OFF_MS = 30 * 60 * 1000
  var MAX_BACK_OFF_MS = 7 * 24 * 60 * 60 * 1000

  function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  }
  function isTime(value) {
    return typeof value === 'number' && isFinite(value)
  }

  /* The mirror as the page wrote it, checked by hand (no schema library in the worker); null if unusable. */
  function readMirror(value) {
    if (!isRecord(value) || value.version !== 1 || !Array.isArray(value.topics)) return null
    var words = value.words
    if (
      !isRecord(words) ||
      typeof words.title !== 'string' ||
      typeof words.one !== 'string' ||
      typeof words.other !== 'string'
    )
      return null
    var topics = value.topics.filter(function (t) {
      return (
        isRecord(t) &&
        typeof t.key === 'string' &&
        typeof t.name === 'string' &&
        typeof t.url === 'string' &&
        isTime(t.seenUpTo)
      )
    })
    return { topics: topics, words: words }
  }

  /*
   * The worker's own record: what it notified per topic, its failures and back-off, the badge it set, and
   * when it last checked.
   */
  function readState(value) {
    var state = { notified: {}, failures: 0, retryAt: 0, badge: 0, checkedAt: 0 }
    if (!isRecord(value)) return state
    if (isRecord(value.notified)) {
      Object.keys(value.notified).forEach(function (key) {
        if (isTime(value.notified[key])) state.notified[key] = value.notified[key]
      })
    }
    if (isTime(value.failures) && value.failures >= 0) state.failures = value.failures
    if (isTime(value.retryAt)) state.retryAt = value.retryAt
    if (isTime(value.badge) && value.badge >= 0) state.badge = value.badge
    if (isTime(value.checkedAt)) state.checkedAt = value.checkedAt
    return state
  }

  /* The topics this check asks about: none while backing off, else at most MAX_TOPICS. */
  function planCheck(mirror, state, now) {
    if (!mirror || now < state.retryAt) return []
    return mirror.topics.slice(0, MAX_TOPICS)
  }

  /*
   * A listing page's stories, each as its slug and publication time (ms); null when the body is not a
   * listing page.
   */
  function storiesOf(body) {
    if (!isRecord(body) || !Array.isArray(body.items)) return null
    var stories = []
    for (var i = 0; i < body.items.length; i++) {
      var item = body.items[i]
      if (!isRecord(item) || typeof item.slug !== 'string' || typeof item.published !== 'string')
        return null
      var time = Date.parse(item.published)
      if (!isFinite(time)) return null
      stories.push({ slug: item.slug, time: time })
    }
    return stories
  }

  /*
   * What one check found: `pages[i]` is the parsed body of topics[i]'s listing page, or null when it failed.
   * `count` is every story published after its topic's seenUpTo (what the notification and badge say), each
   * story once however many followed topics list it, as the app's own count (countNewAcross); `fresh` the
   * stories among them not notified before (a notification only when some are); `names` the topics with
   * new stories; `state` the worker's next record (notified times, failures, back-off, badge).
   */
  function summarize(topics, pages, state, now) {
    var next = { notified: {}, failures: 0, retryAt: 0, badge: state.badge, checkedAt: now }
    var unseenSlugs = {}
    var freshSlugs = {}
    var names = []
    var answered = 0
    topics.forEach(function (topic, i) {
      var stories = storiesOf(pages[i])
      var notifiedUpTo = state.notified[topic.key] || 0
      if (stories === null) {
        if (state.notified[topic.key] !== undefined) next.notified[topic.key] = notifiedUpTo
        return
      }
      answered++
      var unseen = stories.filter(function (story) {
        return story.time > topic.seenUpTo
      })
      unseen.forEach(function (story) {
        unseenSlugs[story.slug] = true
        if (story.time > notifiedUpTo) freshSlugs[story.slug] = true
      })
      if (unseen.length) names.push(topic.name)
      // Only stories counted mark what was notified: seenUpTo is the page's to move.
      next.notified[topic.key] = Math.max.apply(
        null,
        [notifiedUpTo].concat(
          unseen.map(function (story) {
            return story.time
          }),
        ),
      )
    })
    var count = Object.keys(unseenSlugs).length
    var fresh = Object.keys(freshSlugs).length
    if (topics.length && !answered) {
      next.failures = state.failures + 1
      next.retryAt = now + Math.min(BACK_OFF_MS * Math.pow(2, state.failures), MAX_BACK_OFF_MS)
      next.notified = state.notified
      return { count: 0, fresh: 0, names: [], failed: true, state: next }
    }
    next.badge = count
    return { count: count, fresh: fresh, names: names, failed: false, state: next }
  }

  /* The notification's body in the page's words: `{count} new stories in {names}`. */
  function bodyOf(words, count, names) {
    return (count === 1 ? words.one : words.other)
      .split('{count}')
      .join(String(count))
      .split('{names}')
      .join(names.join(', '))
  }

  var stateUrl = function () {
    return new URL(STATE_PATH, self.location.href).href
  }
  async function readJson(cache, url) {
    var response = await cache.match(url)
    if (!response) return null
    try {
      return await response.json()
    } catch {
      return null
    }
  }
  async function fetchPage(url) {
    try {
      var response = await fetch(url, { cache: 'no-cache' })
      return response.ok ? await response.json() : null
    } catch {
      return null
    }
  }

  /* One background check, from the mirror to the notification, the badge and the worker's record. */
  async function check() {
    var cache = await self.caches.open(CACHE)
    var mirror = readMirror(await readJson(cache, new URL(TOPICS_PATH, self.location.href).href))
    var state = readState(await readJson(cache, stateUrl()))
    var now = Date.now()
    var topics = planCheck(mirror, state, now)
    if (!topics.length) return null
    var offline = self.navigator.onLine === false
    var pages = offline
      ? topics.map(function () {
          return null
        })
      : await Promise.all(
          topics.map(function (topic) {
            return fetchPage(topic.url)
          }),
        )
    var found = summarize(topics, pages, state, now)
    if (!found.failed) {
      if (found.fresh > 0) {
        await self.registration.showNotification(mirror.words.title, {
          tag: TAG,
          body: bodyOf(mirror.words, found.count, found.names),
          icon: '/pwa-192x192.png',
          data: { url: '/following' },
        })
      }
      // The badge says what is unseen now: none once the reader has looked at Following.
      if (found.count > 0 && self.navigator.setAppBadge)
        await self.navigator.setAppBadge(found.count)
      else if (found.count === 0 && self.navigator.clearAppBadge)
        await self.navigator.clearAppBadge()
    }
    await cache.put(
      stateUrl(),
      new Response(JSON.stringify(found.state), {
        headers: { 'Content-Type': 'application/json' },
      }),
    )
    return found
  }

  /* Opening the notification focuses a window of the app on Following, or opens one. */
  async function openFollowing(url) {
    var windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
    for (var i = 0; i < windows.length; i++) {
      if ('focus' in windows[i]) {
        var client = windows[i]
        if ('navigate' in client) await client.navigate(url).catch(function () {})
        return client.focus()
      }
    }
    return self.clients.openWindow(url)
  }

  self.addEventListener('periodicsync', function (event) {
    if (event.tag === TAG) event.waitUntil(check())
  })
  self.addEventListener('notificationclick', function (event) {
    if (event.notification.tag !== TAG) return
    event.notification.close()
    event.waitUntil(openFollowing(new URL('/following', self.location.href).href))
  })

  self.newsroomBackgroundNews = {
    TAG: TAG,
    CACHE: CACHE,
    MAX_TOPICS: MAX_TOPICS,
    readMirror: readMirror,
    readState: readState,
    planCheck: planCheck,
    summarize: summarize,
    bodyOf: bodyOf,
    check: check,
  }
})(self)
