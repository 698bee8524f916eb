"""LibreOffice over UNO, for tests: one soffice, many files, JSON lines on stdin/stdout.

Runs under the SYSTEM python (``/usr/bin/python3``), the only one with the ``uno`` module; it imports
nothing from akapen or pytest. ``office.py`` starts it once per test session.

    argv: <soffice executable>
    in:   {"op": "text", "path": "...", "action": "accept"|"reject"|"none"}
          {"op": "comments", "path": "..."}
          {"op": "convert", "path": "...", "out": "...", "to": "pdf"|"docx-from-pdf"}
    out:  {"ok": true, "paragraphs": [...]} / {"ok": true, "comments": [[author, text], ...]}
          {"ok": false, "error": "..."}

The recipe is the one in DESIGN.md: a private profile warmed once with ``--terminate_after_init`` (the
first start of a fresh profile restarts itself and would drop our connection), a copy of each file (a
stale ``.~lock`` file makes loading return None), Accept/Reject All by dispatch, text export as
"Text (encoded)" UTF-8/LF (which starts with a BOM).
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

_DISPATCH = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def _props(**values):
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


class Office:
    def __init__(self, soffice, work):
        self.work = work
        profile = "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.join(work, "profile"))
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run(
            [soffice, profile, "--headless", "--terminate_after_init"], timeout=120, check=True, **quiet
        )
        pipe = f"akapen_office_{os.getpid()}"
        self.proc = subprocess.Popen(
            [
                soffice,
                profile,
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                "--nolockcheck",
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ],
            **quiet,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 60
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise
                time.sleep(0.1)
        smgr = ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        self.dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        self.count = 0

    def _load(self, path, **extra):
        self.count += 1
        copy = os.path.join(self.work, f"in{self.count}{os.path.splitext(path)[1]}")
        shutil.copyfile(path, copy)
        # RepairPackage=False: a package Word would have to repair fails to load instead of being patched.
        doc = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(copy), "_blank", 0, _props(Hidden=True, RepairPackage=False, **extra)
        )
        if doc is None:
            raise RuntimeError(f"LibreOffice could not load {path}")
        return doc, copy

    def text(self, path, action):
        doc, copy = self._load(path)
        try:
            if action != "none":
                frame = doc.getCurrentController().getFrame()
                self.dispatcher.executeDispatch(frame, _DISPATCH[action], "", 0, ())
            out = copy + ".txt"
            doc.storeToURL(
                uno.systemPathToFileUrl(out), _props(FilterName="Text (encoded)", FilterOptions="UTF8,LF,,,")
            )
        finally:
            doc.close(True)
        with open(out, encoding="utf-8") as f:
            text = f.read()
        os.remove(out)
        os.remove(copy)
        text = text.removeprefix("\ufeff")
        return {"paragraphs": text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")}

    def comments(self, path):
        doc, copy = self._load(path)
        try:
            found = []
            fields = doc.getTextFields().createEnumeration()
            while fields.hasMoreElements():
                field = fields.nextElement()
                if field.supportsService("com.sun.star.text.TextField.Annotation"):
                    found.append([field.Author, field.Content])
        finally:
            doc.close(True)
        os.remove(copy)
        return {"comments": found}

    def convert(self, path, out, to):
        # A PDF opens in Draw unless Writer's PDF import is asked for by name.
        extra = {"FilterName": "writer_pdf_import"} if to == "docx-from-pdf" else {}
        doc, copy = self._load(path, **extra)
        try:
            store = "writer_pdf_Export" if to == "pdf" else "MS Word 2007 XML"
            doc.storeToURL(uno.systemPathToFileUrl(out), _props(FilterName=store))
        finally:
            doc.close(True)
        os.remove(copy)
        return {"path": out}

    def close(self):
        with contextlib.suppress(Exception):  # the bridge is gone when soffice already died
            self.desktop.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main():
    work = tempfile.mkdtemp(prefix="akapen-office-")
    office = None
    try:
        office = Office(sys.argv[1], work)
        print(json.dumps({"ok": True, "ready": True}), flush=True)
        for line in sys.stdin:
            request = json.loads(line)
            try:
                if request["op"] == "text":
                    reply = office.text(request["path"], request["action"])
                elif request["op"] == "convert":
                    reply = office.convert(request["path"], request["out"], request["to"])
                else:
                    reply = office.comments(request["path"])
                reply["ok"] = True
            except Exception as exc:
                reply = {
                    "ok": False,
                    "error": f"{type(exc).__name__}: {exc}",
                    "trace": traceback.format_exc(),
                }
            print(json.dumps(reply, ensure_ascii=False), flush=True)
    finally:
        if office is not None:
            office.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
