import { randomUUID } from 'node:crypto';
import { foldForSearch } from '../../../shared/search-fold';
import type { Migration } from './migration';

/** The seeded case categories; `key` lets the UI translate them, `name` is the English fallback. */
const SEED_CATEGORIES: [key: string, name: string][] = [
  ['torture', 'Torture and ill-treatment'],
  ['arbitrary_detention', 'Arbitrary detention'],
  ['fair_trial', 'Fair trial'],
  ['domestic_violence', 'Domestic violence'],
  ['freedom_of_expression', 'Freedom of expression'],
  ['other', 'Other'],
];

/**
 * Case work: cases, people and their roles, proceedings, the timeline, hearings, deadlines, notes.
 * `*_fold` columns hold a Cyrillic-aware lower-cased copy for search, because SQLite's LOWER()
 * and LIKE only fold ASCII. Dates are ISO text; partial dates are JSON with a sortable key beside them.
 */
export const m002CaseWork: Migration = {
  version: 2,
  name: 'case-work',
  up(db) {
    db.exec(`
      CREATE TABLE categories (
        id         TEXT PRIMARY KEY,
        key        TEXT UNIQUE,
        name       TEXT NOT NULL,
        name_fold  TEXT NOT NULL UNIQUE,
        position   INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE cases (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        internal_ref  TEXT,
        court_numbers TEXT NOT NULL DEFAULT '[]',   -- JSON [{number, body}]
        category_id   TEXT REFERENCES categories(id),
        status        TEXT NOT NULL CHECK (status IN ('open', 'closed', 'archived')),
        stage         TEXT,
        opened_on     TEXT,
        closed_on     TEXT,
        summary       TEXT NOT NULL DEFAULT '',
        tags          TEXT NOT NULL DEFAULT '[]',   -- JSON, mirrored in case_tags for filtering
        search_fold   TEXT NOT NULL,                -- title, reference, numbers, tags, folded
        title_fold    TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_updated ON cases(updated_at);
      CREATE INDEX cases_title ON cases(title_fold);
      CREATE INDEX cases_status ON cases(status);
      CREATE INDEX cases_category ON cases(category_id);

      CREATE TABLE case_tags (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        tag     TEXT NOT NULL,
        PRIMARY KEY (case_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_tags_tag ON case_tags(tag);

      CREATE TABLE persons (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        name_translit  TEXT,
        birth          TEXT,                        -- partial date JSON
        age            INTEGER,
        age_as_of      TEXT,
        death          TEXT,                        -- partial date JSON
        contacts       TEXT NOT NULL DEFAULT '[]',
        notes          TEXT NOT NULL DEFAULT '',
        search_fold    TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;

      CREATE TABLE case_roles (
        id                   TEXT PRIMARY KEY,
        case_id              TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        person_id            TEXT NOT NULL REFERENCES persons(id),
        role                 TEXT NOT NULL,
        represents_person_id TEXT REFERENCES persons(id),
        rank_unit            TEXT,
        identification       TEXT CHECK (identification IN ('named', 'described', 'unknown')),
        description          TEXT,
        since                TEXT,
        until                TEXT,
        created_at           TEXT NOT NULL,
        updated_at           TEXT NOT NULL,
        UNIQUE (case_id, person_id, role)
      ) STRICT;
      CREATE INDEX case_roles_person ON case_roles(person_id);

      CREATE TABLE proceedings (
        id          TEXT PRIMARY KEY,
        case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        type        TEXT NOT NULL,
        body        TEXT,
        reference   TEXT,
        status      TEXT NOT NULL,
        outcome     TEXT,
        started_on  TEXT,
        ended_on    TEXT,
        parent_id   TEXT REFERENCES proceedings(id) ON DELETE SET NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX proceedings_case ON proceedings(case_id);

      CREATE TABLE events (
        id             TEXT PRIMARY KEY,
        case_id        TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        date           TEXT NOT NULL,               -- partial date JSON
        sort_key       TEXT NOT NULL,
        earliest       TEXT NOT NULL,
        latest         TEXT NOT NULL,
        time           TEXT,
        type           TEXT NOT NULL,
        place          TEXT,
        description    TEXT NOT NULL DEFAULT '',
        proceeding_id  TEXT REFERENCES proceedings(id) ON DELETE SET NULL,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_case_sort ON events(case_id, sort_key);

      CREATE TABLE event_persons (
        event_id  TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        person_id TEXT NOT NULL REFERENCES persons(id),
        position  INTEGER NOT NULL,
        PRIMARY KEY (event_id, person_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX event_persons_person ON event_persons(person_id);

      CREATE TABLE hearings (
        id               TEXT PRIMARY KEY,
        case_id          TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        date             TEXT NOT NULL,
        time             TEXT,
        body             TEXT,
        room             TEXT,
        judge_person_id  TEXT REFERENCES persons(id),
        proceeding_id    TEXT REFERENCES proceedings(id) ON DELETE SET NULL,
        purpose          TEXT,
        outcome          TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX hearings_date ON hearings(date, time);
      CREATE INDEX hearings_case ON hearings(case_id);

      CREATE TABLE deadlines (
        id             TEXT PRIMARY KEY,
        case_id        TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        due_on         TEXT NOT NULL,
        what           TEXT NOT NULL,
        proceeding_id  TEXT REFERENCES proceedings(id) ON DELETE SET NULL,
        rule           TEXT,
        done           INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
        done_at        TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX deadlines_due ON deadlines(done, due_on);
      CREATE INDEX deadlines_case ON deadlines(case_id);

      CREATE TABLE notes (
        id          TEXT PRIMARY KEY,
        case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        title       TEXT,
        body        TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX notes_case ON notes(case_id);
    `);
    const insert = db.prepare('INSERT INTO categories (id, key, name, name_fold, position) VALUES (?, ?, ?, ?, ?)');
    SEED_CATEGORIES.forEach(([key, name], i) => insert.run(randomUUID(), key, name, foldForSearch(name), i));
  },
};
