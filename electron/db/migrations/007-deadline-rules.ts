import type { Migration } from './migration';

/**
 * Deadlines computed from procedural rules. A link row remembers, for an accepted deadline, the rule and
 * rule-set version it came from, the event and date that started it, and the date the count gave, so the
 * deadline is recounted when its trigger or the calendar changes (and says so through `notice_*`).
 * `calendar_days` holds the lawyer's corrections to the shipped working-day calendar (a lunar holiday
 * announced, a day moved by decree). Depends on 002 (deadlines, events).
 */
export const m007DeadlineRules: Migration = {
  version: 7,
  name: 'deadline-rules',
  up(db) {
    db.exec(`
      CREATE TABLE deadline_rule_links (
        deadline_id      TEXT PRIMARY KEY REFERENCES deadlines(id) ON DELETE CASCADE,
        rule_id          TEXT NOT NULL,
        set_version      TEXT NOT NULL,
        event_id         TEXT REFERENCES events(id) ON DELETE SET NULL,
        event_day        TEXT,
        trigger_on       TEXT NOT NULL,
        trigger_time     TEXT,
        computed_due_on  TEXT NOT NULL,
        due_time         TEXT,
        edited           INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
        notice_previous  TEXT,
        notice_reason    TEXT CHECK (notice_reason IN ('trigger', 'calendar')),
        notice_at        TEXT
      ) STRICT;
      CREATE INDEX deadline_rule_links_event ON deadline_rule_links(event_id);

      CREATE TABLE calendar_days (
        calendar_id  TEXT NOT NULL,
        date         TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('non_working', 'working')),
        name         TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        PRIMARY KEY (calendar_id, date)
      ) STRICT;
    `);
  },
};
