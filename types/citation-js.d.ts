// Minimal types for the parts of citation-js we use (it ships none that fit ESM under tsx).
declare module "style-chicago" {
  const style: { name: string; attrs?: Record<string, string>; children?: unknown[] };
  export default style;
}
