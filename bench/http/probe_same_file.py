"""Probe: the same file uploaded to several drafts at the same moment (a blank 非涉密证明 that
many applicants download and upload unchanged, or one applicant's two applications).

Attachments are stored once per SHA-256 (`blobs.sha256` is unique): AttachmentService.upload
checks whether the blob exists, then inserts it, inside the upload's transaction. On PostgreSQL
(READ COMMITTED) two such transactions both see no blob, both insert, and the second one fails on
the unique index. This script shows whether that happens: it registers one organisation, makes
N drafts, and uploads one and the same PDF to all of them at once, then prints the statuses.

Usage: python3 bench/http/probe_same_file.py [--postgres] [--drafts 16] [--binary PATH]
(the binary defaults to the benchmark's release build, .build-bench/release/shenbao).
"""
import argparse
import json
import concurrent.futures
import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import REPO, Postgres, Shenbao, login, multipart, pdf_bytes, registration, request  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--drafts", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--binary", default=os.path.join(REPO, ".build-bench", "release", "shenbao"))
    options = parser.parse_args()
    pg = Postgres() if options.postgres else None
    server = Shenbao(options.binary, pg.url if pg else None)
    try:
        server.cli("migrate")
        server.start()
        response = request("POST", server.base + "/api/v1/registrations",
                           body=json.dumps(registration(1, "probe")).encode(),
                           headers={"Content-Type": "application/json"})
        assert response.status == 201, response.text
        api = login(server.base, "probe")
        statuses = {}
        for round_number in range(options.rounds):
            drafts = [api.expect("POST", "/api/v1/applications", {"category": "conference"}, status=201)["id"]
                      for _ in range(options.drafts)]
            same = pdf_bytes(300_000, f"the-same-file-{round_number}")
            barrier = threading.Barrier(options.drafts)

            def upload(application_id):
                body, content_type = multipart({"kind": "nonConfidentiality"},
                                               {"file": ("非涉密证明.pdf", same, "application/pdf")})
                barrier.wait()
                answer = api.call("POST", f"/api/v1/applications/{application_id}/attachments", body=body,
                                  headers={"Content-Type": content_type})
                return answer.status, answer.text[:200]

            with concurrent.futures.ThreadPoolExecutor(options.drafts) as pool:
                for status, text in pool.map(upload, drafts):
                    statuses[status] = statuses.get(status, 0) + 1
                    if status != 201:
                        print(f"round {round_number}: {status} {text}")
        print(f"{'PostgreSQL' if pg else 'SQLite'}: {options.rounds} rounds of {options.drafts} simultaneous uploads"
              f" of one file: statuses {statuses}")
        errors = [line.strip() for line in open(server.log, encoding="utf-8", errors="replace") if "[ ERROR ]" in line]
        for line in errors[:5]:
            print("server:", line[:500])
    finally:
        server.stop()
        server.remove()
        if pg:
            pg.stop()


if __name__ == "__main__":
    main()
