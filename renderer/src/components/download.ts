/**
 * Saves text as a file through the browser (Blob + object URL + a download link): works the same in Electron
 * and in Chromium against the headless host, with no file-system access from the renderer.
 */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

/** Saves bytes already in a Blob (e.g. a site bundle fetched in chunks) the same way. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; the URL is released once it has been handed over.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A file name for something a device produced: its name, then when (UTC, to the second), safe on every OS:
 * `Hall Plug` at 21:30:05 → `Hall-Plug-2026-12-07T21-30-05.json`.
 */
export function datedFileName(name: string, at: number, extension: string): string {
  const words = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'device';
  const when = new Date(at).toISOString().slice(0, 19).replace(/:/g, '-');
  return `${words}-${when}.${extension}`;
}
