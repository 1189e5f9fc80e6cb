// fontverter 2 ships no types. https://github.com/papandreou/fontverter
declare module "fontverter" {
  type Format = "sfnt" | "truetype" | "woff" | "woff2";
  const fontverter: {
    convert(buffer: Buffer | Uint8Array, toFormat: Format, fromFormat?: Format): Promise<Buffer>;
    detectFormat(buffer: Buffer): Format;
  };
  export default fontverter;
}
