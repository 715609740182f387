#!/usr/bin/env python3
"""Crashes under load: nothing the server acknowledged is lost.

(a) SQLite: `shenbao serve` on an empty data folder; several clients (threads) create drafts,
    save them again and again (PATCH), upload their two files and submit them to the county
    association, recording every write the server acknowledged (2xx) and what it wrote. At a
    random moment the server is killed with SIGKILL and started again on the same folder:
    every acknowledged write is there (read back with GET), every application is in the state
    its last acknowledged step left it in, the old API token still works, and
    `shenbao audit verify` exits 0.
(b) PostgreSQL: the same load against one server on a throwaway PostgreSQL 15, which is
    restarted (`pg_ctl restart -m fast`) in the middle. The server is not restarted: it must
    answer again on its own within seconds, keep answering, and lose no acknowledged write;
    `shenbao audit verify` exits 0.

A write that was sent but not acknowledged (the server died or the database went away under
it) may or may not be there; only what follows from it is checked (a save is either the last
acknowledged one or a later one that was sent).

While PostgreSQL is away, requests are answered 503 (never 500) and none is left without an
answer (postgres-nio can lose a statement in flight when its connection dies, and ROLLBACK on a
dead connection never completes: the server gives such work up at its deadline or a second after
the connection closed, and closes the connection, see Database/PostgresConnectionWatch.swift).

Strict (the default; `--no-strict` for a quicker look): five PostgreSQL restarts (or `--restarts`),
then the server's backends stopped (SIGSTOP) for 12 s under load, as a network partition leaves
connections open and silent: no request may wait on them longer than 10 s (the statement deadline
gives them up at 5 s). No request may take longer than 30 s or go unanswered (the clients wait
40 s), and the pool must be whole afterwards: /metrics shows no connection held or awaited once the
load stopped, and rounds of twice as many reads at once as the pool has connections are each
answered 200 within 5 s.
`--restarts 6 --clients 12` is the hard case.

Usage: Tests/system/crash.py --binary .build/debug/shenbao [--seed N] [--clients N]
           [--only sqlite|postgres] [--restarts N] [--no-strict]
Standard library only; needs /usr/lib/postgresql/15/bin for (b). About 75-90 s (strict).
"""
import argparse
import json
import os
import random
import re
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (  # noqa: E402
    Api, Postgres, Server, Workspace, cli, conference_form, county_id, login, pdf_bytes, registration, request,
    sha256, shenbao_env, tail)

RECOVERY_LIMIT = 15.0  # seconds from PostgreSQL being back to the server answering again
LONGEST = 30.0  # no request may take longer, PostgreSQL restarting or not
PATIENCE = 40.0  # how long the clients wait for an answer: beyond LONGEST, so that a hang shows
PROMPT = 5.0  # an idle server answers a read within this, however many arrive at once
FROZEN = 12.0  # seconds the server's PostgreSQL backends are stopped (SIGSTOP) under load, when strict
FROZEN_LONGEST = 10.0  # no request may take longer meanwhile: the statement deadline (5 s) and a little


class AppRecord:
    """What one client did to one application, in the order it did it."""

    def __init__(self, application_id):
        self.id = application_id
        self.saves = []  # [fields, acknowledged] in the order sent
        self.attachments = {}  # id -> sha256 of acknowledged uploads
        self.submit = None  # None, "sent" or "acknowledged"


class Load:
    """N client threads doing an applicant's writes until stopped; every request is logged."""

    def __init__(self, base, token, county, clients, seed):
        self.base, self.token, self.county = base, token, county
        self.clients, self.seed = clients, seed
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.records = []
        self.log = []  # (sent, answered, client, what, status or exception name)
        self.threads = []

    def note(self, started, client, what, outcome):
        with self.lock:
            self.log.append((started, time.time(), client, what, outcome))

    def send(self, client, api, what, method, path, payload=None, upload=None):
        """The response, or None when there was no answer. Logged with when it was sent and answered."""
        started = time.time()
        try:
            if upload:
                response = api.upload(*upload)
            else:
                response = api.call(method, path, payload)
        except OSError as error:  # refused, reset, timed out: no answer
            self.note(started, client, what, type(error).__name__)
            time.sleep(0.05)
            return None
        self.note(started, client, what, response.status)
        if response.status >= 500:
            time.sleep(0.05)
        return response

    def run_client(self, client):
        rng = random.Random(f"{self.seed}-{client}")
        api = Api(self.base, self.token, timeout=PATIENCE)
        number = 0
        while not self.stop.is_set():
            number += 1
            created = self.send(client, api, "create", "POST", "/api/v1/applications", {"category": "conference"})
            if created is None or created.status != 201:
                continue
            record = AppRecord(created.json()["id"])
            with self.lock:
                self.records.append(record)
            path = f"/api/v1/applications/{record.id}"
            label = f"c{client}-a{number}"
            saves = rng.randint(2, 6)
            steps = ["form", "signedScan", "nonConfidentiality", "evidence"] + [f"save{i}" for i in range(1, saves + 1)] + ["submit"]
            for step in steps:
                if self.stop.is_set():
                    return
                if step == "form":
                    fields = conference_form(f"{label}-v0")
                    fields["mainContent"] = f"{label} 第0次保存"
                    self._save(client, api, record, path, fields)
                elif step in ("signedScan", "nonConfidentiality", "evidence"):
                    data = pdf_bytes(rng.randint(4_000, 120_000))
                    response = self.send(client, api, "upload", "POST", None,
                                         upload=(record.id, step, f"{step}.pdf", data))
                    if response is not None and response.status == 201:
                        with self.lock:
                            record.attachments[response.json()["id"]] = sha256(data)
                elif step.startswith("save"):
                    n = int(step[4:])
                    self._save(client, api, record, path, {
                        "projectName": f"{label}-v{n}", "mainContent": f"{label} 第{n}次保存 " + "内容" * rng.randint(1, 200)})
                else:
                    with self.lock:
                        record.submit = "sent"
                    response = self.send(client, api, "submit", "POST", path + "/submit", {"recommenderId": self.county})
                    if response is not None and response.ok:
                        with self.lock:
                            record.submit = "acknowledged"
                    else:
                        break  # leave it; a later step could not tell what state it is in

    def _save(self, client, api, record, path, fields):
        entry = [{"projectName": fields["projectName"], "mainContent": fields["mainContent"]}, False]
        with self.lock:
            record.saves.append(entry)
        response = self.send(client, api, "save", "PATCH", path, fields)
        if response is not None and response.ok:
            with self.lock:
                entry[1] = True

    def start(self):
        for client in range(self.clients):
            thread = threading.Thread(target=self.run_client, args=(client,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(60)
        alive = [t for t in self.threads if t.is_alive()]
        if alive:
            raise AssertionError(f"{len(alive)} client threads did not stop")

    def acknowledged(self):
        return sum(1 for *_, outcome in self.log if isinstance(outcome, int) and 200 <= outcome < 300)

    def outcomes(self, sent_after=None, answered_after=None, answered_before=None):
        """Counts of outcomes (status or exception name) of the requests within the bounds."""
        counts = {}
        for sent, answered, _, _, outcome in self.log:
            if ((sent_after is None or sent >= sent_after) and (answered_after is None or answered >= answered_after)
                    and (answered_before is None or answered < answered_before)):
                counts[outcome] = counts.get(outcome, 0) + 1
        return counts

    def slowest(self, count=5):
        return sorted(((answered - sent, what, outcome) for sent, answered, _, what, outcome in self.log),
                      key=lambda item: -item[0])[:count]


def verify(api, records, label):
    """Every acknowledged write is there; what was only sent is allowed either way."""
    problems = []
    checked = {"applications": 0, "saves": 0, "attachments": 0, "submissions": 0}
    for record in records:
        response = api.call("GET", f"/api/v1/applications/{record.id}")
        if response.status != 200:
            problems.append(f"{record.id}: created (201) but GET answers {response.status}")
            continue
        checked["applications"] += 1
        body = response.json()
        stored = {"projectName": body.get("projectName"), "mainContent": body.get("mainContent")}
        acknowledged = [i for i, (_, ok) in enumerate(record.saves) if ok]
        if acknowledged:
            checked["saves"] += len(acknowledged)
            allowed = [fields for fields, _ in record.saves[acknowledged[-1]:]]
        else:
            allowed = [fields for fields, _ in record.saves] + [{"projectName": None, "mainContent": None}]
        if stored not in allowed:
            problems.append(f"{record.id}: holds {stored}, expected the last acknowledged save or a later one: "
                            f"{allowed}")
        present = {a["id"]: a["sha256"] for a in body.get("attachments", [])}
        for attachment_id, digest in record.attachments.items():
            checked["attachments"] += 1
            if present.get(attachment_id) != digest:
                problems.append(f"{record.id}: acknowledged attachment {attachment_id} is "
                                f"{'missing' if attachment_id not in present else 'different'}")
                continue
            # Its bytes too: on SQLite they are a file, written and synced before the row committed.
            download = api.call("GET", f"/api/v1/applications/{record.id}/attachments/{attachment_id}")
            if download.status != 200 or sha256(download.body) != digest:
                problems.append(f"{record.id}: acknowledged attachment {attachment_id} downloads as "
                                f"{download.status} with other bytes")
        status = body.get("status")
        if record.submit == "acknowledged":
            checked["submissions"] += 1
            if status != "atRecommender":
                problems.append(f"{record.id}: submission acknowledged, status is {status}")
        elif record.submit == "sent":
            if status not in ("draft", "atRecommender"):
                problems.append(f"{record.id}: submission sent, status is {status}")
        elif status != "draft":
            problems.append(f"{record.id}: never submitted, status is {status}")
    if problems:
        raise AssertionError(f"{label}: {len(problems)} acknowledged writes lost or wrong:\n  " + "\n  ".join(problems[:30]))
    return checked


def prepare(base):
    """The applicant organisation and its token, and the county association's id."""
    response = request("POST", base + "/api/v1/registrations",
                       body=json.dumps(registration(), ensure_ascii=False).encode(),
                       headers={"Content-Type": "application/json"})
    if response.status != 201:
        raise AssertionError(f"registration: {response}")
    api = login(base, "hongsi")
    draft = api.expect("POST", "/api/v1/applications", {"category": "conference"}, status=201)
    return api, county_id(api, draft["id"])


def sqlite_survives_sigkill(binary, workspace, rng, clients, seed):
    started = time.time()
    data = workspace.sub("sqlite-data")
    env = shenbao_env(data)
    server = Server(binary, env, workspace.sub("logs"), "sqlite").start().wait_ready()
    try:
        api, county = prepare(server.base)
        load = Load(server.base, api.token, county, clients, seed)
        load.start()
        delay = rng.uniform(4.0, 9.0)
        time.sleep(delay)
        killed_at = time.time()
        server.kill()
        load.finish()
        before = load.outcomes(answered_before=killed_at)
        acknowledged = load.acknowledged()
        print(f"  SIGKILL after {delay:.1f}s of load by {clients} clients: {acknowledged} writes acknowledged, "
              f"{len(load.records)} applications; answers before the kill {before}", flush=True)
        server_errors = {k: v for k, v in before.items() if isinstance(k, int) and k >= 500}
        if server_errors:
            raise AssertionError(f"5xx answers before the kill: {before}\n{tail(server.log)}")
        files = sorted(os.listdir(data))
        server.start().wait_ready()
        checked = verify(api, load.records, "SQLite after SIGKILL")  # the token from before the kill
        print(f"  restarted on {files}: every acknowledged write is there {checked}; the old token works",
              flush=True)
        server.stop()
        code, output = cli(binary, env, "audit", "verify", check=False)
        if code != 0:
            raise AssertionError(f"audit verify after SIGKILL exited {code}:\n{output}")
        print(f"  `shenbao audit verify` exits 0 ({output.strip().splitlines()[-1] if output.strip() else ''})")
        print(f"(a) SQLite + SIGKILL passed in {time.time() - started:.0f}s", flush=True)
    except BaseException:
        print(f"--- sqlite server log ---\n{tail(server.log, 60)}")
        raise
    finally:
        server.stop()


def freeze_backends(server, postgres, api):
    """Stops every PostgreSQL backend of the server (SIGSTOP) for FROZEN seconds under load, as a
    network partition or a hung database leaves connections open and silent; PostgreSQL itself
    goes on accepting new connections. Work on the frozen ones must be given up at its deadline
    and the connections replaced. Returns (frozen at, thawed at, answering again at)."""
    pids = [int(pid) for pid in postgres.psql("SELECT pid FROM pg_stat_activity WHERE usename = 'shenbao'").split()]
    frozen_at = time.time()
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    time.sleep(FROZEN)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGCONT)
        except ProcessLookupError:
            pass
    thawed_at = time.time()
    recovery = wait_until_answering(server, api, RECOVERY_LIMIT)
    if recovery is None:
        raise AssertionError(f"the server did not answer again within {RECOVERY_LIMIT}s of its backends thawing")
    print(f"  the server's {len(pids)} PostgreSQL backends stopped for {FROZEN:.0f}s under load; it answered "
          f"{recovery:.2f}s after they went on", flush=True)
    return frozen_at, thawed_at, thawed_at + recovery


def server_errors(log, count=10):
    """Every log line of the requests answered 5xx but 503 (the first `count` of them), which the
    tail of the log misses: what failed, and how."""
    with open(log, encoding="utf-8", errors="replace") as f:
        lines = f.readlines()
    failed = []
    for line in lines:
        found = re.search(r"request-id: ([0-9A-F-]+), status: 5(?!03)\d\d", line)
        if found and found.group(1) not in failed:
            failed.append(found.group(1))
    return "".join(line[:800] + "\n" for line in lines if any(rid in line for rid in failed[:count]))


def wait_until_answering(server, api, limit):
    """Seconds until /healthz and a signed-in read both succeed again, or None."""
    began = time.time()
    while time.time() - began < limit:
        try:
            health = request("GET", server.base + "/healthz", timeout=5)
            read = api.call("GET", "/api/v1/applications?per=1")
            if health.status == 200 and read.status == 200:
                return time.time() - began
        except OSError:
            pass
        time.sleep(0.1)
    return None


def livez_while_database_is_down(server, postgres, api):
    """With PostgreSQL stopped, /healthz says the database is away (503) and /livez that the
    process is alive (200): a supervisor restarting on /livez does not restart healthy instances
    in a loop while the database is down."""
    postgres._call(["pg_ctl", "-D", postgres.data, "-m", "fast", "-w", "stop"])
    try:
        health = request("GET", server.base + "/healthz", timeout=15)
        alive = request("GET", server.base + "/livez", timeout=15)
    finally:
        postgres._call(["pg_ctl", "-D", postgres.data, "-l", postgres.log, "-w", "-o", postgres.options, "start"])
    if health.status != 503 or alive.status != 200:
        raise AssertionError(f"with PostgreSQL stopped: /healthz {health.status} (503 expected), "
                             f"/livez {alive.status} (200 expected)")
    if wait_until_answering(server, api, RECOVERY_LIMIT) is None:
        raise AssertionError(f"the server did not answer again within {RECOVERY_LIMIT}s of PostgreSQL's start")
    print("  with PostgreSQL stopped, /healthz answers 503 and /livez 200; both 200 once it is back", flush=True)


def idle_answers(server, api, count=12):
    """Requests one after another on an idle server: (status or exception, seconds) of each."""
    answers = []
    for index in range(count):
        began = time.time()
        try:
            if index % 2:
                outcome = request("GET", server.base + "/healthz", timeout=15).status
            else:
                outcome = api.call("GET", "/api/v1/applications?per=1").status
        except OSError as error:
            outcome = type(error).__name__
        answers.append((outcome, round(time.time() - began, 1)))
    return answers


def gauges(server):
    """The database pool's gauges from /metrics, by name without `shenbao_database_connections_`."""
    text = request("GET", server.base + "/metrics", timeout=PROMPT).text
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"^shenbao_database_connections_(\w+) (\S+)$", text, re.M)}


def pool_is_whole(server, api):
    """After the restarts, the load stopped: no connection is still held or awaited (work stuck on
    a dead connection would hold its pooled connection for good), and rounds of twice as many reads
    at once as the pool has connections are each answered 200 within PROMPT seconds (a broken
    connection left in the pool would make one wait for its deadline). Problems, or []."""
    began = time.time()
    pool = gauges(server)
    while (pool.get("in_use", 0) or pool.get("waiting", 0)) and time.time() - began < LONGEST:
        time.sleep(0.5)
        pool = gauges(server)
    if pool.get("in_use", 0) or pool.get("waiting", 0):
        return [f"{LONGEST:.0f}s after the load stopped the pool still has connections in use or awaited: {pool}"]
    size = int(pool["max"])
    answers = []

    def read():
        started = time.time()
        try:
            outcome = api.call("GET", "/api/v1/applications?per=1").status
        except OSError as error:
            outcome = type(error).__name__
        with lock:
            answers.append((outcome, time.time() - started))

    lock = threading.Lock()
    for _ in range(3):
        threads = [threading.Thread(target=read, daemon=True) for _ in range(2 * size)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(PATIENCE)
    bad = [(outcome, round(seconds, 1)) for outcome, seconds in answers if outcome != 200 or seconds > PROMPT]
    if bad or len(answers) != 6 * size:
        return [f"the pool of {size} is not whole: of {6 * size} reads in rounds of {2 * size} at once, "
                f"{6 * size - len(answers)} unanswered and these late or failed: {bad[:20]}"]
    print(f"  the pool is whole: nothing held {time.time() - began:.1f}s after the load stopped, and three rounds "
          f"of {2 * size} reads at once each answered 200, the slowest in {max(s for _, s in answers):.2f}s",
          flush=True)
    return []


def postgres_restart_is_survived(binary, workspace, rng, clients, seed, restarts, strict):
    started = time.time()
    postgres = Postgres(workspace)
    env = shenbao_env(workspace.sub("pg-data"), postgres.url, "shenbao")
    server = None
    problems = []  # reported together at the end
    try:
        cli(binary, env, "migrate")
        server = Server(binary, env, workspace.sub("logs"), "postgres").start().wait_ready()
        api, county = prepare(server.base)
        load = Load(server.base, api.token, county, clients, seed)
        load.start()
        windows = []
        for number in range(restarts):
            time.sleep(rng.uniform(3.0, 6.0) if number == 0 else rng.uniform(2.0, 4.0))
            began = time.time()
            postgres.restart()
            back = time.time()
            # The server is left alone: a signed-in read and /healthz must succeed again on their own.
            recovery = wait_until_answering(server, api, RECOVERY_LIMIT)
            if recovery is None:
                raise AssertionError(f"the server did not answer again within {RECOVERY_LIMIT}s of PostgreSQL's "
                                     f"restart {number + 1}:\n{tail(server.log, 60)}")
            windows.append((began, back, back + recovery))
            print(f"  PostgreSQL restart {number + 1} ({back - began:.1f}s) under load; the server answered again "
                  f"{recovery:.2f}s after it was back, without being restarted", flush=True)
        if strict:
            time.sleep(rng.uniform(2.0, 4.0))
            windows.append(freeze_backends(server, postgres, api))
        time.sleep(5)  # the load goes on after recovery
        load.finish()
        livez_while_database_is_down(server, postgres, api)
        first, last = windows[0][0], windows[-1][2]
        during = load.outcomes(answered_after=first, answered_before=last + 1.0)
        after = load.outcomes(sent_after=last + 1.0)
        print(f"  answers during the restarts {during}; from 1s after recovery {after}; "
              f"{load.acknowledged()} writes acknowledged, {len(load.records)} applications", flush=True)
        before = load.outcomes(answered_before=first)
        if any(isinstance(k, int) and k >= 500 for k in before):
            raise AssertionError(f"5xx answers before the restart: {before}")
        if any(isinstance(k, int) and k >= 500 and k != 503 for k in during):
            problems.append(f"answers other than 503 for the database being away: {during}; the server's errors:\n"
                            + server_errors(server.log))
        failures = {k: v for k, v in after.items() if not (isinstance(k, int) and k < 500)}
        if failures:
            problems.append(f"requests sent more than 1s after recovery failed: {after}")
        if not any(isinstance(k, int) and 200 <= k < 300 for k in after):
            raise AssertionError(f"no write acknowledged after recovery: {after}\n{tail(server.log, 60)}")
        seconds, what, outcome = load.slowest(1)[0]
        print(f"  the slowest request: {what} answered {outcome} after {seconds:.1f}s", flush=True)
        late = [f"{what} ({outcome} after {answered - sent:.1f}s)" for sent, answered, _, what, outcome in load.log
                if answered - sent > LONGEST or not isinstance(outcome, int)]
        if late:
            problems.append(f"{len(late)} requests took longer than {LONGEST:.0f}s or got no answer: {late[:20]}")
        if strict:
            frozen_at, thawed_at, _ = windows[-1]
            stuck = [f"{what} ({outcome} after {answered - sent:.1f}s)" for sent, answered, _, what, outcome in load.log
                     if answered > frozen_at and sent < thawed_at and answered - sent > FROZEN_LONGEST]
            if stuck:
                problems.append(f"{len(stuck)} requests waited more than {FROZEN_LONGEST:.0f}s on the frozen backends "
                                f"(no deadline?): {stuck[:20]}")
        idle = idle_answers(server, api)
        if any(outcome != 200 or seconds > PROMPT for outcome, seconds in idle):
            problems.append(f"the idle server, one request after another, answers {idle}")
            # Its connection pool is spent; a fresh process reads the data for the check below.
            server.stop()
            server.start().wait_ready()
        else:
            print(f"  the idle server answers every request at once afterwards", flush=True)
            if strict:
                problems += pool_is_whole(server, api)
        checked = verify(api, load.records, "PostgreSQL after restart")
        print(f"  every acknowledged write is there {checked}", flush=True)
        code, output = cli(binary, env, "audit", "verify", check=False)
        if code != 0:
            raise AssertionError(f"audit verify after the PostgreSQL restart exited {code}:\n{output}")
        print("  `shenbao audit verify` exits 0")
        if problems:
            raise AssertionError("; ".join(problems))
        print(f"(b) PostgreSQL restart passed in {time.time() - started:.0f}s", flush=True)
    except BaseException:
        if server:
            print(f"--- postgres server log ---\n{tail(server.log, 40)}")
        print(f"--- PostgreSQL log ---\n{tail(postgres.log, 20)}")
        raise
    finally:
        if server:
            server.stop()
        postgres.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="the shenbao executable")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run's timing and sizes")
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--only", choices=["sqlite", "postgres"], default=None)
    parser.add_argument("--restarts", type=int, default=None,
                        help="PostgreSQL restarts under load in (b): 5 when strict, else 3")
    parser.add_argument("--strict", action=argparse.BooleanOptionalAction, default=True,
                        help="five restarts, silent backends, the pool checked whole afterwards (the default)")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    print(f"crash tests, seed {seed} (--seed {seed} repeats it)", flush=True)
    rng = random.Random(seed)
    started = time.time()
    workspace = Workspace("shenbao-crash-")
    try:
        if args.only in (None, "sqlite"):
            sqlite_survives_sigkill(binary, workspace, rng, args.clients, seed)
        if args.only in (None, "postgres"):
            restarts = args.restarts if args.restarts is not None else (5 if args.strict else 3)
            postgres_restart_is_survived(binary, workspace, rng, args.clients, seed, restarts, args.strict)
    finally:
        workspace.remove()
    print(f"crash tests passed in {time.time() - started:.0f}s")


if __name__ == "__main__":
    sys.exit(main())
