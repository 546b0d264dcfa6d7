import { useEffect, useState } from 'react';
import { selectModel } from '../store/selectors';
import { useCantor } from '../store/state';
import { dataCredits, type DataCredit } from './dataCredits';

type Card = { credits: DataCredit[]; found: boolean };

/** Per listed model: the data it was trained on (from its model card) and a link to the card. */
export function ModelCredits({ open }: { open: boolean }) {
  const models = useCantor(selectModel).available;
  const [cards, setCards] = useState<Record<string, Card>>({});
  useEffect(() => {
    if (!open) return;
    let live = true;
    for (const m of models) {
      if (cards[m.name]) continue;
      fetch(`/models/${encodeURIComponent(m.name)}/MODEL_CARD.md`)
        .then(async (res) =>
          res.ok ? { credits: dataCredits(await res.text()), found: true } : { credits: [], found: false },
        )
        .catch(() => ({ credits: [], found: false }))
        .then((card) => live && setCards((c) => ({ ...c, [m.name]: card })));
    }
    return () => {
      live = false;
    };
  }, [open, models, cards]);
  return (
    <ul className="model-credits">
      {models.map((m) => {
        const card = cards[m.name];
        return (
          <li key={m.name}>
            <strong>{m.name}</strong>
            {card?.found ? (
              <>
                {' '}
                (
                <a href={`/models/${encodeURIComponent(m.name)}/MODEL_CARD.md`} target="_blank" rel="noreferrer">
                  model card
                </a>
                )
              </>
            ) : (
              card && ' (no model card: an untrained test model)'
            )}
            {card && card.credits.length > 0 && (
              <ul>
                {card.credits.map((c) => (
                  <li key={c.source + c.license}>
                    {c.source}. License: {c.license}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
