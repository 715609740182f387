"""Renders the HTTP benchmarks' results (bench/results/http.json) as the "HTTP" section of
bench/RESULTS.md, replacing the previous one and leaving every other section as it is."""
import json
import os
import sys

BEGIN, END = "<!-- http:begin -->", "<!-- http:end -->"
LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL 15"}


def ms(value):
    return "—" if value is None else (f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms")


def met(flag):
    return "**met**" if flag else "**not met**"


def clean(run):
    """Some requests answered, none with an error status or a socket error (wrk's timeout included)."""
    return run["requests"] > 0 and run["non_2xx"] == 0 and run["socket_errors"] == 0 and run["p50_ms"] is not None


def goals(results):
    """[(goal, figure, met)] for the issue's three goals and the deadline day."""
    rows = []
    for kind, r in results["databases"].items():
        label = LABELS[kind]
        runs = r["wrk"]
        ceiling = ceiling_run(runs)["rps"]
        save = runs["save"]
        if kind == "sqlite":
            share = save["rps"] / ceiling
            rows.append((f"save a draft ≥ 25 % of the hello-world ceiling, p99 < 50 ms, 64 connections ({label})",
                         f"{share:.0%} of the ceiling, p99 {ms(save['p99_ms'])}",
                         share >= 0.25 and clean(save) and save["p99_ms"] < 50))
        listing = runs.get("list_alone") or runs["list"]
        alone = "list_alone" in runs
        rows.append((f"province's list page p50 < 20 ms at {r['seeded']['applications']:,} applications ({label})",
                     f"p50 {ms(listing['p50_ms'])}" + (" (one clerk; at 64 connections "
                                                      f"{ms(runs['list']['p50_ms'])})" if alone else ""),
                     clean(listing) and listing["p50_ms"] < 20))
        rows.append((f"resident memory < 250 MB after the runs ({label})", f"{r['rss_after_runs_mb']:.0f} MB",
                     r["rss_after_runs_mb"] < 250))
        d = r.get("deadline")
        if d:
            within = d["submitted"] == d["applicants"] and (d["last_submit_s"] or 1e9) <= 60
            rows.append((f"deadline day: {d['applicants']:,} applicants within 60 s, zero errors ({label})",
                         f"{d['submitted']:,} submitted, last at {d['last_submit_s'] or 0:.1f} s, {d['errors']} errors",
                         within and d["errors"] == 0))
    return rows


def ceiling_run(runs):
    """The hello-world route: /livez (no database); runs from before it existed used /healthz."""
    return runs.get("livez") or runs["healthz"]


def cpu(run, ceiling):
    """The server's CPU time per request and, in brackets, the hello-world request's as a share
    of it: the ceiling ratio the request would reach with the cores to itself."""
    if not run.get("cpu_ms") or not ceiling.get("cpu_ms"):
        return "–"
    return f"{run['cpu_ms']:.2f} ms ({ceiling['cpu_ms'] / run['cpu_ms']:.0%})"


def seeded_text(results):
    return ", ".join(f"{LABELS[kind]} seeded with {r['seeded']['applications']:,} applications"
                     for kind, r in results["databases"].items())


def render(results):
    m = results["machine"]
    lines = [
        BEGIN,
        "## HTTP (the release server on loopback)",
        "",
        f"Run {m['date']} on {m['cores']} cores, {m['cpu']} ({m['arch']}, {m['memory_mb']:,} MB, Linux {m['kernel']});"
        f" load average {m['load_at_start'][0]:.1f} when the run started. `shenbao` release"
        f" (`swift build -c release --scratch-path .build-bench`, {results['commit']}), wrk {results['wrk_version']},"
        f" client and server on the same {m['cores']} cores. Whole HTTP part: {results['seconds'] / 60:.0f} min.",
        "",
        f"Data: {seeded_text(results)} ({results['seed_note']}). Users made for the benchmark have bcrypt cost 4 (`SHENBAO_BCRYPT_COST=4`),"
        " not the default 12. PostgreSQL is a throwaway cluster as `scripts/throwaway-postgres` starts it (fsync off).",
        "",
        f"wrk: {results['connections']} connections, {results['threads']} threads, {results['duration']} s each, `--latency`;"
        " submit: the same number of requests at once from an asyncio client (aiohttp, on uvloop when installed), each on its own complete draft;"
        " upload: the same client, 16 at once, a PDF of its own (random bytes, which do not compress, as a scan's) into"
        " each of the complete drafts submit does not reach, after the deadline day."
        " Server CPU per request: the `shenbao` process's user and system time during the load divided by the requests"
        " answered (PostgreSQL's own processes not counted). It hardly moves when others share the machine, as req/s"
        " does; the bracket is /livez's CPU per request over this one, the share of the ceiling the request would reach"
        " with the cores to itself. The ceiling is `GET /livez`, the hello-world route: a fixed answer through the same"
        " middleware as every request, without the database. `GET /healthz` is the one-row read beside it: one query"
        " through Fluent (it counts the calls).",
        "",
    ]
    # Only the load before the run says whether others shared the machine: afterwards it counts
    # the benchmark's own server and clients.
    if m["load_at_start"][0] > m["cores"]:
        lines += [f"The load average when the run started ({m['load_at_start'][0]:.1f}) was above the {m['cores']}"
                  " cores: other processes shared the machine, so these figures are lower than a quiet machine's.", ""]
    for kind, r in results["databases"].items():
        runs = r["wrk"]
        ceiling = ceiling_run(runs)["rps"]
        lines += [
            f"### {LABELS[kind]}",
            "",
            "| request | req/s | p50 | p99 | of the ceiling | server CPU per request (of the ceiling's) | non-2xx |",
            "|---|---|---|---|---|---|---|",
        ]
        rows = [(runs.get("livez"), "`GET /livez` (the ceiling: hello world, no database)"),
                (runs.get("healthz"), "`GET /healthz` (one row read through Fluent: counts the calls)"),
                (runs.get("save"), "save a draft `PATCH /api/v1/applications/{id}`"),
                (runs.get("open"), "open an application `GET /api/v1/applications/{id}`"),
                (runs.get("list"), "province's list, page 2 of 50, `status=atProvince&category=conference`"),
                (runs.get("list_alone"), "the same list from one connection (one clerk)"),
                (r.get("upload"), "upload a 2 MiB PDF `POST …/attachments` (asyncio client, 16 at once)"),
                (r.get("submit"), "submit `POST …/submit` (asyncio client)")]
        for run, label in rows:
            if run is None:
                continue
            # wrk counts refusals and broken connections; the asyncio client counts both as errors.
            failed = run["errors"] if "errors" in run else run["non_2xx"] + run["socket_errors"]
            lines.append(f"| {label} | {run['rps']:,.0f} | {ms(run['p50_ms'])} | {ms(run['p99_ms'])} |"
                         f" {run['rps'] / ceiling:.0%} | {cpu(run, ceiling_run(runs))} | {failed} |")
        lines += [
            "",
            f"Resident memory (VmRSS) after these runs: **{r['rss_after_runs_mb']:.0f} MB**"
            f" (peak VmHWM {r['hwm_after_runs_mb']:.0f} MB)"
            + (f"; a few seconds after the deadline day {r['rss_after_deadline_mb']:.0f} MB (peak {r['hwm_after_deadline_mb']:.0f} MB)."
               if r.get("rss_after_deadline_mb") else "."),
            f"The list's rows matching the filter: {r['list_matching']:,} (of {r['seeded']['by_status'].get('atProvince', 0):,}"
            f" at the province); its two queries (count, then the page) take {r['list_db_ms']:.1f} ms in the database alone."
            f" Seeding took {r['seed_seconds']:.0f} s. Load average (1, 5, 15 min) at the end of these runs:"
            f" {', '.join(f'{x:.1f}' for x in r['load_after'])}.",
            "",
        ]
        kept = (runs.get("save") or {}).get("from_kept")
        if kept and kept["kept"] + kept["database"]:
            lines += [f"Of the saves, {kept['kept'] / (kept['kept'] + kept['database']):.0%} found their draft kept by"
                      f" the instance (one UPDATE, no read before it) and {kept['database']:,.0f} read it from the database"
                      f" first: the first save of each of the {runs['save']['drafts']:,} drafts, and any whose kept copy"
                      " another writer had made stale.", ""]
        if kind == "sqlite":
            plan = "; ".join(line.strip() for line in r["explain"]["page"].splitlines())
            lines += [f"SQLite's plan for the page: `{plan}`.", ""]
        if r.get("audit"):
            lines += [f"`shenbao audit verify` afterwards ({r['audit_seconds']:.0f} s): {r['audit']}", ""]
        d = r.get("deadline")
        if d:
            lines += [
                f"Deadline day ({LABELS[kind]}): {d['applicants']:,} applicants arriving evenly over {d['arrivals_over_s']:.0f} s;"
                f" each logs in, saves five times (the form in five parts), uploads a {d['file_bytes'] // 1024 // 1024} MiB PDF"
                f" (its own content) and submits, {d['think_s']} s between steps."
                f" **{d['submitted']:,} submitted, the last {d['last_submit_s'] or 0:.1f} s after the first arrival,"
                f" {d['errors']} errors.**",
                "",
                "| step | requests | errors | p50 | p99 |",
                "|---|---|---|---|---|",
            ]
            for name, step in d["steps"].items():
                lines.append(f"| {name} | {step['requests']:,} | {step['errors']} | {ms(step['p50_ms'])} | {ms(step['p99_ms'])} |")
            lines.append("")
            if d.get("cpu_s"):
                c = d["cpu_s"]
                lines += [f"CPU time used during the deadline day: the server {c['server']:.0f} s, the simulated applicants"
                          f" {c['clients']:.0f} s, everything else on the machine (the database's processes, ...)"
                          f" {c['others']:.0f} s; the {m['cores']} cores had {m['cores'] * d['seconds']:.0f} s to give"
                          f" in the {d['seconds']:.0f} s the day lasted.", ""]
            if d["examples"]:
                lines += ["Errors seen: " + "; ".join(f"`{e[:160]}`" for e in d["examples"][:3]), ""]
        if r.get("server_errors"):
            lines += [f"The server logged {r['server_errors']} error lines during the run.", ""]
    if not any(r.get("deadline") for r in results["databases"].values()):
        lines += ["The deadline day was not run.", ""]
    lines += ["| goal (issue 8) | figure | met? |", "|---|---|---|"]
    lines += [f"| {goal} | {figure} | {met(ok)} |" for goal, figure, ok in goals(results)]
    lines += ["", "Benchmarks, not tests: figures from one run on a shared machine; the server was not tuned for them.",
              END]
    return "\n".join(lines)


def update(results_md, section):
    """Replaces the HTTP section of RESULTS.md (or appends it), keeping everything else."""
    text = open(results_md, encoding="utf-8").read() if os.path.exists(results_md) else "# Benchmark results\n"
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    open(results_md, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    # python3 report.py results/http.json RESULTS.md: re-renders without running anything.
    results = json.load(open(sys.argv[1], encoding="utf-8"))
    update(sys.argv[2], render(results))
    print(render(results))
