import { useRef, useState } from 'react';
import { SOUND_CREDITS } from '../audio/credits';
import { ModelCredits } from './ModelCredits';

/** About: what runs where, the data of every shipped model (with its card), and the sound licenses. */
export function AboutBox() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="about-button"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        About
      </button>
      <dialog ref={dialog} aria-label="About Cantor">
        <h2>About Cantor</h2>
        <p>A small GPT-2 writes music in your browser. Nothing you compose or upload leaves this machine.</p>
        <h3>Models and their data</h3>
        <ModelCredits open={open} />
        <h3>Sounds</h3>
        <ul>
          {SOUND_CREDITS.map((c) => (
            <li key={c.name}>
              {c.name}, by {c.author}. License: {c.license}. Source: {c.source}
            </li>
          ))}
        </ul>
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
