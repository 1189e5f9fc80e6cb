// The EPUB's unique identifier, and the OPDS entry id, derived from the slug
// so that every build of a title carries the same one (EPUB 3.3 §5.5.3.1: the
// identifier must not change between revisions of the same publication).
import { createHash } from "node:crypto";

/** RFC 9562 §6.6: the URL namespace; the name hashed in it is the title's slug. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/** A name-based (SHA-1) UUID, version 5 (RFC 9562 §5.5). */
export function uuidV5(name: string, namespace: string = URL_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (ns.length !== 16) throw new Error(`uuidV5: namespace "${namespace}" is not a UUID`);
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `urn:uuid:…` for a title: the EPUB's dc:identifier, the NCX uid and the OPDS entry id. */
export function titleIdentifier(slug: string): string {
  return `urn:uuid:${uuidV5(slug)}`;
}
