// The request policy of every page we render: rendering never touches the
// network, nor any local file outside the served folders. Each request is
// intercepted; only our own server's URLs that map to an allowed file pass.
// Everything else is aborted and reported by name, so the build fails instead
// of printing a PDF with a silently missing image or font.
import type { HTTPRequest, Page } from "puppeteer-core";

export interface RequestPolicy {
  /** True when the URL may be loaded. */
  allows(url: string): boolean;
}

/** Allow only URLs on `origin` that `resolve` maps to something it will serve. */
export function localOnlyPolicy(options: { origin: string; resolve: (url: string) => string | null }): RequestPolicy {
  return {
    allows(url) {
      // data: URLs carry their bytes inline and never leave the process.
      if (url.startsWith("data:")) return true;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      return parsed.origin === options.origin && options.resolve(url) !== null;
    },
  };
}

/** Intercept every request of `page`; abort and report what the policy refuses. */
export async function enforcePolicy(page: Page, policy: RequestPolicy, onBlocked: (description: string) => void): Promise<void> {
  await page.setRequestInterception(true);
  page.on("request", (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    if (policy.allows(url)) {
      void request.continue();
      return;
    }
    onBlocked(`blocked ${request.resourceType()} request to ${abbreviate(url)}`);
    void request.abort("blockedbyclient");
  });
}

function abbreviate(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
