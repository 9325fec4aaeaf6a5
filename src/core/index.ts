// The patent language core: no `vscode` import, used by the editor, the CLI, the MCP server,
// tests and benchmarks alike.
export * from './types';
export { analyzeMatter, AnalysisCache, CHECK_CODES, type Analysis } from './analyze';
export { DEFAULT_SEVERITY, DEFAULT_CONFIDENCE, CONFIDENCES, defaultConfidence, isConfidence, meetsConfidence } from './checks/context';
export { createMatter, detectRole, parseGlossary, DEFAULT_PATTERNS, DEFAULT_SETTINGS, type FilePatterns } from './matter';
export { parseClaims, readDependency, readReferences, readClaimNumbers, claimNumberAt, renumberReference, rewriteClaimReference, formatClaimReference, referencesOf, type ClaimNumberRef } from './claims';
export { claimTree, ancestors, dependents, allDependents, dependencyChain, findClaimAt, findTermAt, findClaimReferenceAt, type ClaimTreeNode } from './tree';
export { toSarif, formatFindingText, displayPath, CHECK_DESCRIPTIONS } from './output';
export { renumberClaimEdits, referenceEdits } from './renumber';
export { LineIndex, offsetToPosition, excerpt } from './text';
export { countWords, normWord, singular } from './words';
export { clearCaches } from './caches';
export { indefiniteArticle, agreeArticle, matchCase, pluralize, pluralizeWord, singularize, findTerm, findTerms, replaceTerm, replaceTermInMatter, replacementEdit, caseLike, indefiniteBefore, type OffsetEdit, type ReplaceTermOptions, type TermMatch, type TermMatchOptions } from './english';
export { parseMatterSettings, mergeSettings, MAX_SETTINGS_CHARS, type MatterSettingsFile } from './settings';
export type { MatterWorkspace, TextOverlay, WorkspaceChange, WorkspaceDisposable, WorkspaceEntry, WorkspaceEntryKind, WorkspaceReadRequest, WorkspaceReplaceRequest, WorkspaceStat } from './workspace';
