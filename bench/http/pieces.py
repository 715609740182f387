"""What each performance piece buys: the HTTP benchmarks of one release `shenbao`, run once per
configuration (every piece on, or one switched off with SHENBAO_BENCH_PIECES_OFF), on SQLite,
smaller than the full run, each run's figures kept in bench/results/pieces/LABEL.json; then a
table of the figures each piece could move, against the runs with every piece on (run at least
twice: their spread is the machine's noise).

Usage: python3 bench/http/pieces.py --binary PATH [--runs base,draftCache,base,...]
                                     [--applications 20000] [--duration 10] [--applicants 500]
       python3 bench/http/pieces.py --table   (only the table, from the kept figures)
A label is `base` (every piece on; repeat it) or a piece's name (BenchPiece: groupCommit,
walCheckpoints, staticSelect, draftCache, bearerTokenCache, callDefinitionCache, uncachedWrite,
memoryTrim). Each run: python3 bench/http/run.py --databases sqlite --deadline sqlite --no-audit,
its section written to bench/results/pieces/LABEL.md, never to RESULTS.md.
"""
import argparse
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "results", "pieces")
PIECES = ["groupCommit", "walCheckpoints", "staticSelect", "draftCache", "bearerTokenCache", "callDefinitionCache",
          "uncachedWrite", "memoryTrim"]


def run(label, index, options):
    env = dict(os.environ)
    env.pop("SHENBAO_BENCH_PIECES_OFF", None)
    if label != "base":
        env["SHENBAO_BENCH_PIECES_OFF"] = label
    name = f"{index:02d}-{label}"
    argv = [sys.executable, os.path.join(HERE, "run.py"), "--binary", options.binary, "--databases", "sqlite",
            "--deadline", "sqlite", "--no-audit", "--applications", str(options.applications),
            "--duration", str(options.duration), "--applicants", str(options.applicants), "--results-json", os.path.join(OUT, name + ".json"),
            "--results-md", os.path.join(OUT, name + ".md")]
    print(f"== {name}: SHENBAO_BENCH_PIECES_OFF={env.get('SHENBAO_BENCH_PIECES_OFF', '')}", flush=True)
    with open(os.path.join(OUT, name + ".log"), "w") as log:
        if subprocess.run(argv, env=env, stdout=log, stderr=subprocess.STDOUT).returncode != 0:
            sys.exit(f"{name} failed: see {log.name}")


def figures(path):
    """The figures a piece could move, from one run's JSON."""
    r = json.load(open(path, encoding="utf-8"))["databases"]["sqlite"]
    w, f = r["wrk"], {}
    for name in ["healthz", "save", "open", "list"]:
        f[f"{name} req/s"] = w[name]["rps"]
        f[f"{name} CPU ms"] = w[name]["cpu_ms"]
    f["save p99 ms"] = w["save"]["p99_ms"]
    kept = w["save"].get("from_kept") or {}
    f["save from kept %"] = 100 * kept.get("kept", 0) / max(1, kept.get("kept", 0) + kept.get("database", 0))
    writes = w["save"].get("single_writes") or {}
    if writes:
        f["save writes grouped %"] = 100 * writes.get("grouped", 0) / max(1, sum(writes.values()))
    for name in ["submit", "upload"]:
        f[f"{name} req/s"] = r[name]["rps"]
        f[f"{name} CPU ms"] = r[name]["cpu_ms"]
    f["upload p99 ms"] = r["upload"]["p99_ms"]
    d = r.get("deadline")
    if d:
        f["deadline last submit s"] = d["last_submit_s"]
        f["deadline errors"] = d["errors"]
        f["deadline server CPU s"] = d["cpu_s"]["server"]
        f["deadline upload p99 ms"] = d["steps"]["upload"]["p99_ms"]
        f["deadline save p99 ms"] = max(d["steps"][f"save{n}"]["p99_ms"] or 0 for n in range(1, 6))
        f["RSS after deadline MB"] = r.get("rss_after_deadline_mb")
    f["RSS after runs MB"] = r["rss_after_runs_mb"]
    f["errors"] = (sum(w[n]["non_2xx"] + w[n]["socket_errors"] for n in w) + r["submit"]["errors"]
                   + r["upload"]["errors"] + r.get("server_errors", 0))
    return f


def table():
    runs = {}
    for path in sorted(glob.glob(os.path.join(OUT, "*.json"))):
        label = os.path.basename(path)[:-5].split("-", 1)[1]
        try:
            runs.setdefault(label, []).append(figures(path))
        except (KeyError, TypeError, json.JSONDecodeError) as error:
            print(f"skipped {path}: {error!r}", file=sys.stderr)
    base = runs.get("base", [])
    labels = [label for label in PIECES if label in runs]
    keys = list(base[0]) if base else []
    header = ["figure", *[f"base {i + 1}" for i in range(len(base))], "base spread", *[f"{label} off" for label in labels]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key in keys:
        values = [b.get(key) for b in base if b.get(key) is not None]
        spread = (f"{100 * (max(values) - min(values)) / (sum(values) / len(values)):.0f} %"
                  if len(values) > 1 and sum(values) else "–")
        cells = [key, *[fmt(b.get(key)) for b in base], spread]
        for label in labels:
            cells.append(" / ".join(fmt(run.get(key)) for run in runs[label]))
        lines.append("| " + " | ".join(cells) + " |")
    print("\n".join(lines))


def fmt(value):
    if value is None:
        return "–"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary")
    parser.add_argument("--runs", default=",".join(["base", *PIECES[:4], "base", *PIECES[4:]]))
    parser.add_argument("--applications", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--applicants", type=int, default=500,
                        help="the deadline day's applicants (2,000 in the full run, past what a shared machine serves)")
    parser.add_argument("--first-index", type=int, default=0, help="numbers the runs' files from here")
    parser.add_argument("--table", action="store_true", help="only print the table of the kept runs")
    options = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    if not options.table:
        if not options.binary:
            parser.error("--binary is needed to run")
        for index, label in enumerate(options.runs.split(","), options.first_index):
            if label != "base" and label not in PIECES:
                parser.error(f"unknown run {label}: base or one of {', '.join(PIECES)}")
            run(label, index, options)
    table()


if __name__ == "__main__":
    main()
