import { BundleError } from './bundle-errors';
import { MANIFEST_PATH, SIGNATURE_PATH, isDataPath } from './bundle-manifest';

/**
 * Refuses a name that could point outside the staging folder or that this format never uses: absolute paths,
 * drive letters, `..` or `.` segments, backslashes, NUL and other control characters, empty segments, and
 * anything outside the fixed layout (bundle-manifest.ts).
 */
export function checkEntryName(name: string): void {
  const shown = JSON.stringify(name.slice(0, 120));
  const unsafe = (why: string) =>
    new BundleError('unsafe-name', `the bundle holds an entry named ${shown}: ${why}; it was refused`, {
      path: name.slice(0, 200),
    });
  if (name.length === 0) throw unsafe('an empty name');
  if ([...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw unsafe('a NUL or control character in the name');
  }
  if (name.includes('\\')) throw unsafe('a backslash in the name');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw unsafe('an absolute path');
  const segments = name.split('/');
  if (segments.some((s) => s === '..')) throw unsafe('a ".." that climbs out of the bundle (path traversal)');
  if (segments.some((s) => s === '' || s === '.')) throw unsafe('an empty or "." folder in the path');
  if (name !== MANIFEST_PATH && name !== SIGNATURE_PATH && !isDataPath(name)) {
    throw unsafe('not a file site bundles hold (only firmware/, templates/, groups.json and devices.json)');
  }
}
