import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncRoot, waitFor } from '../helpers/syncthing';
import { caseOf, folderDevices, folderIdOf, teamOfThree } from './team-sync-fixtures';

/**
 * A lawyer shares a case with two colleagues at once (two clicks in a row, or a script): both shares look for the
 * case's Syncthing folder before either has added it. Added twice, Syncthing's second PUT gave the folder a new,
 * empty path, and the first colleague's key envelope stayed behind in a folder nothing carried any more.
 */

const TITLE = 'Турдубаева против Бишкекского ГУВД';

describe('team sync: two shares of one case at once', () => {
  it('add its folder once; both colleagues get the case; a second add of an existing folder is refused and moves nothing', async () => {
    const root = syncRoot();
    const { a, b, c, devices: [aDev, bDev, cDev] } = await teamOfThree(root);

    const caseId = a.caseWork.cases.create({ title: TITLE, summary: 'Задержание 20.02.2024' }).id;
    await Promise.all([a.teamSync.share(caseId, 'Бакыт'), a.teamSync.share(caseId, 'Чолпон')]);

    const folderId = (await folderIdOf(a, caseId))!;
    const engine = a.teamSync.engine!;
    expect((await engine.folders()).filter((f) => f.id === folderId)).toHaveLength(1);
    const dir = (await engine.folder(folderId)).path;
    // Only one folder was made for the case, and it is the one the daemon carries: nothing was written elsewhere.
    const made = fs.readdirSync(path.join(root, 'a', 'team', 'sync-folders'));
    expect(made).toEqual([path.basename(dir)]);
    expect(await folderDevices(a, folderId)).toEqual([aDev, bDev, cDev].sort());

    await waitFor('B and C have the shared case', () => caseOf(b, caseId)?.title === TITLE && caseOf(c, caseId)?.title === TITLE, 180_000);

    // Adding a folder the daemon has is refused (a PUT would replace its path); the folder stays where it was.
    await expect(engine.addFolder({ folderId, devices: [] })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await engine.folder(folderId)).path).toBe(dir);
    expect(fs.readdirSync(path.join(root, 'a', 'team', 'sync-folders'))).toEqual([path.basename(dir)]);
  });
});
