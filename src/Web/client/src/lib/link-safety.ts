// The browser-side copy of src/Protocol/Validation/LinkSafety.cs: a URL may be stored as a link
// or embed source only when it is relative or uses an allowed scheme, read the way a browser's
// URL parser reads it (outer spaces and C0 controls ignored, tabs and newlines inside removed,
// scheme letters case-insensitive). Every "linkVectors" entry of protocol-contract.json must get
// the same verdict here as in C# (test/edit-rules.test.ts).

/** .NET's char.IsControl: Unicode category Cc. */
const isControl = (c: number) => c <= 0x1f || (c >= 0x7f && c <= 0x9f);

/** The URL as the browser's parser reads it, or null when it holds a control character. */
function clean(url: string): string | null {
  let start = 0;
  let end = url.length;
  while (start < end && url.charCodeAt(start) <= 0x20) start++;
  while (end > start && url.charCodeAt(end - 1) <= 0x20) end--;
  let out = '';
  for (let i = start; i < end; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (isControl(c) || c === 0x2028 || c === 0x2029 || c === 0xfeff) return null;
    out += url[i];
  }
  return out;
}

/** The scheme, or null for a relative URL: a colon before the first '/', '?', '#' or '\'. */
function schemeOf(url: string): string | null {
  for (const c of url) {
    if (c === ':') return url.slice(0, url.indexOf(':'));
    if (c === '/' || c === '?' || c === '#' || c === '\\') return null;
  }
  return null;
}

/** Case folding as .NET's OrdinalIgnoreCase compares: each UTF-16 unit upper-cased alone. */
function fold(s: string): string {
  let out = '';
  for (const unit of s.split('')) {
    const lower = unit.toLowerCase();
    const l = lower.length === 1 ? lower : unit;
    const upper = l.toUpperCase();
    out += upper.length === 1 ? upper : l;
  }
  return out;
}

export function isSafeUrl(url: string | null | undefined, allowedSchemes: readonly string[]): boolean {
  if (url === null || url === undefined) return false;
  const cleaned = clean(url);
  if (cleaned === null || cleaned.length === 0) return false;
  const scheme = schemeOf(cleaned);
  if (scheme === null) return true;
  const folded = fold(scheme);
  return allowedSchemes.some((s) => fold(s) === folded);
}
