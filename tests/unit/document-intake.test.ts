import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../shared/document-language';
import { suggestDocumentType } from '../../shared/document-type-suggest';
import { DEFAULT_EXTRACT_LIMITS, extractText } from '../../electron/services/documents/extract';
import { SAMPLES } from '../helpers/samples';

// Kyrgyz and Uzbek passages of the kind a case file holds (a complaint's opening), written for these tests.
const KYRGYZ =
  'Мен, Асанов Бакыт, 2024-жылдын 12-мартында милиция кызматкерлери тарабынан кармалып, үч күн бою камакта кармалдым. ' +
  'Ушул мезгилде мага карата күч колдонулуп, мен сабалдым жана медициналык жардам көрсөтүлгөн жок. ' +
  'Ошондуктан бул арызды прокуратурага жана сотко берип, күнөөлүүлөрдү жоопко тартууну суранам.';
const UZBEK_LATIN =
  'Men, Karimov Jasur, 2024-yil 12-martda militsiya xodimlari tomonidan ushlandim va uch kun davomida qamoqda saqlandim. ' +
  'Bu vaqt ichida menga nisbatan kuch ishlatildi, meni urishdi va tibbiy yordam koʻrsatilmadi. ' +
  'Shuning uchun ushbu shikoyatni prokuraturaga yuboraman va aybdorlarni javobgarlikka tortishni soʻrayman.';
const UZBEK_CYRILLIC =
  'Мен, Каримов Жасур, 2024 йил 12 мартда милиция ходимлари томонидан ушландим ва уч кун давомида қамоқда сақландим. ' +
  'Бу вақт ичида менга нисбатан куч ишлатилди ва тиббий ёрдам кўрсатилмади. ' +
  'Шунинг учун ушбу шикоятни прокуратурага юбораман ва айбдорларни жавобгарликка тортишни сўрайман.';

describe('language of a document, from its extracted text', () => {
  it('reads Russian from the sample complaint (a PDF, through the same extraction as the import)', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(SAMPLES, 'complaint-to-prosecutor-ru.pdf')));
    const out = await extractText('pdf', bytes, DEFAULT_EXTRACT_LIMITS);
    expect(out.status).toBe('done');
    expect(detectLanguage(out.status === 'done' ? out.text : '')).toBe('ru');
  });

  it('reads English from the sample letters, even with Russian words and dates in them', () => {
    for (const f of ['letter-to-president-2020-04-27.txt', 'working-meeting-2020-08-25.txt', 'hrw-letter-2017-12-20.txt']) {
      expect(detectLanguage(fs.readFileSync(path.join(SAMPLES, f), 'utf8')), f).toBe('en');
    }
  });

  it('tells Kyrgyz (ң ө ү, жана, менен) and Uzbek in either script from Russian', () => {
    expect(detectLanguage(KYRGYZ)).toBe('ky');
    expect(detectLanguage(UZBEK_LATIN)).toBe('uz');
    expect(detectLanguage(UZBEK_CYRILLIC)).toBe('uz');
  });

  it('a Russian text naming a Kyrgyz person stays Russian', () => {
    const text = 'Заявитель Үсөнов Нурбек Өмүрбекович был задержан сотрудниками милиции и доставлен в отдел, где к нему применялось насилие. Он не получил медицинской помощи.';
    expect(detectLanguage(text)).toBe('ru');
  });

  it('says nothing when there is too little text or nothing to tell by', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('Бишкек 2024')).toBeNull();
    expect(detectLanguage('12.03.2024 № 45/17 — 3 000 сом; 4 500 сом; 7 800 сом; 1 200 сом; 9 999 сом')).toBeNull();
  });
});

describe('type suggested from a title', () => {
  it('names the kind of paper the title starts with', () => {
    expect(suggestDocumentType('Постановление об отказе в возбуждении уголовного дела')).toBe('decision');
    expect(suggestDocumentType('Постановление о назначении судебно-медицинской экспертизы')).toBe('decision');
    expect(suggestDocumentType('Жалоба на постановление следователя')).toBe('complaint');
    expect(suggestDocumentType('Апелляционная жалоба')).toBe('complaint');
    expect(suggestDocumentType('Заключение эксперта № 318')).toBe('forensic-report');
    expect(suggestDocumentType('Медицинская справка')).toBe('medical-report');
    expect(suggestDocumentType('Показания свидетеля Асанова')).toBe('witness-statement');
  });

  it('in Kyrgyz, Uzbek and English, and from file names', () => {
    expect(suggestDocumentType('Соттун чечими')).toBe('decision');
    expect(suggestDocumentType('Прокуратурага арыз')).toBe('complaint');
    expect(suggestDocumentType('Shikoyat')).toBe('complaint');
    expect(suggestDocumentType('forensic-report-318-en')).toBe('forensic-report');
    expect(suggestDocumentType('complaint-to-prosecutor-ru')).toBe('complaint');
    expect(suggestDocumentType('Decision_of_the_court_2024.pdf')).toBe('decision');
    expect(suggestDocumentType('letter-to-president-2020-04-27')).toBe('correspondence');
  });

  it('suggests nothing it cannot tell, and no match inside another word', () => {
    expect(suggestDocumentType('scan0001')).toBeNull();
    expect(suggestDocumentType('Материалы дела')).toBeNull();
    // "решение" inside "разрешение" (a permit) is not a decision.
    expect(suggestDocumentType('Разрешение на свидание')).toBeNull();
  });
});
