// Types for tooling.mjs (plain JavaScript so that setup.mjs and scripts/ run without tsx).
import type { ChildProcess } from 'node:child_process';

export interface CodeServerDirs {
  userDataDir: string;
  extensionsDir: string;
}

export interface RunningCodeServer {
  child: ChildProcess;
  url: Promise<string>;
  stop(): Promise<void>;
  output(): string;
}

export const e2eDir: string;
export const root: string;
export const workDir: string;
export const artifactsDir: string;
export const modulesDir: string;
export const node24Dir: string;
export const node24: string;
export const codeServerDir: string;
export const codeServerEntry: string;
export const vsixPath: string;
export const chromiumPath: string;
export const DEBIAN_FOR_BROWSER: string[];
export const DEBIAN_FOR_CODE_SERVER: string[];
export const WORKBENCH_SETTINGS: Record<string, unknown>;

export function log(msg: string): void;
export function ensureDebianPackages(pkgs: string[]): void;
export function codeServerWorks(): boolean;
export function ensureE2eModules(): void;
export function buildAndPackage(options?: { force?: boolean }): string;
export function writeUserSettings(userDataDir: string, extra?: Record<string, unknown>): void;
export function installVsix(dirs: CodeServerDirs, vsix?: string): void;
export function packageFolder(folder: string): string;
export function startCodeServer(
  dirs: CodeServerDirs,
  workspace: string,
  options?: { port?: number; extraArgs?: string[]; logFile?: string },
): RunningCodeServer;
