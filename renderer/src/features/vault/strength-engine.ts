import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

zxcvbnOptions.setOptions({
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...en.dictionary },
  translations: en.translations,
});

/** Past this length the estimate only grows; capping keeps typing responsive. */
const MAX_SCORED = 100;

/**
 * 0–4. The dictionaries are Latin-script only, so a Cyrillic phrase of common words scores higher
 * than it deserves; the meter is advice, the warning threshold is deliberately not lowered for it.
 */
export function scorePassphrase(passphrase: string): 0 | 1 | 2 | 3 | 4 {
  return zxcvbn(passphrase.slice(0, MAX_SCORED), ['sakta', 'vault', 'passphrase']).score;
}
