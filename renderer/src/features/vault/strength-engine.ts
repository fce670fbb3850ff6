import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { otherLayouts, RU_KY_WORDS } from './strength-words';

zxcvbnOptions.setOptions({
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...en.dictionary, ruKy: [...RU_KY_WORDS] },
  translations: en.translations,
});

/** Past this length the estimate only grows; capping keeps typing responsive. */
const MAX_SCORED = 100;

const USER_WORDS = ['sakta', 'сакта', 'vault', 'passphrase'];
const LAYOUT_CHECK_MAX = 24;

/**
 * 0–4, the weakest reading of what was typed: as it is, and as the same keys on the other keyboard
 * layout, so a Russian keyboard walk ("йцукен") or a Russian word typed on the Latin layout ("gfhjkm")
 * scores as what it is. Russian and Kyrgyz words, names and places are in the dictionary.
 */
export function scorePassphrase(passphrase: string): 0 | 1 | 2 | 3 | 4 {
  const p = passphrase.slice(0, MAX_SCORED);
  let score = zxcvbn(p, USER_WORDS).score;
  // Only a short one that already looks strong is worth the second reading: scoring grows fast with
  // length, and a long phrase is not a keyboard walk or a single mistyped word.
  if (score < 3 || p.length > LAYOUT_CHECK_MAX) return score;
  for (const other of otherLayouts(p)) score = Math.min(score, zxcvbn(other, USER_WORDS).score) as typeof score;
  return score;
}
