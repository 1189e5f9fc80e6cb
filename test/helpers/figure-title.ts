// A title with figures, written by the tests: a tall PNG (made here, with zlib:
// at its natural size it would be 423 mm high, taller than any page) and
// a JPEG (a screenshot by the build's Chromium, given by the caller), each
// with alternative text, one with a caption, between numbered paragraphs.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

export const FIGURE_SLUG = "a-figured-essay";

/** The figures as the text refers to them, and what the tests look for (`href`: where the editions put them). */
export const FIGURES = {
  png: {
    file: "images/gradient.png",
    href: "figures/1-gradient.png",
    alt: "A gradient from blue at the top left to yellow at the bottom right",
    width: 600,
    height: 1600,
  },
  jpeg: { file: "plate 2.jpg", href: "figures/2-plate-2.jpg", alt: "A dark red square on a pale ground" },
  caption: "The gradient, as *Plate 1* shows it",
  captionText: "The gradient, as Plate 1 shows it",
} as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid RGB PNG (PNG spec §11.2: IHDR, IDAT, IEND) of a gradient; `shift` changes its pixels. */
export function gradientPng(width: number, height: number, shift = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = 2; // truecolour
  const row = width * 3 + 1;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = y * row + 1 + x * 3;
      pixels[at] = (Math.floor((x * 255) / width) + shift) & 0xff;
      pixels[at + 1] = Math.floor((y * 255) / height);
      pixels[at + 2] = 255 - Math.floor((x * 255) / width);
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(pixels)), chunk("IEND", Buffer.alloc(0))]);
}

/** Write the title into `contentDir`; returns its folder. */
export function writeFigureTitle(contentDir: string, options: { jpeg: Uint8Array }): string {
  const dir = join(contentDir, FIGURE_SLUG);
  mkdirSync(join(dir, "images"), { recursive: true });
  writeFileSync(join(dir, FIGURES.png.file), gradientPng(FIGURES.png.width, FIGURES.png.height));
  writeFileSync(join(dir, FIGURES.jpeg.file), options.jpeg);
  writeFileSync(
    join(dir, "index.md"),
    `---
title: A Figured Essay
author: Test Author
language: en-GB
description: An essay with two figures, written by the test suite.
rights: Written for the test suite.
originalPublication: { venue: unknown, date: unknown }
subject: { source: plates, kind: book, title: Plates, year: 1900 }
editionDate: 2026-01-02
---
The first paragraph stands before the figures.

![${FIGURES.png.alt}](${FIGURES.png.file} "${FIGURES.caption}")

The second paragraph stands between them.

![${FIGURES.jpeg.alt}](${FIGURES.jpeg.file.replace(" ", "%20")})

The third paragraph follows the second figure.
`,
  );
  writeFileSync(
    join(dir, "sources.yaml"),
    `- id: plates
  type: book
  title: Plates
  author: [{ family: Painter, given: A. }]
  issued: { date-parts: [[1900]] }
`,
  );
  return dir;
}
