/**
 * Test-only hooks (not exported from the package entry points and not published: `files` excludes
 * `src/testing`) for suites that run once per backend.
 */
import { afterAll, beforeAll } from "vitest";
import { type BackendName, initBackend } from "../backend.js";

/**
 * Registers, in the calling `describe`, a `beforeAll` that switches to `backend` and an `afterAll`
 * that restores the default backend for the suites after it.
 */
export function useBackend(backend: BackendName): void {
  beforeAll(async () => {
    await initBackend({ backend });
  });
  afterAll(async () => {
    await initBackend();
  });
}
