import path from 'node:path';

/**
 * The shared sample documents: `../shared/samples` beside the repository (CI clones anywhere, with shared/
 * beside it). Tests run from the repository root, so the path is taken from the working directory.
 */
export const SAMPLES = path.resolve(process.cwd(), '../shared/samples');
