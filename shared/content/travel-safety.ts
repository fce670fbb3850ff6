/**
 * The travel-safety page shown in the app (Settings → Travel safety). The same English text is in
 * docs/travel-safety.md; change both together. Plain data: the renderer lays it out.
 */
export interface TravelSafetySection {
  heading: string;
  items: string[];
}
export interface TravelSafetyContent {
  title: string;
  intro: string;
  sections: TravelSafetySection[];
}

const en: TravelSafetyContent = {
  title: 'Travel safety',
  intro:
    'Sakta keeps your case files encrypted, but a laptop that crosses a checkpoint or stays in a hotel room needs a few habits too. Go through this list before every trip.',
  sections: [
    {
      heading: 'Before you leave',
      items: [
        'Turn on full-disk encryption (BitLocker on Windows, FileVault on macOS, LUKS on Linux) and shut the laptop down, not just close the lid, before a checkpoint: a switched-off encrypted disk is the strongest state.',
        'Make a fresh backup to a USB disk with Settings → Backups, run "Verify backup", and leave that disk at the office or with a colleague you trust. If the laptop is taken, nothing is lost.',
        'Switch the key strength to "High risk" (Settings → Security: key strength). Guessing your passphrase then costs an attacker about four times more work per guess.',
        'Use a long passphrase you have never used anywhere else: five or more random words is better than a short complex password.',
        'Keep the recovery key on paper, away from the laptop and away from the backup disk.',
        'Set auto-lock to a few minutes. Learn the panic shortcut (Ctrl+Alt+L by default; Settings shows yours): it locks Sakta at once and hides the window.',
        'Take only the cases you need. A smaller vault on the trip means less exposure.',
      ],
    },
    {
      heading: 'On the road',
      items: [
        'Lock Sakta (panic shortcut) whenever someone approaches the laptop or you step away. Locking closes the database and wipes the keys from memory.',
        'Sakta locks itself when the laptop sleeps, when the screen locks and after the idle time you set.',
        'Copied text is removed from the clipboard after 30 seconds and when Sakta locks. Do not paste case details into other programs or messengers.',
        'If you must give up the laptop and have a moment, Settings → Emergency erase (or "sakta shred") destroys the keys first, then every file of the vault. Your office backup is not affected.',
      ],
    },
    {
      heading: 'What Sakta protects against',
      items: [
        'A lost, stolen or seized laptop that is off or locked: without your passphrase or recovery key the vault and its backups are unreadable.',
        'Someone copying the vault folder or a backup disk: every file is encrypted, and tampering is detected.',
        'Screenshots and screen sharing of the Sakta window, on systems that support content protection.',
        'Leftovers: Sakta writes no readable temporary files, logs or recent-document entries.',
      ],
    },
    {
      heading: 'What Sakta cannot protect against',
      items: [
        'A laptop with spyware or a keylogger: it can record your passphrase and what is on screen. Do not use a laptop that was out of your sight in custody without having it checked.',
        'Being forced to reveal your passphrase or to unlock the laptop. Encryption cannot resist coercion; erase before, if you judge it safer.',
        'Someone watching or filming your screen while Sakta is unlocked.',
        'Copies you make yourself: exported files, printed bundles and documents sent by e-mail are not encrypted by Sakta.',
        'Erase cannot scrub every old byte from an SSD: old encrypted bytes may stay on the disk, but with the keys destroyed they cannot be decrypted.',
      ],
    },
  ],
};

const ru: TravelSafetyContent = {
  title: 'Безопасность в поездке',
  intro:
    'Sakta хранит дела в зашифрованном виде, но ноутбуку, который проходит через блокпост или остаётся в гостиничном номере, нужны и правильные привычки. Проверяйте этот список перед каждой поездкой.',
  sections: [
    {
      heading: 'Перед выездом',
      items: [
        'Включите полное шифрование диска (BitLocker в Windows, FileVault в macOS, LUKS в Linux) и перед блокпостом выключайте ноутбук полностью, а не просто закрывайте крышку: выключенный зашифрованный диск защищён лучше всего.',
        'Сделайте свежую резервную копию на USB-диск (Настройки → Резервные копии), нажмите «Проверить копию» и оставьте этот диск в офисе или у коллеги, которому доверяете. Если ноутбук изымут, ничего не пропадёт.',
        'Переключите стойкость ключа на «Высокий риск» (Настройки → Безопасность: стойкость ключа). Подбор пароля станет примерно в четыре раза дороже для каждой попытки.',
        'Используйте длинную парольную фразу, которую вы нигде больше не применяли: пять и более случайных слов лучше короткого сложного пароля.',
        'Храните ключ восстановления на бумаге, отдельно от ноутбука и от диска с копией.',
        'Поставьте автоблокировку на несколько минут. Запомните «тревожное» сочетание клавиш (по умолчанию Ctrl+Alt+L; ваше указано в Настройках): оно сразу блокирует Sakta и скрывает окно.',
        'Берите с собой только нужные дела. Чем меньше хранилище в поездке, тем меньше риск.',
      ],
    },
    {
      heading: 'В дороге',
      items: [
        'Блокируйте Sakta (тревожным сочетанием), когда кто-то подходит к ноутбуку или вы отходите. Блокировка закрывает базу данных и стирает ключи из памяти.',
        'Sakta блокируется сама, когда ноутбук засыпает, когда блокируется экран и после заданного времени бездействия.',
        'Скопированный текст удаляется из буфера обмена через 30 секунд и при блокировке. Не вставляйте сведения по делам в другие программы и мессенджеры.',
        'Если придётся отдать ноутбук и есть минута, Настройки → Экстренное удаление (или «sakta shred») сначала уничтожает ключи, затем все файлы хранилища. Копия в офисе не затрагивается.',
      ],
    },
    {
      heading: 'От чего Sakta защищает',
      items: [
        'Потерянный, украденный или изъятый ноутбук, выключенный или заблокированный: без парольной фразы или ключа восстановления хранилище и копии прочитать нельзя.',
        'Копирование папки хранилища или диска с копией: каждый файл зашифрован, изменения обнаруживаются.',
        'Снимки экрана и демонстрацию экрана окна Sakta — в системах, которые поддерживают защиту содержимого.',
        'Следы: Sakta не оставляет читаемых временных файлов, журналов и списков недавних документов.',
      ],
    },
    {
      heading: 'От чего Sakta защитить не может',
      items: [
        'Ноутбук со шпионской программой или кейлоггером: он может записать парольную фразу и то, что на экране. Не пользуйтесь ноутбуком, который побывал у чужих людей, без проверки.',
        'Принуждение назвать парольную фразу или разблокировать ноутбук. Шифрование не спасает от давления; если считаете это более безопасным, удалите хранилище заранее.',
        'Наблюдение или съёмку экрана, пока Sakta разблокирована.',
        'Копии, которые вы делаете сами: экспортированные файлы, распечатанные подборки и документы, отправленные по почте, Sakta не шифрует.',
        'Удаление не может стереть с SSD каждый старый байт: старые зашифрованные данные могут остаться на диске, но после уничтожения ключей расшифровать их нельзя.',
      ],
    },
  ],
};

export const TRAVEL_SAFETY: Record<'en' | 'ru', TravelSafetyContent> = { en, ru };
