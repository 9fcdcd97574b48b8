import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { isRecord } from '@/lib/guards'
import { createStoredList } from '@/lib/stored-list'

const KEY = 'test:stored-list'

interface Entry {
  id: string
}
const parseEntry = (value: unknown): Entry | null =>
  isRecord(value) && typeof value.id === 'string' && value.id ? { id: value.id } : null

/** A fresh list over KEY, as a new page (or another tab) would make it. */
const open = (version = 1) => createStoredList({ key: KEY, version, parseEntry })
const ids = (entries: readonly Entry[]) => entries.map((entry) => entry.id)
const store = (value: unknown) => localStorage.setItem(KEY, JSON.stringify(value))

beforeEach(() => localStorage.clear())
afterEach(() => localStorage.clear())

describe('a stored list', () => {
  test('is read back by a new page, and is the same array until it changes', () => {
    const list = open()
    list.write([{ id: 'a' }, { id: 'b' }])
    expect(ids(open().read())).toEqual(['a', 'b'])
    expect(list.read()).toBe(list.read())
    const before = list.read()
    list.write([{ id: 'c' }])
    expect(list.read()).not.toBe(before)
    expect(ids(list.read())).toEqual(['c'])
  })

  test('drops the entries its parser refuses, and keeps the rest', () => {
    store({
      version: 1,
      stories: [{ id: 'kept' }, { id: '' }, null, 'x', { id: 4 }, { id: 'too' }],
    })
    expect(ids(open().read())).toEqual(['kept', 'too'])
  })

  test('reads a list of another version, or unreadable JSON, as empty; the next write replaces it', () => {
    const old = open(1)
    old.write([{ id: 'old' }])
    const bumped = open(2)
    expect(bumped.read()).toEqual([])
    bumped.write([{ id: 'new' }])
    expect(JSON.parse(localStorage.getItem(KEY)!)).toEqual({ version: 2, stories: [{ id: 'new' }] })

    localStorage.setItem(KEY, '{"version": 1, "stories": [{"id": ')
    expect(open().read()).toEqual([])
    store({ version: 1, stories: 'not a list' })
    expect(open().read()).toEqual([])
  })

  test('keeps working in memory for the visit where storage cannot even be reached', () => {
    const blocked = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('Access is denied for this document.', 'SecurityError')
    })
    try {
      const list = open()
      expect(list.read()).toEqual([])
      list.write([{ id: 'a' }])
      expect(ids(list.read())).toEqual(['a'])
      expect(blocked).toHaveBeenCalled()
    } finally {
      blocked.mockRestore()
    }
  })

  test('keeps working in memory where storage refuses the write (full), until it takes one again', () => {
    const list = open()
    list.write([{ id: 'stored' }])
    const full = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    list.write([{ id: 'in-memory' }, { id: 'stored' }])
    expect(ids(list.read())).toEqual(['in-memory', 'stored'])
    // Storage still holds the last list it took.
    expect(ids(open().read())).toEqual(['stored'])

    full.mockRestore()
    list.write([{ id: 'stored-again' }])
    localStorage.setItem(KEY, JSON.stringify({ version: 1, stories: [{ id: 'from-storage' }] }))
    expect(ids(list.read())).toEqual(['from-storage'])
  })

  test('tells its subscribers of a write here and of a change in another tab, until they leave', () => {
    const list = open()
    const listener = vi.fn()
    const unsubscribe = list.subscribe(listener)

    list.write([{ id: 'here' }])
    expect(listener).toHaveBeenCalledTimes(1)

    // Another tab writes the list; this one hears of it through the storage event.
    store({ version: 1, stories: [{ id: 'there' }] })
    window.dispatchEvent(new StorageEvent('storage', { key: KEY }))
    expect(listener).toHaveBeenCalledTimes(2)
    expect(ids(list.read())).toEqual(['there'])
    // Another tab cleared the whole storage (key null); another key is not this list.
    window.dispatchEvent(new StorageEvent('storage', { key: null }))
    window.dispatchEvent(new StorageEvent('storage', { key: 'some-other-key' }))
    expect(listener).toHaveBeenCalledTimes(3)

    unsubscribe()
    list.write([])
    window.dispatchEvent(new StorageEvent('storage', { key: KEY }))
    expect(listener).toHaveBeenCalledTimes(3)
  })
})
