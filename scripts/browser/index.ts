// The Chromium façade: the rest of the code gets a browser session, pages that
// cannot reach the network, and a local server, without touching Puppeteer's
// quirks.
export { ChromiumNotFoundError, findChromium } from "./find-chromium.ts";
export { enforcePolicy, localOnlyPolicy, type RequestPolicy } from "./policy.ts";
export { startServer, type LocalServer, type ServerOptions } from "./server.ts";
export { CHROMIUM_FLAGS, launchBrowser, PageProblemError, type BrowserSession, type GuardedPage } from "./session.ts";
