// Types for the parts of structured-data-testing-tool the link-preview tests use (it ships none).
declare module 'structured-data-testing-tool' {
  export interface TestResult {
    passed: { test: string }[]
    failed: { test: string; description?: string }[]
    warnings: { test: string }[]
    schemas: string[]
  }
  export function structuredDataTestHtml(
    html: string,
    options: { presets?: unknown[]; schemas?: string[] },
  ): Promise<TestResult>
}
declare module 'structured-data-testing-tool/presets' {
  export const Google: unknown
  export const Twitter: unknown
  export const Facebook: unknown
}
