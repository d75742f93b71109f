/**
 * Saves text as a file through the browser (Blob + object URL + a download link): works the same in Electron
 * and in Chromium against the headless host, with no file-system access from the renderer.
 */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
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

/** A file name safe on every OS: letters, digits, dot, dash and underscore. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'download';
}
