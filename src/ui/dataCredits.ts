// The data credits of a model, read from its MODEL_CARD.md ("## Data" table: set | used for | source | license),
// so the About box credits every shipped model's data without a second copy of the card.

export interface DataCredit {
  source: string;
  license: string;
}

/** Markdown links to plain "text (url)". */
const plain = (cell: string) => cell.replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)').trim();

/** The distinct (source, license) pairs of the card's data tables ("## Data" with source | license, or a
 * "## Licence and credits" section with credit | licence, as the band card writes); empty when it has none. */
export function dataCredits(card: string): DataCredit[] {
  const credits: DataCredit[] = [];
  for (const section of card.split(/^## /m).filter((s) => /^(Data|Licen[cs]e)\b/.test(s))) {
    const rows = section.split('\n').filter((l) => l.trim().startsWith('|'));
    const header = rows[0]?.split('|').map((c) => c.trim().toLowerCase()) ?? [];
    const src = header.findIndex((h) => h === 'source' || h === 'credit');
    const lic = header.findIndex((h) => h === 'license' || h === 'licence');
    if (src < 0 || lic < 0) continue;
    let last = '';
    for (const row of rows.slice(2)) {
      const cells = row.split('|').map((c) => c.trim());
      // "same" repeats the row above's source, as the cards write it.
      const source = cells[src] === 'same' ? last : plain(cells[src] ?? '');
      last = source;
      const license = cells[lic] ?? '';
      if (source && !credits.some((c) => c.source === source && c.license === license))
        credits.push({ source, license });
    }
  }
  return credits;
}
