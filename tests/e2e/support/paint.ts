import type { Page } from 'playwright-core'

/**
 * Resolves once the page has painted twice more: whatever the input so far made it do at once (a key's
 * handler, the render it asked for) is on screen by then. For checks that a key or click changed nothing
 * the page does synchronously; what it would do over the network, settled() and untilNetworkQuiet see.
 */
export async function afterNextPaint(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))),
      ),
  )
}
