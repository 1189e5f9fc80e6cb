// Checks run on every PDF a build makes, with the real poppler tools, for the
// build report: every font embedded, tagged, page count. Cheap (tens of ms).
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PdfChecks {
  pages: number;
  tagged: boolean;
  fonts: number;
  fontsEmbedded: boolean;
}

export async function checkPdf(file: string): Promise<PdfChecks> {
  const [info, fonts] = await Promise.all([run("pdfinfo", [file]), run("pdffonts", [file])]);
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "m").exec(info.stdout)?.[1]?.trim() ?? "";
  // pdffonts: two header lines, then one line per font; "emb" is the 5th column from the right.
  const rows = fonts.stdout
    .split("\n")
    .slice(2)
    .filter((line) => line.trim() !== "");
  const embedded = rows.map((row) => row.trim().split(/\s+/).slice(-5)[0] === "yes");
  return {
    pages: Number.parseInt(field("Pages"), 10),
    tagged: field("Tagged") === "yes",
    fonts: rows.length,
    fontsEmbedded: embedded.every(Boolean),
  };
}
