/**
 * A list of keys as Comity's settings write them (COMITY_CODEC_KEYS, COMITY_ACTION_KEYS):
 * `<key id>:<key material>` entries, comma-separated, blanks ignored. Each entry comes back as it
 * was written, with `id` empty when the entry has no `:`; what the material must be (its length,
 * its encoding) is the reader's to check.
 */
export function keyListEntries(
  spec: string,
): { readonly entry: string; readonly id: string; readonly material: string }[] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      return { entry, id: at > 0 ? entry.slice(0, at) : '', material: at > 0 ? entry.slice(at + 1) : '' };
    });
}
