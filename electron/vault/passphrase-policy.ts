import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { SaktaError } from '../../shared/errors';

/**
 * The service refuses weak passphrases (init, passwd, recover, recovery-key --new): the strength meter in
 * the create screen is advice, this is the rule. zxcvbn's own dictionaries are Latin-only, so a Russian or
 * Kyrgyz password would score as random letters; each passphrase is therefore also scored as typed on the
 * QWERTY keys under the Russian layout ("йцукен" → "qwerty") and transliterated ("пароль" → "parol"),
 * against a list of common Russian and Kyrgyz passwords, words and names. The lowest score counts.
 */
export const MIN_PASSPHRASE_CHARS = 10;
/** zxcvbn score 3: about 10^8 guesses or more, each of them a full Argon2id run. */
export const MIN_PASSPHRASE_SCORE = 3;
const MAX_SCORED = 100;

/** Frequent passwords and the words they are built from, in Cyrillic (transliterations are added below). */
const RU_KY_COMMON = [
  'пароль', 'парол', 'пароли', 'мойпароль', 'привет', 'любовь', 'люблю', 'солнце', 'солнышко', 'котик', 'зайка', 'кошка',
  'собака', 'ангел', 'мама', 'папа', 'семья', 'дети', 'счастье', 'секрет', 'защита', 'доступ', 'вход', 'админ', 'пользователь',
  'наташа', 'марина', 'максим', 'андрей', 'сергей', 'дима', 'саша', 'олег', 'анна', 'елена', 'ольга', 'светлана', 'татьяна',
  'спартак', 'зенит', 'футбол', 'хоккей', 'россия', 'москва', 'казахстан', 'алматы', 'астана', 'узбекистан', 'ташкент',
  'таджикистан', 'душанбе', 'кыргызстан', 'киргизия', 'кыргыз', 'бишкек', 'фрунзе', 'ош', 'жалалабад', 'каракол', 'нарын',
  'талас', 'баткен', 'чуй', 'иссыккуль', 'алатоо', 'манас', 'айгуль', 'айпери', 'асель', 'айжан', 'гульнара', 'динара',
  'жылдыз', 'нурлан', 'нурбек', 'азамат', 'бакыт', 'эрлан', 'улан', 'жаныбек', 'айбек', 'бекзат', 'тимур', 'руслан', 'мирлан',
  'адвокат', 'юрист', 'право', 'закон', 'суд', 'дело', 'сакта', 'сейф', 'ключ', 'кабинет', 'офис', 'работа',
  'сүйүү', 'сыр', 'ачкыч', 'кирүү', 'апа', 'ата', 'эне', 'кыз', 'бала', 'досум', 'мекен', 'ырыс', 'бакыт', 'тынчтык',
  'кутман', 'салам', 'рахмат', 'жаным', 'алтын', 'кымыз', 'боорсок', 'сакта', 'коргоо', 'укук', 'мыйзам', 'сот',
];

// The Russian ЙЦУКЕН layout on the QWERTY keys, lower case.
const RU_KEYS = 'йцукенгшщзхъфывапролджэячсмитьбю.ё';
const EN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`";
// Kyrgyz letters sit on the keys of letters they resemble in the Kyrgyz layout; near enough for patterns.
const KY_EXTRA: Record<string, string> = { ң: 'y', ө: 'j', ү: 'e' };

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'yu', я: 'ya', ң: 'n', ө: 'o', ү: 'u',
};

export function onLatinKeys(s: string): string {
  return [...s.toLowerCase()].map((ch) => KY_EXTRA[ch] ?? (RU_KEYS.includes(ch) ? EN_KEYS[RU_KEYS.indexOf(ch)] : ch)).join('');
}

export function transliterate(s: string): string {
  return [...s.toLowerCase()].map((ch) => TRANSLIT[ch] ?? ch).join('');
}

let configured = false;
function configure(): void {
  if (configured) return;
  const words = [...new Set(RU_KY_COMMON.flatMap((w) => [w, transliterate(w), onLatinKeys(w)]))];
  zxcvbnOptions.setOptions({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ruKyCommon: words },
    translations: en.translations,
  });
  configured = true;
}

/** 0–4: the lowest of the scores of the passphrase as typed, on Latin keys, and transliterated. */
export function passphraseScore(passphrase: string): number {
  configure();
  const s = passphrase.normalize('NFC').slice(0, MAX_SCORED);
  const variants = new Set([s, s.toLowerCase(), onLatinKeys(s), transliterate(s)]);
  const userInputs = ['sakta', 'vault', 'passphrase', 'сакта'];
  return Math.min(...[...variants].map((v) => zxcvbn(v, userInputs).score));
}

/** Throws VALIDATION (CLI exit 2) with the reason when a new passphrase is too weak to protect the vault. */
export function assertStrongPassphrase(passphrase: string, field = 'passphrase'): void {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE_CHARS) {
    const msg = `The passphrase is too short: use at least ${MIN_PASSPHRASE_CHARS} characters (four or more unrelated words are best). Nothing was changed.`;
    throw new SaktaError('VALIDATION', msg, { [field]: msg });
  }
  if (passphraseScore(passphrase) < MIN_PASSPHRASE_SCORE) {
    const msg =
      'The passphrase is too easy to guess: it is built from common passwords, names, places, dates or keyboard patterns ' +
      '(like пароль123, йцукен or Бишкек2024). Use four or more unrelated words. Nothing was changed.';
    throw new SaktaError('VALIDATION', msg, { [field]: msg });
  }
}
