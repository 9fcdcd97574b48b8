import { expect } from 'vitest'
import { ApiError } from '@/lib/api-error'

/**
 * The ApiError a request ends with: fails the test if the request succeeds or throws anything else, so
 * a test can then check the error's kind and message.
 */
export async function apiFailureOf(request: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await request.then(
    () => {
      throw new Error('expected the request to fail')
    },
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}
