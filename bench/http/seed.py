"""Seeds a benchmark database: a few real applications made through the API (every workflow
state the benchmarks need, each with its history), then copies of them multiplied with SQL
(INSERT … SELECT over a recursive CTE on SQLite, generate_series on PostgreSQL) until the
database holds the wanted number of applications.

What is made:
- users: a province user, the 岳麓区 and 长沙市 associations' users (`shenbao user create`);
- organisations: BENCH_ORGS registered through `POST /api/v1/registrations` (each with its user),
  and copies of the first one by SQL (each with its own valid USCC and a user whose password
  hash is the registered user's, bcrypt cost 4) up to APPLICANTS organisations in all;
- templates through the API: a complete draft with both required files; the same submitted
  (atRecommender); recommended by the county and the city (atProvince); accepted by the province;
  and the deadline-day draft (the form as created, the 非涉密证明 uploaded, the rest to do);
- copies: every benchmark organisation gets DRAFTS_PER_BENCH_ORG complete drafts (for the save,
  open and submit benchmarks), every applicant one deadline-day draft, and the rest spread over
  all organisations with statuses 30 % draft, 25 % atRecommender, 25 % atProvince, 20 % accepted,
  half conference and half cooperation (the list's columns; the form is the conference one),
  updated over the last 60 days. Each copy gets its template's attachments (same blobs) and its
  history, re-chained: every copied event's hash is computed as ApplicationEventModel does, so
  `shenbao audit verify` holds on the seeded data.
"""
import concurrent.futures
import datetime
import hashlib
import json
import re
import sqlite3
import time
import uuid

from common import (CITY, COUNTY, PROVINCE, conference_form, log, login, pdf_bytes, registration,
                    request, uscc)

BENCH_ORGS = 64
APPLICANTS = 2000
DRAFTS_PER_BENCH_ORG = 200
# Share of the rest, in twentieths, by template.
MIX = [("ready", 6), ("submitted", 5), ("atProvince", 5), ("accepted", 4)]


# --- the database, either kind ---------------------------------------------------------------


def event_hash(*fields):
    """ApplicationEventModel.computedHash: SHA-256 of the fields joined by U+001F; the
    organisation's name is the last field and only when there is one."""
    *fields, organization_name = fields
    parts = ["" if value is None else str(value) for value in fields]
    if organization_name is not None:
        parts.append(organization_name)
    return hashlib.sha256("\u001f".join(parts).encode()).hexdigest()


class SQLiteDB:
    dialect = "sqlite"

    def __init__(self, path):
        self.conn = sqlite3.connect(path, timeout=120, isolation_level=None)
        self.conn.create_function("bench_uuid", 0, lambda: str(uuid.uuid4()).upper(), deterministic=False)
        self.conn.create_function("bench_event_hash", -1, event_hash, deterministic=True)

    def query(self, sql, params=()):
        return self.conn.execute(sql, params).fetchall()

    def script(self, sql):
        self.conn.executescript("BEGIN;\n" + sql + "\nCOMMIT;")

    def insert_rows(self, table, columns, rows):
        marks = ", ".join("?" for _ in columns)
        self.conn.execute("BEGIN")
        self.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        self.conn.execute("COMMIT")

    def columns(self, table):
        return [row[1] for row in self.query(f"PRAGMA table_info({table})")]

    def time_ms(self, sql):
        started = time.perf_counter()
        self.query(sql)
        return (time.perf_counter() - started) * 1000

    def explain(self, sql):
        return "\n".join(str(row[3]) for row in self.query("EXPLAIN QUERY PLAN " + sql))

    # SQL pieces
    def series(self, name, count):
        return f"WITH RECURSIVE {name}(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM {name} WHERE n + 1 < {count})"

    def new_uuid(self):
        return "bench_uuid()"

    def uuid_text(self, expression):
        return expression  # stored as the upper-case text Swift's uuidString writes

    def minus_seconds(self, column, seconds):
        return f"{column} - ({seconds})"  # dates are REAL seconds since 1970

    def epoch_seconds(self, column):
        return f"CAST({column} AS INTEGER)"

    def hash_call(self, args):
        return f"bench_event_hash({', '.join(args)})"

    def close(self):
        self.conn.close()


class PostgresDB:
    dialect = "postgres"

    def __init__(self, pg):
        self.pg = pg

    def query(self, sql):
        out = self.pg.psql(sql)
        return [tuple(line.split("\t")) for line in out.splitlines() if line]

    def script(self, sql):
        self.pg.psql(sql)

    def insert_rows(self, table, columns, rows):
        def literal(value):
            if value is None:
                return "NULL"
            if isinstance(value, (int, float)):
                return str(value)
            return "'" + str(value).replace("'", "''") + "'"
        values = ",\n".join("(" + ", ".join(literal(v) for v in row) + ")" for row in rows)
        self.pg.psql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES\n{values};")

    def columns(self, table):
        return [row[0] for row in self.query(
            "SELECT column_name FROM information_schema.columns "
            f"WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position")]

    def time_ms(self, sql):
        """The server's own execution time (EXPLAIN ANALYZE), without psql's start-up."""
        out = self.pg.psql("EXPLAIN (ANALYZE) " + sql)
        return float(re.search(r"Execution Time: ([\d.]+) ms", out).group(1))

    def explain(self, sql):
        return self.pg.psql("EXPLAIN (ANALYZE, BUFFERS) " + sql)

    def series(self, name, count):
        return f"WITH {name}(n) AS (SELECT generate_series(0, {count} - 1))"

    def new_uuid(self):
        return "gen_random_uuid()"

    def uuid_text(self, expression):
        return f"upper({expression}::text)"

    def minus_seconds(self, column, seconds):
        return f"{column} - ({seconds}) * interval '1 second'"

    def epoch_seconds(self, column):
        return f"floor(extract(epoch from {column}))::bigint"

    def hash_call(self, args):
        # concat_ws skips NULLs: every field but the last is coalesced to '', the last
        # (organization_name) is left out when NULL, as the Swift model does.
        *fields, last = args
        parts = [f"coalesce(({a})::text, '')" for a in fields] + [last]
        return f"encode(sha256(convert_to(concat_ws(chr(31), {', '.join(parts)}), 'UTF8')), 'hex')"

    def close(self):
        pass


# --- through the API -------------------------------------------------------------------------


def make_people(server):
    """The recommenders and the province, with `shenbao user create`."""
    server.create_user("bench-province", "province", PROVINCE)
    server.create_user("bench-yuelu", "recommender", COUNTY)
    server.create_user("bench-changsha", "recommender", CITY)


def register_bench_orgs(server, count=BENCH_ORGS):
    """Registers bench-00 … through the API and logs each in: [(username, Api)]."""
    def one(n):
        username = f"bench-{n:02d}"
        body = registration(n, username)
        response = request("POST", server.base + "/api/v1/registrations", body=json.dumps(body).encode(),
                           headers={"Content-Type": "application/json"})
        if response.status != 201:
            raise RuntimeError(f"registration {username}: {response.status} {response.text[:400]}")
        return username, login(server.base, username)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(count)))


def make_templates(server, api):
    """The real applications the copies are made of, through the API: {name: id}."""
    province = login(server.base, "bench-province")
    county = login(server.base, "bench-yuelu")
    city = login(server.base, "bench-changsha")

    def ready(name):
        created = api.expect("POST", "/api/v1/applications", {"category": "conference"}, status=201)
        application_id = created["id"]
        api.expect("PATCH", f"/api/v1/applications/{application_id}", conference_form(name))
        api.upload(application_id, "signedScan", "申报书签字盖章扫描件.pdf", pdf_bytes(200_000, "template-scan"))
        api.upload(application_id, "nonConfidentiality", "非涉密证明.pdf", pdf_bytes(50_000, "template-proof"))
        api.upload(application_id, "evidence", "佐证材料.pdf", pdf_bytes(50_000, "template-evidence"))
        return application_id

    ids = {"ready": ready("2025中德智能制造国际研讨会")}
    routes = api.expect("GET", f"/api/v1/applications/{ids['ready']}/recommenders")
    county_id = next(r["id"] for r in routes if r["name"] == COUNTY)
    opinion = {"decision": "recommend", "comment": "同意推荐", "attested": True}
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    intake = {"decision": "accept", "comment": "材料齐全，予以受理", "paperCopiesReceivedOn": yesterday,
              "paperCopiesReceived": 6, "certificatesReceived": 2,
              "checklist": {k: True for k in ["applicantKind", "division", "declarations", "commitment",
                                              "attachments", "evidence", "budget", "paperCopies"]}}
    for name, steps in [("submitted", 0), ("atProvince", 2), ("accepted", 3)]:
        application_id = ready(f"2025中德智能制造国际研讨会（{name}）")
        api.expect("POST", f"/api/v1/applications/{application_id}/submit", {"recommenderId": county_id})
        if steps >= 1:
            county.expect("POST", f"/api/v1/applications/{application_id}/opinions", opinion)
        if steps >= 2:
            city.expect("POST", f"/api/v1/applications/{application_id}/opinions", opinion)
        if steps >= 3:
            province.expect("POST", f"/api/v1/applications/{application_id}/intake", intake)
        status = api.expect("GET", f"/api/v1/applications/{application_id}")["status"]
        expected = {"submitted": "atRecommender", "atProvince": "atProvince", "accepted": "accepted"}[name]
        if status != expected:
            raise RuntimeError(f"template {name} is {status}, expected {expected}")
        ids[name] = application_id
    # The deadline-day draft: as created, with the 非涉密证明 and the 佐证材料 (which submitting
    # needs since evidence26) already uploaded; the day uploads the signed scan.
    created = api.expect("POST", "/api/v1/applications", {"category": "conference"}, status=201)
    api.upload(created["id"], "nonConfidentiality", "非涉密证明.pdf", pdf_bytes(50_000, "template-proof"))
    api.upload(created["id"], "evidence", "佐证材料.pdf", pdf_bytes(50_000, "template-evidence"))
    ids["deadline"] = created["id"]
    return ids, county_id


# --- multiplied with SQL ---------------------------------------------------------------------


def copy_organizations(db, template_org, template_user, first, count):
    """Organisations first … first+count-1 as copies of the registered one, each with a user
    `bench-NNNN` who logs in with the benchmark password."""
    org_columns, user_columns = db.columns("organizations"), db.columns("users")
    db.script("DROP TABLE IF EXISTS bench_new_orgs; CREATE TABLE bench_new_orgs "
              "(k INTEGER PRIMARY KEY, uscc TEXT, name TEXT, username TEXT);")
    db.insert_rows("bench_new_orgs", ["k", "uscc", "name", "username"],
                   [(k, uscc(k), f"湖南压测科技第{k:04d}有限公司", f"bench-{k:04d}") for k in range(first, first + count)])
    org_values = {c: f"t.{c}" for c in org_columns}
    org_values.update(id=db.new_uuid(), uscc="s.uscc", name="s.name", bank_account_name="s.name")
    user_values = {c: f"u.{c}" for c in user_columns}
    user_values.update(id=db.new_uuid(), username="s.username", organization_id="o.id",
                       email="s.username || '@example.com'")
    db.script(f"""
        INSERT INTO organizations ({', '.join(org_columns)})
        SELECT {', '.join(org_values[c] for c in org_columns)}
        FROM bench_new_orgs s, organizations t WHERE t.id = '{template_org}';
        INSERT INTO users ({', '.join(user_columns)})
        SELECT {', '.join(user_values[c] for c in user_columns)}
        FROM bench_new_orgs s JOIN organizations o ON o.uscc = s.uscc, users u WHERE u.id = '{template_user}';
        DROP TABLE bench_new_orgs;
    """)


def multiply(db, templates, bench_org_ids, all_org_ids, total):
    """Copies of the templates until `applications` holds `total` rows; returns
    (bench drafts [(org id, application id)], deadline drafts {org id: application id})."""
    existing = int(db.query("SELECT count(*) FROM applications")[0][0])
    bench_drafts = len(bench_org_ids) * DRAFTS_PER_BENCH_ORG
    deadline = len(all_org_ids)
    rest = total - existing - bench_drafts - deadline
    if rest < 0:
        raise RuntimeError(f"{total} applications is fewer than the benchmark needs")
    db.script("""
        DROP TABLE IF EXISTS bench_orgs; DROP TABLE IF EXISTS bench_templates; DROP TABLE IF EXISTS bench_plan;
        CREATE TABLE bench_orgs (k INTEGER PRIMARY KEY, id TEXT, bench INTEGER);
        CREATE TABLE bench_templates (k INTEGER PRIMARY KEY, id TEXT);
    """)
    db.insert_rows("bench_orgs", ["k", "id", "bench"],
                   [(k, org, 1 if org in bench_org_ids else 0) for k, org in enumerate(all_org_ids)])
    # Slot k of 20 picks a template: 6 ready drafts, 5 submitted, 5 at the province, 4 accepted.
    slots = [templates[name] for name, share in MIX for _ in range(share)]
    db.insert_rows("bench_templates", ["k", "id"], list(enumerate(slots)))
    n_orgs, n_bench = len(all_org_ids), len(bench_org_ids)
    uuid_type, cast = ("TEXT", "") if db.dialect == "sqlite" else ("uuid", "::uuid")
    # The plan: one row per copy, with its new id, template, owner, category and age (seconds).
    db.script(f"""
        CREATE TABLE bench_plan (n INTEGER PRIMARY KEY, id {uuid_type}, template {uuid_type},
            organization {uuid_type}, category TEXT, shift INTEGER, purpose TEXT);
        {db.series('s', bench_drafts)}
        INSERT INTO bench_plan SELECT n, {db.new_uuid()}, '{templates['ready']}',
            (SELECT o.id FROM bench_orgs o WHERE o.k = s.n % {n_bench}){cast},
            'conference', (s.n * 7919) % 5184000, 'bench' FROM s;
    """)
    db.script(f"""
        {db.series('s', deadline)}
        INSERT INTO bench_plan SELECT {bench_drafts} + n, {db.new_uuid()}, '{templates['deadline']}',
            (SELECT o.id FROM bench_orgs o WHERE o.k = s.n){cast}, 'conference', 86400 + n, 'deadline' FROM s;
    """)
    db.script(f"""
        {db.series('s', rest)}
        INSERT INTO bench_plan SELECT {bench_drafts + deadline} + n, {db.new_uuid()},
            (SELECT t.id FROM bench_templates t WHERE t.k = s.n % 20){cast},
            (SELECT o.id FROM bench_orgs o WHERE o.k = s.n % {n_orgs}){cast},
            CASE WHEN (s.n / 20) % 2 = 0 THEN 'conference' ELSE 'cooperation' END,
            (s.n * 7919) % 5184000, 'rest' FROM s;
    """)
    log(f"  plan: {bench_drafts} benchmark drafts, {deadline} deadline drafts, {rest} others")

    # Applications: every column from the template but id, owner, category and the dates.
    columns = db.columns("applications")
    values = {c: f"t.{c}" for c in columns}
    values.update(id="p.id", organization_id="p.organization", category="p.category")
    if "number" in values:  # unique within the call (ux_applications_call_number): the template's, made the copy's own
        values["number"] = "CASE WHEN t.number IS NULL THEN NULL ELSE t.number || '-' || CAST(p.n AS TEXT) END"
    for column in ["created_at", "updated_at", "submitted_at"]:
        values[column] = db.minus_seconds(f"t.{column}", "p.shift")
    db.script(f"""
        INSERT INTO applications ({', '.join(columns)})
        SELECT {', '.join(values[c] for c in columns)} FROM bench_plan p JOIN applications t ON t.id = p.template;
    """)
    # Attachments: the template's, pointing to the same blobs.
    columns = db.columns("attachments")
    values = {c: f"a.{c}" for c in columns}
    values.update(id=db.new_uuid(), application_id="p.id", created_at=db.minus_seconds("a.created_at", "p.shift"))
    db.script(f"""
        INSERT INTO attachments ({', '.join(columns)})
        SELECT {', '.join(values[c] for c in columns)} FROM bench_plan p JOIN attachments a ON a.application_id = p.template;
    """)
    # History: the template's events, one sequence number at a time so that each event's
    # previous hash is the hash of the copy's own event before it.
    columns = db.columns("application_events")
    longest = max(int(r[0]) for r in db.query(
        f"SELECT count(*) FROM application_events WHERE application_id IN "
        f"({', '.join(repr(str(v)) for v in set(templates.values()))}) GROUP BY application_id"))
    has_org_name = "organization_name" in columns
    for sequence in range(1, longest + 1):
        at = db.minus_seconds("e.at", "p.shift")
        previous = ("NULL" if sequence == 1 else
                    f"(SELECT q.hash FROM application_events q WHERE q.application_id = p.id AND q.sequence = {sequence - 1})")
        hash_args = [db.uuid_text("p.id"), "e.sequence", db.epoch_seconds(at), db.uuid_text("e.actor_id"),
                     "e.actor_name", "e.role", "e.action", "e.from_status", "e.to_status", "e.comment", previous,
                     "e.organization_name" if has_org_name else "NULL"]
        values = {c: f"e.{c}" for c in columns}
        values.update(id=db.new_uuid(), application_id="p.id", at=at, previous_hash=previous,
                      hash=db.hash_call(hash_args))
        db.script(f"""
            INSERT INTO application_events ({', '.join(columns)})
            SELECT {', '.join(values[c] for c in columns)}
            FROM bench_plan p JOIN application_events e ON e.application_id = p.template AND e.sequence = {sequence};
        """)
    bench = [tuple(map(str, row)) for row in db.query(
        "SELECT organization, id FROM bench_plan WHERE purpose = 'bench' ORDER BY n")]
    deadline_drafts = {str(org): str(app) for org, app in db.query(
        "SELECT organization, id FROM bench_plan WHERE purpose = 'deadline'")}
    db.script("DROP TABLE bench_plan; DROP TABLE bench_orgs; DROP TABLE bench_templates;")
    return bench, deadline_drafts


def seed(server, db, total, applicants=APPLICANTS):
    """Everything above, in order; returns what the benchmarks need."""
    log("  users, registrations and templates through the API")
    make_people(server)
    registered = register_bench_orgs(server)
    username0, api0 = registered[0]
    templates, county_id = make_templates(server, api0)
    template_org = db.query(f"SELECT organization_id FROM applications WHERE id = '{templates['ready']}'")[0][0]
    template_user = db.query(f"SELECT id FROM users WHERE username = '{username0}'")[0][0]
    log(f"  {applicants - BENCH_ORGS} more organisations and users by SQL")
    copy_organizations(db, template_org, template_user, BENCH_ORGS, applicants - BENCH_ORGS)
    orgs = db.query("SELECT u.username, u.organization_id FROM users u JOIN organizations o ON o.id = u.organization_id "
                    "WHERE u.username LIKE 'bench-%' AND o.kind = 'applicant' ORDER BY u.username")
    by_username = {str(name): str(org) for name, org in orgs}
    bench_usernames = [name for name, _ in registered]
    bench_org_ids = [by_username[name] for name in bench_usernames]
    # The benchmark organisations first: the plan gives slots 0 … BENCH_ORGS-1 their drafts.
    all_org_ids = bench_org_ids + [by_username[n] for n in sorted(by_username) if n not in bench_usernames]
    log(f"  multiplying to {total:,} applications by SQL")
    bench, deadline = multiply(db, templates, bench_org_ids, all_org_ids, total)
    if db.dialect == "postgres":
        # What autovacuum would do within a minute of the load; done now so every run plans alike.
        db.script("ANALYZE;")
    tokens = {by_username[name]: api.token for name, api in registered}
    org_to_user = {org: name for name, org in by_username.items()}
    return {
        "templates": templates, "county_id": county_id,
        "bench_drafts": [(app, tokens[org]) for org, app in bench],
        "deadline_drafts": [(org_to_user[org], app) for org, app in sorted(deadline.items())],
        "province_token": login(server.base, "bench-province").token,
        "applications": int(db.query("SELECT count(*) FROM applications")[0][0]),
        "by_status": {str(s): int(c) for s, c in db.query(
            "SELECT status, count(*) FROM applications GROUP BY status ORDER BY status")},
        "events": int(db.query("SELECT count(*) FROM application_events")[0][0]),
    }
