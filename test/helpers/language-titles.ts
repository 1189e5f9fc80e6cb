// Titles in other languages, written by the tests (short original texts, each
// with a quotation, a source and a note): a French review, a German essay
// about a novel, and an English essay about no one work, with a subtitle.
// Building them proves that every word an edition shows is in the title's
// language (test/i18n-editions.test.ts) and that only a review says "review".
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface LanguageTitle {
  slug: string;
  /** The title's BCP 47 tag, as its front matter gives it. */
  language: string;
  kind: "review" | "essay";
  files: Record<string, string>;
}

export const FRENCH: LanguageTitle = {
  slug: "la-regle-et-le-jeu",
  language: "fr",
  kind: "review",
  files: {
    "index.md": `---
title: La règle et le jeu
subtitle: Renoir, quatre-vingts ans après
author: Claire Fontenay
language: fr
description: Une courte critique de La Règle du jeu de Jean Renoir, écrite pour la suite de tests.
keywords: [Jean Renoir, cinéma français]
rights: Écrit pour la suite de tests ; libre de droits.
originalPublication: { venue: unknown, date: unknown }
subject: { source: regle-du-jeu, kind: film, title: La Règle du jeu, year: 1939, director: Jean Renoir }
editionDate: 2026-11-30
---
Revoir *La Règle du jeu* aujourd’hui, c’est mesurer combien le film de Jean Renoir a gardé sa cruauté tranquille. Rien n’y est appuyé\u00a0; la caméra passe d’une pièce à l’autre comme une invitée distraite, et c’est pourtant elle qui voit tout.

Octave, que Renoir interprète lui-même, le dit sans détour\u00a0: «\u00a0Sur cette terre, il y a une chose effroyable, c’est que tout le monde a ses raisons.\u00a0» La phrase ne condamne personne\u00a0; elle désarme le spectateur.

On a souvent dit que le film annonçait la guerre. Un critique de l’époque y aurait vu «\u00a0un jeu de massacre mondain\u00a0». Le mot est juste, mais il oublie la tendresse avec laquelle Renoir regarde ses personnages, jusque dans la scène de la chasse.
`,
    "sources.yaml": `- id: regle-du-jeu
  type: motion_picture
  title: La Règle du jeu
  director: [{ family: Renoir, given: Jean }]
  issued: { date-parts: [[1939]] }
- id: grande-illusion
  type: motion_picture
  title: La Grande Illusion
  director: [{ family: Renoir, given: Jean }]
  issued: { date-parts: [[1937]] }
  unknown: [publisher]
`,
    "quotations.yaml": `- id: q-raisons
  anchor: { exact: "tout le monde a ses raisons." }
  speaker: Octave
  source: regle-du-jeu
  attribution: Octave, que Renoir interprète lui-même
  note: La réplique la plus citée du film.
- id: q-massacre
  anchor: { exact: un jeu de massacre mondain }
  speaker: null
  source: null
  note: La formule circule sans auteur ni date.
`,
    "comparisons.yaml": `- id: c-illusion
  heading: Deux ans plus tôt
  anchor: { exact: annonçait la guerre }
  works: [grande-illusion]
  note: Le même regard sur une classe qui se défait, déjà.
`,
    "textual-notes.yaml": `- id: t-chasse
  anchor: { exact: la scène de la chasse }
  note: Le manuscrit portait d’abord «\u00a0la partie de chasse\u00a0».
- id: t-espaces
  note: Les espaces fines et insécables sont celles de l’éditeur.
`,
  },
};

export const GERMAN: LanguageTitle = {
  slug: "ein-weites-feld",
  language: "de-DE",
  kind: "essay",
  files: {
    "index.md": `---
title: Ein weites Feld
author: Jonas Berger
language: de-DE
kind: essay
description: Ein kurzer Essay über Fontanes Roman Effi Briest, für die Testsuite geschrieben.
keywords: [Theodor Fontane, Roman]
rights: Für die Testsuite geschrieben; frei verwendbar.
originalPublication: { venue: Testheft, date: 2025-03-14 }
subject: { source: effi-briest, kind: book, title: Effi Briest, year: 1895 }
editionDate: 2026-11-30
---
Wer heute *Effi Briest* liest, bemerkt zuerst, wie wenig Fontane erklärt. Die Figuren reden viel, aber das Entscheidende geschieht zwischen den Sätzen, in Pausen und Ausflüchten.

Am deutlichsten wird das an der Formel, mit der der alte Briest jedes schwierige Gespräch beendet: „Das ist ein weites Feld.“ Sie klingt nach Bescheidenheit und ist doch eine Weigerung, genauer hinzusehen.

Man hat den Roman oft mit Flauberts *Madame Bovary* verglichen. Der Vergleich trägt nur zur Hälfte: Emma sucht das Abenteuer, Effi gerät hinein, fast ohne es zu merken.
`,
    "sources.yaml": `- id: effi-briest
  type: book
  title: Effi Briest
  author: [{ family: Fontane, given: Theodor }]
  issued: { date-parts: [[1895]] }
- id: madame-bovary
  type: book
  title: Madame Bovary
  author: [{ family: Flaubert, given: Gustave }]
  issued: { date-parts: [[1857]] }
`,
    "quotations.yaml": `- id: q-feld
  anchor: { exact: Das ist ein weites Feld. }
  speaker: Briest
  source: effi-briest
  attribution: null
  note: Der Satz kehrt im Roman mehrfach wieder.
`,
    "comparisons.yaml": `- id: c-bovary
  heading: Flaubert
  anchor: { exact: Madame Bovary }
  works: [madame-bovary]
  note: Beide Romane erzählen von einer Ehe ohne Sprache.
`,
    "textual-notes.yaml": `- id: t-saetze
  anchor: { exact: zwischen den Sätzen }
  note: Im ersten Entwurf stand „hinter den Sätzen“.
`,
  },
};

export const ENGLISH_ESSAY: LanguageTitle = {
  slug: "what-translators-leave",
  language: "en-GB",
  kind: "essay",
  files: {
    "index.md": `---
title: What Translators Leave
subtitle: Notes on reading in translation
author: Ruth Okafor
language: en-GB
description: A short essay on reading in translation, written for the test suite.
rights: Written for the test suite; free to reuse.
originalPublication: { venue: unknown, date: unknown }
editionDate: 2026-11-30
---
Every translation is an argument about what mattered in the original. The translator cannot carry everything across, and what she leaves behind tells us what she thought the book was for.

Shelley thought the whole business hopeless. “Hence the vanity of translation,” he wrote, and compared it to casting a violet into a crucible to discover its colour and scent.

Yet readers go on reading translations, and most of them are right to. A book read in a good translation is still a book read.
`,
    "sources.yaml": `- id: shelley-defence
  type: book
  title: A Defence of Poetry
  author: [{ family: Shelley, given: Percy Bysshe }]
  issued: { date-parts: [[1840]] }
`,
    "quotations.yaml": `- id: q-vanity
  anchor: { exact: Hence the vanity of translation }
  speaker: Percy Bysshe Shelley
  source: shelley-defence
  note: Written in 1821, published after his death.
`,
    "textual-notes.yaml": `- id: t-read
  anchor: { exact: still a book read }
  note: The essay’s last words, kept as the author wrote them.
`,
  },
};

export const LANGUAGE_TITLES = [FRENCH, GERMAN, ENGLISH_ESSAY];

/** Write a title's files into `contentDir/<slug>/`; returns its folder. */
export function writeLanguageTitle(contentDir: string, title: LanguageTitle): string {
  const dir = join(contentDir, title.slug);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(title.files)) writeFileSync(join(dir, file), text);
  return dir;
}
