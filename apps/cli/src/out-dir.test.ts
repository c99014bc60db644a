import { chmod, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutDirError, prepareOutDir } from "./out-dir.js";

describe("prepareOutDir", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "descent-out-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates missing nested folders and leaves no probe file", async () => {
    const target = join(dir, "a", "b", "c");
    expect(await prepareOutDir(target)).toBe(target);
    expect((await stat(target)).isDirectory()).toBe(true);
  });

  it("refuses kernel pseudo file systems at once (no mkdir loop under /proc)", async () => {
    await expect(prepareOutDir("/proc/descent-reports")).rejects.toThrow(/pseudo file system/);
    await expect(prepareOutDir("/sys/x")).rejects.toBeInstanceOf(OutDirError);
  });

  it("refuses a path below a file, and a read-only folder, with one line", async () => {
    const file = join(dir, "file.txt");
    await writeFile(file, "x");
    const below = prepareOutDir(join(file, "reports"));
    await expect(below).rejects.toThrow(/is not a folder/);
    await expect(prepareOutDir(file)).rejects.toThrow(/not a folder/);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, "locked");
      await prepareOutDir(locked);
      await chmod(locked, 0o500);
      try {
        const error = await prepareOutDir(join(locked, "reports")).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OutDirError);
        expect((error as Error).message).not.toContain("\n");
        expect((error as Error).message).toMatch(/permission denied/);
      } finally {
        await chmod(locked, 0o700);
      }
    }
  });
});
