// Puppeteer must never download a browser: it cannot here, and the build uses
// Debian's Chromium (see scripts/browser/find-chromium.ts).
module.exports = { skipDownload: true };
