"""HTTP benchmarks of the release server, on SQLite and on PostgreSQL 15, in one run:

1. builds `shenbao` in release into its own scratch path (`.build-bench`, beside the default `.build`);
2. for each database: a fresh data folder (SQLite) or a throwaway cluster (PostgreSQL),
   `shenbao migrate`, users with `shenbao user create`, `shenbao serve` on loopback, organisations
   registered through the API, the database seeded to 100,000 applications (seed.py);
3. wrk on loopback (64 connections, 2 threads, 15 s each): GET /livez (the hello-world ceiling),
   GET /healthz (one row read through Fluent), saving a
   draft, opening an application, page 2 of the province's filtered list; submitting from an asyncio
   client; the server's resident memory afterwards; the deadline day (2,000 applicants);
4. writes bench/results/http.json and the "HTTP" section of bench/RESULTS.md.

Usage: python3 bench/http/run.py [--databases sqlite,postgres] [--deadline sqlite,postgres]
       [--applications 100000] [--duration 15] [--binary PATH (skips the build)]
       [--no-audit] [--results-md PATH] [--results-json PATH]
With SHENBAO_BENCH_PIECES_OFF=piece,... in its environment the server runs with those
performance pieces switched off (bench/RESULTS.md, "What each performance piece buys").
Needs: wrk (apt-get install wrk), PostgreSQL 15 server binaries in /usr/lib/postgresql/15/bin,
       Python 3.11 with aiohttp and uvloop (pip install aiohttp uvloop).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import BENCH, REPO, Postgres, Shenbao, log, machine, vm_rss_mb  # noqa: E402
from loads import deadline_day, settle, submit_bench, upload_bench, wrk_suite  # noqa: E402
from report import render, update  # noqa: E402
from seed import PostgresDB, SQLiteDB, seed  # noqa: E402

SEED_NOTE = ("a few made through the API, the rest copied by SQL: 30 % of the rest drafts, 25 % atRecommender,"
             " 25 % atProvince, 20 % accepted, half conference, half cooperation, over 2,000 organisations;"
             " every copy with its attachments and its re-chained history")


def build():
    log("building shenbao (release, --scratch-path .build-bench)")
    subprocess.run(["swift", "build", "-c", "release", "--product", "shenbao", "--scratch-path", ".build-bench"],
                   cwd=REPO, check=True)
    path = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", ".build-bench", "--show-bin-path"],
                          cwd=REPO, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "shenbao")


def list_sql(dialect):
    """The province's list query as Fluent sends it (ApplicationQuery.run), for EXPLAIN."""
    where = "submitted_at IS NOT NULL AND status = 'atProvince' AND category = 'conference'"
    return (f"SELECT count(*) FROM applications WHERE {where}",
            f"SELECT id, category, organization_id, status, holder_id, project_name, requested_yuan, updated_at"
            f" FROM applications WHERE {where} ORDER BY updated_at DESC, id DESC LIMIT 50 OFFSET 50")


def db_time_ms(db, statements, repeat=5):
    """The median time of running the statements once, in the database alone (SQLite through
    Python's sqlite3; PostgreSQL's execution time from EXPLAIN ANALYZE)."""
    times = sorted(sum(db.time_ms(sql) for sql in statements) for _ in range(repeat))
    return times[len(times) // 2]


def server_errors(log_path):
    lines = [line for line in open(log_path, encoding="utf-8", errors="replace")
             if re.search(r"\[ (ERROR|CRITICAL) \]", line)]
    return len(lines), [line.strip()[:400] for line in lines[:5]]


def run_database(kind, binary, options):
    pg = Postgres() if kind == "postgres" else None
    server = Shenbao(binary, pg.url if pg else None)
    result = {}
    try:
        log(f"{kind}: migrate, serve on {server.base}")
        server.cli("migrate")
        server.start()
        db = SQLiteDB(server.sqlite_path) if pg is None else PostgresDB(pg)
        started = time.time()
        seeded = seed(server, db, options.applications, options.applicants)
        result["seed_seconds"] = time.time() - started
        result["seeded"] = {k: seeded[k] for k in ["applications", "by_status", "events"]}
        log(f"  seeded {seeded['applications']:,} applications {seeded['by_status']}, {seeded['events']:,} events"
            f" in {result['seed_seconds']:.0f} s")
        if options.keep:  # what a later look needs: the drafts with their owners' tokens
            with open(os.path.join(server.dir, "bench-drafts.txt"), "w") as f:
                f.write("".join(f"{a} {t}\n" for a, t in seeded["bench_drafts"]))
            with open(os.path.join(server.dir, "province-token.txt"), "w") as f:
                f.write(seeded["province_token"])
        count_sql, page_sql = list_sql(db.dialect)
        result["list_matching"] = int(db.query(count_sql)[0][0])
        result["explain"] = {"count": db.explain(count_sql), "page": db.explain(page_sql)}
        result["list_db_ms"] = db_time_ms(db, [count_sql, page_sql])
        log(f"  the list's two queries in the database alone: {result['list_db_ms']:.1f} ms; plan:\n"
            + result["explain"]["page"])
        result["wrk"] = wrk_suite(server, seeded, options.duration, options.connections, options.threads)
        result["submit"] = submit_bench(server, seeded, options.duration, options.connections)
        result["rss_after_runs_mb"] = vm_rss_mb(server.pid)
        result["hwm_after_runs_mb"] = hwm_mb(server.pid)
        log(f"  resident memory after the runs: {result['rss_after_runs_mb']:.0f} MB"
            f" (peak {result['hwm_after_runs_mb']:.0f} MB)")
        if kind in options.deadline:
            result["deadline"] = deadline_day(server, seeded, options.arrivals_over, options.think)
            settle(server)  # what the server keeps, once it has finished the day's last work
            result["rss_after_deadline_mb"] = vm_rss_mb(server.pid)
            result["hwm_after_deadline_mb"] = hwm_mb(server.pid)
            log(f"  resident memory after the deadline day: {result['rss_after_deadline_mb']:.0f} MB"
                f" (peak {result['hwm_after_deadline_mb']:.0f} MB)")
        # After the deadline day, which should start from the seeded database: 15 s of uploads
        # add some 1.3 GB, and a day that followed them refused 349 uploads (RESULTS.md).
        result["upload"] = upload_bench(server, seeded, options.duration)
        result["server_alive"] = server.alive()
        result["load_after"] = os.getloadavg()
        server.stop()
        if options.audit:
            started = time.time()
            try:
                result["audit"] = server.cli("audit", "verify", timeout=900).strip().splitlines()[-1]
            except Exception as error:  # a broken chain is a finding, not a crash of the benchmark
                result["audit"] = f"FAILED: {str(error)[-600:]}"
            result["audit_seconds"] = time.time() - started
            log(f"  audit verify ({result['audit_seconds']:.0f} s): {result['audit']}")
        db.close()
    finally:
        server.stop()
        result["server_errors"], result["server_error_examples"] = server_errors(server.log)
        if options.keep:
            log(f"  kept {server.dir}" + (f" and PostgreSQL in {pg.dir} ({pg.url})" if pg else ""))
        else:
            server.remove(keep_log_to=os.path.join(BENCH, "results", f"http-{kind}-serve.log"))
            if pg:
                pg.stop()
    return result


def hwm_mb(pid):
    for line in open(f"/proc/{pid}/status", encoding="utf-8"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--deadline", default="sqlite,postgres", help="databases to run the deadline day on")
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--applicants", type=int, default=2000, help="organisations, each with a deadline-day draft")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--arrivals-over", type=float, default=40.0)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--no-audit", dest="audit", action="store_false")
    parser.add_argument("--keep", action="store_true", help="keep the data (and PostgreSQL running) to look at")
    parser.add_argument("--binary", help="a release shenbao to use instead of building one")
    parser.add_argument("--results-md", default=os.path.join(BENCH, "RESULTS.md"), help="where the section goes")
    parser.add_argument("--results-json", default=os.path.join(BENCH, "results", "http.json"),
                        help="where the figures go (one file per run when comparing runs)")
    options = parser.parse_args()
    options.deadline = [d for d in options.deadline.split(",") if d]
    os.makedirs(os.path.join(BENCH, "results"), exist_ok=True)
    os.makedirs(os.path.dirname(os.path.abspath(options.results_json)), exist_ok=True)

    started = time.time()
    results = {"machine": machine()}
    binary = options.binary or build()
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True,
                            text=True).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    results.update(
        commit=commit or "unknown", binary=binary, applications=options.applications, duration=options.duration,
        connections=options.connections, threads=options.threads, seed_note=SEED_NOTE,
        wrk_version=(re.search(r"wrk (\S+)", wrk_version.stdout + wrk_version.stderr) or [None, "?"])[1],
        databases={})
    for kind in [d for d in options.databases.split(",") if d]:
        results["databases"][kind] = run_database(kind, binary, options)
        results["seconds"] = time.time() - started
        json.dump(results, open(options.results_json, "w"), indent=2, default=str)
    results["seconds"] = time.time() - started
    json.dump(results, open(options.results_json, "w"), indent=2, default=str)
    section = render(results)
    update(options.results_md, section)
    print(section)


if __name__ == "__main__":
    main()
