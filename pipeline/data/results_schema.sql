-- councilplans results store (results.db), store version 2 (version 1 lacked
-- documents.community_safety; a version 1 store is brought up to date when opened).
--
-- One row in `documents` per distinct file content (keyed by its SHA-256); every other
-- table hangs off it with ON DELETE CASCADE, numbered by the item's position in the
-- extraction (`*_no`, from 0), so the store's content does not depend on the order in which
-- documents were processed. `paths` records every input path and the content it held, so
-- the same content under two names is extracted once and both names are kept.
-- Offsets (`start`, `end`) are character offsets into the document's normalised text;
-- `page` is 1-based. Lists of evidence quotes for any item are in `evidence`.
-- The full extraction (a PlanExtraction as JSON) is kept in documents.extraction_json.
-- Columns that change from run to run: documents.processed_at, paths.seen_at, all of `runs`.

CREATE TABLE IF NOT EXISTS store_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    sha256           TEXT PRIMARY KEY,          -- content hash of the file
    path             TEXT NOT NULL,             -- the path that was read (first of its duplicates)
    status           TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed', 'skipped')),
    format           TEXT,                      -- pdf, docx, html, md, txt
    pages            INTEGER NOT NULL DEFAULT 0,
    bytes            INTEGER NOT NULL DEFAULT 0,
    kind             TEXT,                      -- committee_report, partnership_plan, ...
    community_safety TEXT,                      -- whole, part or none: how much of it is about community safety
    council          TEXT,
    partnership      TEXT,
    title            TEXT,
    meeting_body     TEXT,
    meeting_date     TEXT,                      -- ISO date
    published        TEXT,                      -- YYYY-MM or YYYY-MM-DD
    plan_start_year  INTEGER,
    plan_end_year    INTEGER,
    plan_period_text TEXT,
    partners_listed  INTEGER NOT NULL DEFAULT 0, -- 1 where the paper lists partners (even none found)
    problem_codes    TEXT NOT NULL DEFAULT '',  -- space-separated, for quick filtering
    settings_hash    TEXT NOT NULL,             -- the extraction settings the row was made with
    schema_version   TEXT NOT NULL,
    processed_at     TEXT NOT NULL,             -- UTC, ISO 8601
    extraction_json  TEXT NOT NULL              -- the whole PlanExtraction
);
CREATE INDEX IF NOT EXISTS documents_council ON documents (council);
CREATE INDEX IF NOT EXISTS documents_status ON documents (status);
CREATE INDEX IF NOT EXISTS documents_period ON documents (plan_start_year, plan_end_year);

CREATE TABLE IF NOT EXISTS paths (
    path          TEXT PRIMARY KEY,             -- absolute path of an input file
    sha256        TEXT REFERENCES documents (sha256) ON DELETE SET NULL, -- NULL: could not be read
    bytes         INTEGER,
    mtime_ns      INTEGER,                      -- lets a re-run skip hashing unchanged files
    error_code    TEXT,                         -- why the path could not be read at all
    error_message TEXT,
    seen_at       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS paths_sha256 ON paths (sha256);

CREATE TABLE IF NOT EXISTS problems (
    sha256     TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    problem_no INTEGER NOT NULL,
    code       TEXT NOT NULL,
    message    TEXT NOT NULL,
    page       INTEGER,
    PRIMARY KEY (sha256, problem_no)
);
CREATE INDEX IF NOT EXISTS problems_code ON problems (code);

CREATE TABLE IF NOT EXISTS contacts (
    sha256     TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    contact_no INTEGER NOT NULL,
    name TEXT, role TEXT, email TEXT, phone TEXT,
    PRIMARY KEY (sha256, contact_no)
);

CREATE TABLE IF NOT EXISTS sections (
    sha256     TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    section_no INTEGER NOT NULL,
    id         TEXT NOT NULL,                   -- the section's key within the document
    number     TEXT,
    heading    TEXT NOT NULL,
    level      INTEGER NOT NULL,
    parent     TEXT,                            -- id of the enclosing section
    kind       TEXT,
    page       INTEGER,
    start      INTEGER,
    "end"      INTEGER,
    PRIMARY KEY (sha256, section_no)
);

CREATE TABLE IF NOT EXISTS themes (
    id    TEXT PRIMARY KEY,                     -- e.g. anti_social_behaviour
    label TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS priorities (
    sha256      TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    priority_no INTEGER NOT NULL,
    text        TEXT NOT NULL,
    description TEXT,
    main_theme  TEXT REFERENCES themes (id),
    scope       TEXT,                           -- county or local
    period      TEXT,                           -- the year it is set for, e.g. 2011/2012
    section     TEXT,
    page        INTEGER,
    start       INTEGER,
    "end"       INTEGER,
    PRIMARY KEY (sha256, priority_no)
);
CREATE INDEX IF NOT EXISTS priorities_main_theme ON priorities (main_theme);

CREATE TABLE IF NOT EXISTS priority_themes (
    sha256      TEXT NOT NULL,
    priority_no INTEGER NOT NULL,
    rank        INTEGER NOT NULL,               -- 0 is the main theme
    theme       TEXT NOT NULL REFERENCES themes (id),
    term        TEXT,                           -- the words that matched, where known
    method      TEXT,
    score       REAL,
    PRIMARY KEY (sha256, priority_no, rank),
    FOREIGN KEY (sha256, priority_no) REFERENCES priorities (sha256, priority_no) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS priority_themes_theme ON priority_themes (theme);

CREATE TABLE IF NOT EXISTS targets (
    sha256          TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    target_no       INTEGER NOT NULL,
    metric          TEXT NOT NULL,
    direction       TEXT NOT NULL,              -- reduce, increase, maintain
    amount          REAL,
    unit            TEXT,                       -- percent or count
    deadline        TEXT,                       -- YYYY-MM
    baseline        REAL,
    baseline_period TEXT,
    target_value    REAL,
    priority        TEXT,                       -- text of the priority it belongs to
    text            TEXT,
    section         TEXT,
    page            INTEGER,
    start           INTEGER,
    "end"           INTEGER,
    PRIMARY KEY (sha256, target_no)
);

CREATE TABLE IF NOT EXISTS performance_tables (
    sha256   TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    table_no INTEGER NOT NULL,
    title    TEXT,
    kind     TEXT,                              -- performance, action_plan, other
    header   TEXT NOT NULL,                     -- JSON list of column names
    pages    TEXT NOT NULL,                     -- JSON list of pages
    quality  TEXT NOT NULL,                     -- JSON list of notes where the parse is doubtful
    section  TEXT,
    page     INTEGER,
    start    INTEGER,
    "end"    INTEGER,
    PRIMARY KEY (sha256, table_no)
);

CREATE TABLE IF NOT EXISTS table_rows (
    sha256   TEXT NOT NULL,
    table_no INTEGER NOT NULL,
    row_no   INTEGER NOT NULL,
    label    TEXT NOT NULL,
    "group"  TEXT,                              -- the sub-heading row it sits under
    page     INTEGER,
    PRIMARY KEY (sha256, table_no, row_no),
    FOREIGN KEY (sha256, table_no) REFERENCES performance_tables (sha256, table_no) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS table_cells (
    sha256     TEXT NOT NULL,
    table_no   INTEGER NOT NULL,
    row_no     INTEGER NOT NULL,
    col_no     INTEGER NOT NULL,
    "column"   TEXT,                            -- header of the column
    text       TEXT NOT NULL,                   -- as printed
    type       TEXT NOT NULL,                   -- count, number, percent, change, money, status, ...
    value_num  REAL,                            -- typed value where numeric
    value_text TEXT,                            -- typed value where a word (status, period)
    count      REAL,                            -- the count part of "39.0% (127 offences)"
    PRIMARY KEY (sha256, table_no, row_no, col_no),
    FOREIGN KEY (sha256, table_no, row_no) REFERENCES table_rows (sha256, table_no, row_no) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS partners (
    sha256     TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    partner_no INTEGER NOT NULL,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    section    TEXT,
    page       INTEGER,
    start      INTEGER,
    "end"      INTEGER,
    PRIMARY KEY (sha256, partner_no)
);
CREATE INDEX IF NOT EXISTS partners_type ON partners (type);

CREATE TABLE IF NOT EXISTS funding (
    sha256     TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    funding_no INTEGER NOT NULL,
    amount_gbp REAL NOT NULL,
    text       TEXT,
    purpose    TEXT,
    priority   TEXT,
    section    TEXT,
    page       INTEGER,
    start      INTEGER,
    "end"      INTEGER,
    PRIMARY KEY (sha256, funding_no)
);

CREATE TABLE IF NOT EXISTS statutory_findings (
    sha256     TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    finding_no INTEGER NOT NULL,
    element    TEXT NOT NULL,
    status     TEXT NOT NULL,                   -- present, absent, not_in_force
    title      TEXT,
    source     TEXT,
    PRIMARY KEY (sha256, finding_no)
);
CREATE INDEX IF NOT EXISTS statutory_findings_element ON statutory_findings (element, status);

-- Quotes that support an item: item_kind names the table (priority, target, partner,
-- funding, statutory_finding) and item_no its *_no there.
CREATE TABLE IF NOT EXISTS evidence (
    sha256      TEXT NOT NULL REFERENCES documents (sha256) ON DELETE CASCADE,
    item_kind   TEXT NOT NULL,
    item_no     INTEGER NOT NULL,
    evidence_no INTEGER NOT NULL,
    quote       TEXT NOT NULL,
    page        INTEGER,
    section     TEXT,
    start       INTEGER,
    "end"       INTEGER,
    PRIMARY KEY (sha256, item_kind, item_no, evidence_no)
);

-- One row per batch run: a log, not part of the results.
CREATE TABLE IF NOT EXISTS runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    command     TEXT,
    executor    TEXT,
    workers     INTEGER,
    inputs      INTEGER,
    processed   INTEGER,
    failed      INTEGER
);
