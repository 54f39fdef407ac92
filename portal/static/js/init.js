// Start GOV.UK Frontend's components (skip link, exit this page, ...).
// Everything works without this: it only adds keyboard shortcuts and polish.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

initAll();
