import type { Virtualizer } from '@tanstack/react-virtual';

/**
 * The scroll container's size, reported by a ResizeObserver only. The library's default also reads
 * clientHeight synchronously in the commit, which forces a layout before the browser would do one anyway;
 * until the first observation the virtualizer uses its `initialRect` estimate.
 */
export function observeRectLazily(
  instance: Virtualizer<HTMLDivElement, Element>,
  cb: (rect: { width: number; height: number }) => void,
): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return undefined;
  const observer = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect;
    if (box) cb({ width: Math.round(box.width), height: Math.round(box.height) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}
