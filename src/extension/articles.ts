// English article and number agreement: the core's one copy (src/core/english.ts), re-exported for
// the editor's modules. Pure: no vscode import.
export { agreeArticle, indefiniteArticle, matchCase, pluralize as pluralizePhrase, pluralizeWord } from '../core/index';
