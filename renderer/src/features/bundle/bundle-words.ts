import type { BundleKind, BundleProblem, SignerStatus } from '../../../../shared/domain/bundle';

/** The refusal's reason as a short heading; main's message below it says exactly what and where. */
export const PROBLEM_WORDS: Record<BundleProblem, string> = {
  'not-a-bundle': 'Not a site bundle',
  'corrupt-archive': 'Damaged bundle file',
  truncated: 'Incomplete file (truncated)',
  'unsafe-name': 'Unsafe file name inside (path traversal or not a bundle file)',
  'unsupported-entry': 'A link, folder or device inside',
  'duplicate-entry': 'A file inside twice',
  'too-many-entries': 'Too many files inside',
  'missing-manifest': 'No manifest (not a site bundle)',
  'manifest-too-large': 'Manifest too large',
  'bad-manifest': 'Unreadable manifest',
  'unknown-format-version': 'Unknown bundle format version',
  'signature-mismatch': 'Signature does not match (changed after signing)',
  'untrusted-signer': 'Signed by an unknown key',
  'unlisted-file': 'Extra file not in the manifest',
  'missing-file': 'File missing',
  'wrong-size': 'Wrong file size',
  'wrong-hash': 'Wrong hash (file damaged or changed)',
  'bad-content': 'Unreadable content',
  'bad-image': 'Firmware image fails its checks',
};

export function problemWords(problem: string | null): string {
  return problem && problem in PROBLEM_WORDS ? PROBLEM_WORDS[problem as BundleProblem] : 'Refused';
}

export const KIND_WORDS: Record<BundleKind, string> = {
  image: 'Firmware images',
  template: 'Templates',
  group: 'Groups',
  device: 'Devices',
};

/** Refusals that mean another kind of file was chosen: said as such, not as a damaged bundle. */
export const isNotABundle = (problem: string | null) =>
  problem === 'not-a-bundle' || problem === 'missing-manifest';

export const SIGNER_WORDS: Record<SignerStatus, string> = {
  own: 'Signed by this computer (a bundle exported here).',
  pinned: 'Trusted: the same office key as before.',
  'first-use':
    'First bundle on this computer: compare this fingerprint with the office; it is trusted from this import on.',
  unknown:
    'Not the office key this computer trusts. Compare the fingerprint with the office before importing.',
};

/** A long hex hash in groups of four, as the office reads it out. */
export const grouped = (hex: string) => hex.match(/.{1,4}/g)?.join(' ') ?? hex;

/** `1 image`, `2 images`. */
export const countOf = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
