// The service layer: every editor feature computed from the core's analysis of a matter and
// returned in LSP's shapes (vscode-languageserver-types). No `vscode` import, no file system: the
// language server, the VS Code providers and the tests call these with an analysis.
export {
  DIAGNOSTIC_SOURCE,
  CATALOGUE_ANCHOR,
  catalogueLink,
  toDiagnostic,
  matterDiagnostics,
  documentsClaimsFirst,
  documentDiagnostics,
  findingFor,
  type DiagnosticData,
  type DiagnosticOptions,
} from './diagnostics';
export { codeActions, type CodeActionOptions } from './codeActions';
export { claimAt, termAt, hover, codeLenses, prepareRename, rename, renameEdits, references, definition, documentSymbols, lineLink, RENAME_HINT, type LensCommands } from './features';
export { claimTree, matterReport, type ClaimTreeItem, type ClaimTreeResult, type MatterReport } from './matter';
export { dedupeEdits, toWorkspaceEdit, minimalChange, textChangesEdit } from './edits';
export { offsetAt, toRange, documentOf } from './positions';
export { diagnosticLevel, isDescriptionStyle, countsInClaims, claimLocator, STYLE_CODES, DESCRIPTION_STYLES, type DiagnosticLevel, type DescriptionStyle, type LevelOptions } from './diagnosticLevel';
export { statusSummary } from './statusSummary';
export { findingGroups, type FindingGroup } from './findingGroups';
export { claimAddition, claimLabel, type ClaimAddition } from './claimLabel';
export { claimHover, termHover, claimLensTitle, type LinkFn } from './hoverContent';
export { reportMarkdown, type ReportOptions } from './reportContent';
export { termOccurrences, renameTermEdits, type Occurrence } from './termOps';
export { GLOSSARY_PATH, glossaryEntryEdit } from './glossaryEdit';
export { type StatusSummary } from './statusSummary';
export { MAX_VIEW_ROWS, termRows, termRow, sortedTerms, findingRows, claimFamilyAt, claimUnder, rootClaim, type TermRow, type FindingRow, type FindingGroupRow, type ClaimFamily } from './viewContent';
