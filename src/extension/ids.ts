// Ids shared by package.json and the code (test/extension/contributions.test.ts keeps them in step).
// Public commands are contributed in package.json; ids starting with "patentDraft._" are internal.

export const COMMAND_IDS = {
  checkMatter: 'patentDraft.checkMatter',
  renumberClaims: 'patentDraft.renumberClaims',
  showClaimTree: 'patentDraft.showClaimTree',
  openReport: 'patentDraft.openReport',
  exportReport: 'patentDraft.exportReport',
  importPatent: 'patentDraft.importPatent',
  reveal: 'patentDraft._reveal',
} as const;

export const CLAIM_TREE_VIEW = 'patentDraft.claimTree';
export const TERMS_VIEW = 'patentDraft.terms';
export const FINDINGS_VIEW = 'patentDraft.findings';
/** The activity bar container holding the three views (package.json viewsContainers.activitybar). */
export const VIEW_CONTAINER = 'patentDraft';
/** True while the active editor shows a document of a matter (editor context menu, when clauses). */
export const MATTER_FILE_CONTEXT = 'patentDraft.isMatterFile';
/** True while the active editor shows a matter's claims (or combined) document. */
export const CLAIMS_FILE_CONTEXT = 'patentDraft.isClaimsFile';
export const REPORT_VIEW_TYPE = 'patentDraft.report';
export const REPORT_TITLE = 'Patent Draft: Matter Report';
export const HAS_MATTER_CONTEXT = 'patentDraft.hasMatter';
