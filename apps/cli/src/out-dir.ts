/**
 * Checks the reports folder before any demo runs, so that an unwritable `--out` fails in a second with
 * one line instead of after minutes with a stack trace.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/** A `--out` folder that cannot be used; its message is the one line the CLI prints. */
export class OutDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutDirError";
  }
}

// Kernel pseudo file systems: a folder there is never a reports folder, and Node's recursive mkdir
// can loop forever on /proc (EEXIST/ENOENT ping-pong), so they are refused up front.
const PSEUDO_FILE_SYSTEMS = ["/proc", "/sys", "/dev"];

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "read-only file system";
  if (code === "ENOTDIR") return "a path component is a file, not a folder";
  if (code === "ENOSPC") return "no space left on device";
  return code ?? (error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error));
}

/**
 * Creates `out` if needed and proves it writable by writing and removing a probe file. Missing folders are
 * created one level at a time (no recursive mkdir), so no file system can make it loop.
 *
 * @returns the absolute path of the folder
 * @throws {OutDirError} with a one-line message naming the path and the reason
 */
export async function prepareOutDir(out: string): Promise<string> {
  if (out.trim() === "") throw new OutDirError("--out must not be empty");
  const path = resolve(out);
  const pseudo = PSEUDO_FILE_SYSTEMS.find((root) => path === root || path.startsWith(`${root}/`));
  if (pseudo !== undefined) {
    throw new OutDirError(`--out ${out}: ${pseudo} is a kernel pseudo file system, not a reports folder`);
  }
  const missing: string[] = [];
  let existing = path;
  for (;;) {
    try {
      const info = await stat(existing);
      if (!info.isDirectory()) {
        throw new OutDirError(`--out ${out}: ${existing} exists and is not a folder`);
      }
      break;
    } catch (error) {
      if (error instanceof OutDirError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: an ancestor is a file; climbing up reaches it and reports it
      if (code !== "ENOENT" && code !== "ENOTDIR")
        throw new OutDirError(`--out ${out}: cannot read ${existing}: ${reason(error)}`);
      const parent = dirname(existing);
      if (parent === existing) throw new OutDirError(`--out ${out}: no existing folder above it`);
      missing.push(existing);
      existing = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw new OutDirError(`--out ${out}: cannot create ${folder}: ${reason(error)}`);
    }
  }
  const probe = resolve(path, `.descent-write-check-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(probe, "");
  } catch (error) {
    throw new OutDirError(`--out ${out}: cannot write in ${path}: ${reason(error)}`);
  }
  await rm(probe, { force: true });
  return path;
}
