// Bangla first, then English: the platform's learners read Bangla; the research team and the
// course's international partners read English. Both come from the catalog's language maps.

/** A <span> with the map's bn-BD and en-US texts, each marked with its language. */
export function bilingual(map) {
  const out = document.createElement('span');
  out.className = 'bilingual';
  const bn = map?.['bn-BD'];
  const en = map?.['en-US'];
  if (bn) {
    const s = document.createElement('span');
    s.lang = 'bn';
    s.textContent = bn;
    out.append(s);
  }
  if (en && en !== bn) {
    const s = document.createElement('span');
    s.lang = 'en';
    s.textContent = en;
    out.append(s);
  }
  return out;
}

/** The plain text of a language map, "বাংলা · English", for document titles and labels. */
export function bilingualText(map) {
  return [map?.['bn-BD'], map?.['en-US']].filter(Boolean).join(' · ');
}
