// Fails (exit 1) when a translation lacks a key English has, has one English lacks, or drops a
// placeholder: run before `next build`, so such a catalogue never ships.
import { checkCatalogues, describeProblems } from "../lib/i18n/check-catalogues.ts";

const problems = checkCatalogues();
if (problems.length) {
  console.error(`The message catalogues are not complete (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${describeProblems(problems)}`);
  process.exit(1);
}
console.log("message catalogues: complete");
