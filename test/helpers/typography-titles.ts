// Short original titles for the typography tests (test/typography-editions.test.ts),
// typed the way an editor types: straight quotes, a plain space or none before ; : ! ?.
// Each title has a quoted word, so the print footer, which quotes the title, nests quotes;
// the French attribution has one too, and a French note a Latin span.
const front = (fields: string) => `---
${fields.trim()}
originalPublication: { venue: unknown, date: unknown }
editionDate: 2026-11-30
---
`;

export const TITLES: Record<string, Record<string, string>> = {
  "le-phare": {
    "index.md": `${front(`
title: Le phare et la "mémoire"
author: Léa Martin
language: fr
description: Une courte critique d'un roman imaginaire, écrite pour les tests de "typographie".
rights: Écrit pour la suite de tests ; libre de droits !
`)}
Le roman s'ouvre sur un phare que personne n'allume plus ; la gardienne y monte pourtant chaque soir, "par habitude", dit-elle, et le lecteur comprend vite que l'habitude est ici une forme de deuil. Faut-il y voir une allégorie ? Sans doute, mais l'autrice ne la souligne jamais : elle préfère les gestes aux symboles, les escaliers aux idées, et c'est ce qui donne au livre sa justesse.

La gardienne répète : "Tout change, sauf la mer." La formule revient à chaque chapitre, comme un refrain que l'on n'ose plus chanter ; elle finit par changer de sens ! Au début, c'est une plainte ; à la fin, c'est presque une promesse, et le lecteur la reçoit comme telle, sans qu'aucune phrase ne l'y oblige.

On pense à la devise [Graecia capta ferum victorem cepit]{lang=la}, que le narrateur cite sans la traduire : la mer a pris le phare, et le phare a fini par apprivoiser la mer. Est-ce trop ? Peut-être ; mais le roman l'assume, et ses dernières pages, d'une "douceur presque insolente", lui donnent raison.
`,
    "sources.yaml": `- id: phare
  type: book
  title: Le phare
  author: [{ family: Martin, given: Léa }]
  issued: { date-parts: [[2024]] }
`,
    "quotations.yaml": `- id: q-mer
  anchor: { exact: "Tout change, sauf la mer." }
  speaker: La gardienne
  source: phare
  attribution: 'la gardienne, au chapitre "Le feu"'
  note: La phrase revient, mot pour mot, dans chaque chapitre ; c'est le "refrain" du livre.
`,
    "comparisons.yaml": `- id: c-devise
  heading: Une devise d'Horace
  anchor: { exact: "Graecia capta ferum victorem cepit" }
  works: [phare]
  note: 'Horace, *Épîtres*, II, 1 : le vers est cité "sans traduction" !'
`,
    "textual-notes.yaml": `- id: t-devise
  anchor: { exact: "Graecia capta ferum victorem cepit" }
  note: La citation est donnée telle qu'elle paraît dans le roman ; l'orthographe de [victorem]{lang=la} est celle de l'édition.
`,
  },
  "der-leuchtturm": {
    "index.md": `${front(`
title: Der Leuchtturm und das "Meer"
author: Jonas Berger
language: de-DE
description: Ein kurzer Essay über einen erfundenen Roman, für die Typografie-Tests geschrieben.
rights: Für die Testsuite geschrieben; frei verwendbar.
`)}
Der Roman beginnt mit einem Leuchtturm, den niemand mehr anzündet. Die Wärterin steigt trotzdem jeden Abend hinauf, "aus Gewohnheit", wie sie sagt, und man begreift bald, dass die Gewohnheit hier eine Form der Trauer ist.

Ihr Satz "Alles ändert sich, nur das Meer nicht." kehrt in jedem Kapitel wieder, zuerst als Klage, am Ende fast als Versprechen; das 'Meer' bleibt.
`,
    "sources.yaml": `- id: turm
  type: book
  title: Der Leuchtturm
  author: [{ family: Berger, given: Jonas }]
  issued: { date-parts: [[2023]] }
`,
    "quotations.yaml": `- id: q-meer
  anchor: { exact: "Alles ändert sich, nur das Meer nicht." }
  speaker: Die Wärterin
  source: turm
  attribution: null
  note: Der Satz ist das "Leitmotiv" des Buches.
`,
  },
  "the-lighthouse": {
    "index.md": `${front(`
title: The Lighthouse and the "Sea"
author: Ann Reed
language: en-GB
description: A short essay on an imagined novel, written for the typography tests; the notes are the editors' own.
rights: Written for the test suite; the apparatus is the editors' own.
`)}
The novel opens on a lighthouse nobody lights any more. Its keeper climbs it every evening all the same, "out of habit", she says.
`,
  },
};
