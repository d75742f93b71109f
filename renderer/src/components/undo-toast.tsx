import { undoDismissed, useUndoOffer } from '../stores/undo-store';

/** "Removed 3 devices — Undo": shown for a while after a removal. */
export function UndoToast() {
  const offer = useUndoOffer();
  if (!offer) return null;
  return (
    <div role="status" className="undo-toast" data-testid="undo-toast">
      {offer.message}{' '}
      <button
        type="button"
        className="primary"
        onClick={() => {
          undoDismissed(offer.seq);
          void offer.undo();
        }}
      >
        Undo
      </button>
      <button type="button" className="link" aria-label="Close" onClick={() => undoDismissed(offer.seq)}>
        ×
      </button>
    </div>
  );
}
