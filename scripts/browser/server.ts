// A tiny static HTTP server on 127.0.0.1 for Chromium to load an edition
// from. Paged.js must be served over http (from file:// its fetch of the
// stylesheets is refused and it hangs). The server answers only for files
// inside its mounted folders, plus documents held in memory; everything else
// (path traversal, symlinks leading out, other methods) gets 403 or 404.
import { createReadStream, realpathSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, isAbsolute, relative, resolve } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

export interface ServerOptions {
  /** URL prefix (starting and ending with "/") → absolute folder. */
  mounts: Record<string, string>;
  /**
   * URL path → absolute path of one file, served as it is: what a document may
   * load from outside the mounted folders (a title's figures), and nothing
   * else of the folder it lies in.
   */
  files?: Record<string, string>;
  /** URL path → body, served from memory (e.g. the assembled HTML document). */
  documents?: Record<string, { body: string | Uint8Array; type: string }>;
  /** Extra response headers for every response (e.g. a Content-Security-Policy naming the origin). */
  headers?: (origin: string) => Record<string, string>;
}

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /**
   * What a URL on this server maps to: a file path, "memory" for an in-memory
   * document, or null when the server would refuse it. The request policy uses
   * this so Chromium never even asks for what we would not serve.
   */
  resolve(url: string): string | "memory" | null;
  close(): Promise<void>;
}

function insideFolder(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/** Map a URL path to a file under a mount; null if it is outside every mount. */
function resolvePath(mounts: Array<[string, string]>, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  // Refuse any ".." segment outright rather than normalising it away.
  if (decoded.split("/").some((segment) => segment === "..")) return null;
  for (const [prefix, folder] of mounts) {
    if (!decoded.startsWith(prefix)) continue;
    const file = resolve(folder, decoded.slice(prefix.length));
    if (!insideFolder(folder, file)) return null;
    // A symlink inside the folder must not lead outside it.
    try {
      const real = realpathSync(file);
      if (!insideFolder(realpathSync(folder), real)) return null;
      return statSync(real).isFile() ? real : null;
    } catch {
      // Missing file: still "inside", so the server answers 404 and the build
      // reports the missing resource by name.
      return file;
    }
  }
  return null;
}

export async function startServer(options: ServerOptions): Promise<LocalServer> {
  for (const prefix of Object.keys(options.mounts)) {
    if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
      throw new Error(`Server mount prefix "${prefix}" must start and end with "/".`);
    }
  }
  // Longest prefix first, so /a/b/ wins over /a/.
  const mounts = Object.entries(options.mounts)
    .map(([prefix, folder]): [string, string] => [prefix, resolve(folder)])
    .sort((a, b) => b[0].length - a[0].length);
  const documents = new Map(Object.entries(options.documents ?? {}));
  const files = new Map(Object.entries(options.files ?? {}).map(([path, file]): [string, string] => [path, resolve(file)]));
  // A request's path as the server compares it: percent-escapes decoded, as the mounts are.
  const fileFor = (pathname: string): string | undefined => {
    try {
      return files.get(pathname) ?? files.get(decodeURIComponent(pathname));
    } catch {
      return undefined;
    }
  };
  let origin = "";
  let headers: Record<string, string> = {};

  const resolveUrl = (url: string): string | "memory" | null => {
    let parsed: URL;
    try {
      parsed = new URL(url, origin);
    } catch {
      return null;
    }
    if (parsed.origin !== origin) return null;
    if (documents.has(parsed.pathname)) return "memory";
    return fileFor(parsed.pathname) ?? resolvePath(mounts, parsed.pathname);
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const send = (status: number, body = ""): void => {
      response.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
      response.end(body);
    };
    if (request.method !== "GET" && request.method !== "HEAD") return send(405, "method not allowed");
    const pathname = new URL(request.url ?? "/", origin).pathname;
    const doc = documents.get(pathname);
    if (doc) {
      response.writeHead(200, { "content-type": doc.type, ...headers });
      response.end(request.method === "HEAD" ? undefined : doc.body);
      return;
    }
    const file = fileFor(pathname) ?? resolvePath(mounts, pathname);
    if (file === null) return send(403, "outside the served folders");
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return send(404, "not found");
      size = stat.size;
    } catch {
      return send(404, "not found");
    }
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "content-length": String(size),
      ...headers,
    });
    if (request.method === "HEAD") return void response.end();
    createReadStream(file)
      .on("error", () => response.destroy())
      .pipe(response);
  };

  const server = createServer(handle);
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  headers = options.headers?.(origin) ?? {};

  let closing: Promise<void> | undefined;
  return {
    origin,
    resolve: resolveUrl,
    close() {
      closing ??= new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
