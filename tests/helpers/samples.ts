import path from 'node:path';

/**
 * The shared sample documents: `../shared/samples` beside the repository (CI clones anywhere, with shared/
 * beside it). Tests run from the repository root, so the path is taken from the working directory;
 * SAKTA_SAMPLES overrides it for a checkout elsewhere (a git worktree).
 */
export const SAMPLES = process.env.SAKTA_SAMPLES ?? path.resolve(process.cwd(), '../shared/samples');
