#!/bin/sh
# Debian's Chromium with the headless flags of the developers' guide, for
# DAISY Ace's `ace-puppeteer`, which takes only an executable path
# (PUPPETEER_EXECUTABLE_PATH), no arguments. Used by scripts/epub/ace.ts.
exec "${CHROMIUM:-/usr/bin/chromium}" --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync "$@"
