// `npm run fonts:derive`: writes fonts/literata/ again from the installed
// @fontsource/literata (after an upgrade of the package; derive.ts says what
// changes and why).
import { ALL_FONT_FACES, DERIVED_DIR, DERIVED_SUBSETS, PACKAGE_VERSION, packageFontFile } from "./index.ts";
import { writeDerived } from "./derive.ts";

const faces = ALL_FONT_FACES.filter((face) => DERIVED_SUBSETS.includes(face.subset)).map((face) => ({
  stem: face.stem,
  woffFile: packageFontFile(face, "woff"),
}));
await writeDerived({ dir: DERIVED_DIR, faces, packageVersion: PACKAGE_VERSION });
console.log(`Derived ${faces.length} faces (WOFF and WOFF2) into ${DERIVED_DIR}.`);
