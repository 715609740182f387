"""Keeps one LibreOffice running and turns documents into PDF through it (Python UNO).

Started by the server (Sources/ShenbaoServer/Documents/OfficeWorker.swift) as
    python3 convert.py SOFFICE PROFILE_DIR PIPE_NAME
It starts LibreOffice listening on a named pipe, connects to it, and prints one JSON line:
    {"ready": true, "officePID": 1234, "sockets": [the office's socket files, to remove after it]}
Then, for each JSON line {"input": PATH, "output": PATH} read on stdin, it answers one line:
    {"ok": true} | {"ok": false, "officeGone": BOOL, "error": TEXT}
"officeGone" means LibreOffice died or stopped answering: the server replaces this helper.
On end of input, or when the server that started it is gone, it kills its office and exits.
It leads its own process group, so the server ends it and its office with one signal.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except ImportError:
    # No python3-uno for this Python: the server falls back to one LibreOffice per conversion.
    print('{"ready": false, "noUNO": true}', flush=True)
    sys.exit(1)


def prop(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def answer(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


# The Unix sockets our office listens on (its --accept pipe and its single-instance pipe, in
# /tmp): a killed office leaves them behind, so we remove them.
office_sockets = []


def end_everything(*_):
    for path in office_sockets:
        try:
            os.unlink(path)
        except OSError:
            pass
    # Our office is in our process group; so are we.
    os.killpg(os.getpgid(0), signal.SIGKILL)


def listening_sockets(pid):
    """The paths of the Unix sockets process `pid` holds (from /proc/PID/fd and /proc/net/unix)."""
    inodes = set()
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
        with open("/proc/net/unix") as table:
            lines = table.read().splitlines()[1:]
    except OSError:
        return []
    # Num RefCount Protocol Flags Type St Inode Path
    return [fields[7] for fields in (line.split() for line in lines)
            if len(fields) > 7 and fields[6] in inodes and fields[7].startswith("/")]


def watch_parent(parent):
    # A server killed outright sends no end of input to a helper whose pipe another child
    # still holds open; its new parent (init) is the sign.
    while os.getppid() == parent:
        time.sleep(1)
    end_everything()


def office_pid(leader):
    """soffice.bin, the process that does the work (the launcher `soffice` only waits on it)."""
    group = os.getpgid(0)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/comm") as comm:
                name = comm.read().strip()
        except OSError:
            continue
        if int(fields[2]) == group and name == "soffice.bin":
            return int(entry)
    return leader


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def main():
    soffice, profile, pipe = sys.argv[1:4]
    try:
        os.setsid()
    except OSError:
        pass  # already leads its group
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    signal.signal(signal.SIGTERM, end_everything)
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    context = None
    # The server's time limit bounds the wait; a fresh profile takes LibreOffice a few seconds.
    while context is None:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if office.poll() is not None and office.returncode != 81:  # 81: restarting after a new profile
                answer({"ready": False, "error": f"LibreOffice exited with {office.returncode}"})
                return
            time.sleep(0.1)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    pid = office_pid(office.pid)
    office_sockets.extend(listening_sockets(pid))
    answer({"ready": True, "officePID": pid, "sockets": office_sockets})
    hidden = (
        prop("Hidden", True),
        prop("ReadOnly", True),
        prop("MacroExecutionMode", 0),  # never run a macro
        prop("UpdateDocMode", 0),  # never follow links out of the document
    )
    for line in sys.stdin:
        request = json.loads(line)
        if not alive(pid):
            answer({"ok": False, "officeGone": True, "error": "LibreOffice is not running"})
            break
        document = None
        try:
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["input"]), "_blank", 0, hidden)
            if document is None:
                answer({"ok": False, "officeGone": False, "error": "LibreOffice could not open the document"})
                continue
            spreadsheet = document.supportsService("com.sun.star.sheet.SpreadsheetDocument")
            export = "calc_pdf_Export" if spreadsheet else "writer_pdf_Export"
            document.storeToURL(uno.systemPathToFileUrl(request["output"]), (prop("FilterName", export),))
            answer({"ok": True})
        except Exception as error:  # noqa: BLE001 - every failure is answered, the kind decides
            gone = not alive(pid) or type(error).__name__ in ("DisposedException", "RuntimeException")
            answer({"ok": False, "officeGone": gone, "error": f"{type(error).__name__}: {error}"})
            if gone:
                break
        finally:
            if document is not None:
                try:
                    document.close(True)
                except Exception:  # noqa: BLE001 - a document that will not close dies with its office
                    pass
    end_everything()


if __name__ == "__main__":
    main()
