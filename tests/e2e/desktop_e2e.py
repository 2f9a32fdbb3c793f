#!/usr/bin/env python3
"""End-to-end: the built desktop app under a real X server, driven only by the mouse and the
keyboard (xdotool), through a DBA's day: open the demo, click a version, dry run, migrate,
roll back, compare schemas, transfer to PostgreSQL, export a report. Every step is checked
from outside the app too: the SQLite file, the PostgreSQL server (psql) and the report file.

Run by CTest under xvfb-run and pg_virtualenv (scripts/test); needs DISPLAY and PG* variables.
  desktop_e2e.py --app build/app/gui/strata --cli build/app/cli/strata-cli --migrations migrations
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xdrive import Screen  # noqa: E402


def log(*args):
    print(*args, flush=True)


def psql(sql, db=None):
    cmd = ["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]
    if db:
        cmd += ["-d", db]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


CLI = None  # strata-cli: the database's state is read by the product's own other face


def current_version(url):
    import json
    out = subprocess.run([CLI, "--db", url, "--migrations", FOLDER, "status", "--json"],
                         capture_output=True, text=True)
    try:
        return json.loads(out.stdout)["current"]
    except (ValueError, KeyError):
        raise AssertionError(f"strata-cli status failed ({out.returncode}): {out.stderr[-2000:]}")


FOLDER = None


class Run:
    def __init__(self, args):
        self.args = args
        self.tmp = tempfile.mkdtemp(prefix="strata-e2e-")
        self.shots = args.screenshots
        self.step_no = 0
        env = dict(os.environ)
        for d in ("config", "data", "runtime"):
            os.makedirs(os.path.join(self.tmp, d), mode=0o700)
        folder = os.path.join(self.tmp, "migrations")
        shutil.copytree(args.migrations, folder)
        env.update({
            "XDG_CONFIG_HOME": os.path.join(self.tmp, "config"),
            "XDG_DATA_HOME": os.path.join(self.tmp, "data"),
            "XDG_RUNTIME_DIR": os.path.join(self.tmp, "runtime"),
            "STRATA_DEMO_MIGRATIONS": folder,
            "STRATA_UI_PROBE": os.path.join(self.tmp, "probe.json"),
            "QT_QPA_PLATFORM": "xcb",
        })
        self.env = env
        self.folder = folder
        self.screen = Screen(env["STRATA_UI_PROBE"], log)
        self.demo_db = os.path.join(self.tmp, "data", "strata", "demo", "demo.db")
        self.app = None

    # --- helpers ------------------------------------------------------------------------
    def step(self, text):
        self.step_no += 1
        log(f"== {self.step_no}. {text}")

    def shot(self, name):
        if self.shots:
            os.makedirs(self.shots, exist_ok=True)
            self.screen.shot(os.path.join(self.shots, f"e2e-{self.step_no:02d}-{name}.png"))

    def main_window(self):
        return self.screen.window(cls="MainWindow")

    def window(self, cls):
        return self.screen.wait(f"a {cls} window", lambda: self.screen.window(cls=cls), 20)

    def button(self, cls, text, contains=False, timeout=30):
        def find():
            w = self.screen.window(cls=cls)
            found = Screen.widgets(w, kind="button", **({"contains": text} if contains else {"text": text}))
            return next((b for b in found if b["enabled"]), None)
        return self.screen.wait(f"an enabled '{text}' button in {cls}", find, timeout)

    def label(self, cls, part, timeout=30):
        def find():
            w = self.screen.window(cls=cls)
            return next((x for x in Screen.widgets(w, kind="label", contains=part)), None)
        return self.screen.wait(f"a label with '{part}' in {cls}", find, timeout)

    def row(self, cls, view_class, starts, timeout=30):
        def find():
            w = self.screen.window(cls=cls)
            for v in Screen.widgets(w, kind="view"):
                if v["class"] != view_class:
                    continue
                for r in v["rows"]:
                    if r["text"].startswith(starts):
                        return r
            return None
        return self.screen.wait(f"a row '{starts}' in {cls}", find, timeout)

    def field(self, cls, name=None, placeholder=None, timeout=20):
        def find():
            w = self.screen.window(cls=cls)
            for f in Screen.widgets(w, kind="field"):
                if name is not None and f["name"] != name:
                    continue
                if placeholder is not None and placeholder not in f.get("placeholder", ""):
                    continue
                if f["enabled"]:
                    return f
            return None
        return self.screen.wait(f"a field {name or placeholder} in {cls}", find, timeout)

    def type_into(self, field, text):
        self.screen.click(field)
        self.screen.key("ctrl+a")
        self.screen.type(text)

    def focus_main(self):
        # Without a window manager, a closed dialog leaves no window active: click into the
        # main window (its timeline heading) as a person would before using a shortcut.
        self.screen.click(self.label("MainWindow", "Timeline ·"))
        self.screen.wait("the main window to be active",
                         lambda: (self.main_window() or {}).get("active"), 10)

    # --- the day ------------------------------------------------------------------------
    def start(self):
        self.step("start the app")
        self.app = subprocess.Popen([self.args.app], env=self.env,
                                    stdout=open(os.path.join(self.tmp, "app.log"), "w"),
                                    stderr=subprocess.STDOUT)
        self.screen.wait("the main window", lambda: self.main_window(), 30)

    def open_demo(self):
        self.step("open the demo from the Workspace menu")
        w = self.main_window()
        menu_bar = Screen.widgets(w, kind="menu")[0]
        self.screen.click_rect(next(a for a in menu_bar["actions"] if a["text"] == "Workspace")["rect"])
        menu = self.window("QMenu")
        item = next(a for a in Screen.widgets(menu, kind="menu")[0]["actions"]
                    if a["text"].startswith("Open Demo Workspace"))
        self.screen.click_rect(item["rect"])
        self.label("MainWindow", "Current version: 6")
        self.row("MainWindow", "QListView", "10  ")
        assert current_version("sqlite://" + self.demo_db) == "6", current_version("sqlite://" + self.demo_db)
        self.shot("demo")

    def dry_run(self):
        self.step("click version 9 and dry run it (Ctrl+D)")
        self.screen.click_rect(self.row("MainWindow", "QListView", "9  ")["rect"])
        self.screen.wait("version 9 selected",
                         lambda: self.row("MainWindow", "QListView", "9  ").get("selected"), 10)
        self.button("MainWindow", "Dry Run to Here")
        self.screen.key("ctrl+d")
        self.label("MainWindow", "Dry run: migrate 6 → 9")
        self.label("MainWindow", "the plan would succeed")
        self.label("MainWindow", "Nothing was changed")
        assert current_version("sqlite://" + self.demo_db) == "6"
        self.shot("dry-run")

    def migrate(self):
        self.step("migrate to version 9 (Ctrl+M, Apply)")
        self.screen.key("ctrl+m")
        box = self.window("QMessageBox")
        assert "Migrate to version 9" in box["title"], box["title"]
        self.screen.click(self.button("QMessageBox", "Apply"))
        self.label("MainWindow", "Current version: 9")
        assert current_version("sqlite://" + self.demo_db) == "9"
        con = sqlite3.connect(self.demo_db)
        assert con.execute("SELECT count(*) FROM customers").fetchone()[0] > 0
        con.close()
        self.shot("migrated")

    def roll_back(self):
        self.step("click version 8 and roll back (Ctrl+R, confirm the data loss)")
        self.focus_main()
        self.screen.click_rect(self.row("MainWindow", "QListView", "8  ")["rect"])
        self.button("MainWindow", "Roll Back to Here")
        self.screen.key("ctrl+r")
        self.window("RollbackDialog")
        self.label("RollbackDialog", "The dry run of this rollback succeeded")
        dialog = self.screen.window(cls="RollbackDialog")
        # Undo 9 drops the inventory table: the dialog asks for a tick before it runs.
        boxes = Screen.widgets(dialog, kind="button", contains="data will be lost")
        assert len(boxes) == 1, "the rollback of a DROP TABLE must ask before it loses data"
        locked = Screen.widgets(dialog, kind="button", text="Roll back 1 migration")
        assert locked and not locked[0]["enabled"], "Roll back must wait for the tick"
        self.screen.click(boxes[0])
        run = self.button("RollbackDialog", "Roll back 1 migration", contains=True)
        self.shot("rollback-question")
        self.screen.click(run)
        self.label("MainWindow", "Current version: 8")
        assert current_version("sqlite://" + self.demo_db) == "8"
        con = sqlite3.connect(self.demo_db)
        gone = con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'inventory'").fetchone()[0]
        con.close()
        assert gone == 0, "version 9's table is still there after the rollback"

    def compare(self):
        self.step("compare the demo with a copy at version 10 (Ctrl+Shift+D)")
        other = os.path.join(self.tmp, "v10.db")
        subprocess.run([self.args.cli, "--db", "sqlite://" + other, "--migrations", self.folder, "up"],
                       check=True, capture_output=True)
        self.focus_main()
        self.screen.key("ctrl+shift+d")
        self.window("SchemaDiffView")
        # The source: switched from the workspace's recorded versions to a connection, the copy
        # at version 10, by the mouse on the combo box. The target is the open database (8).
        self.screen.wait("the source's recorded versions", lambda: any(
            c.get("text") == "Workspace version"
            for c in Screen.widgets(self.screen.window(cls="SchemaDiffView"), kind="combo")), 20)
        kind = next(c for c in Screen.widgets(self.screen.window(cls="SchemaDiffView"), kind="combo")
                    if c.get("text") == "Workspace version")
        self.screen.click(kind)
        popup = self.window("QComboBoxPrivateContainer")
        choice = next(r for v in Screen.widgets(popup, kind="view") for r in v["rows"]
                      if r["text"] == "Connection")
        self.screen.click_rect(choice["rect"])
        fields = self.screen.wait("two connection fields", lambda: (lambda f: f if len(f) == 2 else None)(
            Screen.widgets(self.screen.window(cls="SchemaDiffView"), kind="field", name="connectionUrl")), 10)
        source, target = sorted(fields, key=lambda f: f["rect"][0])
        assert target["text"] == "sqlite://" + self.demo_db, target["text"]
        self.type_into(source, "sqlite://" + other)
        self.screen.click(self.button("SchemaDiffView", "Compare"))
        row = self.row("SchemaDiffView", "QTreeView", "inventory | removed")
        self.row("SchemaDiffView", "QTreeView", "product_reviews | removed")
        self.row("SchemaDiffView", "QTreeView", "customers | identical")
        self.screen.click_rect(row["rect"])
        self.screen.wait("inventory's DDL on the source side", lambda: any(
            t["name"] == "ddlLeft" and "CREATE TABLE" in t.get("text", "") and "inventory" in t["text"]
            for t in Screen.widgets(self.screen.window(cls="SchemaDiffView"), kind="text")), 10)
        self.shot("compare")
        self.screen.key("ctrl+w")
        self.screen.wait("the compare window to close",
                         lambda: self.screen.window(cls="SchemaDiffView") is None, 10)

    def wizard_next(self, text="Next >", timeout=60):
        self.screen.click(self.button("TransferWizard", text, timeout=timeout))

    def transfer(self):
        self.step("transfer the demo to PostgreSQL (Ctrl+Shift+T)")
        psql("DROP DATABASE IF EXISTS strata_e2e_target")
        psql("CREATE DATABASE strata_e2e_target")
        self.focus_main()
        self.screen.key("ctrl+shift+t")
        self.window("TransferWizard")
        # The source: the open workspace's SQLite file is offered; a person checks it and goes on.
        source = self.field("TransferWizard")
        assert source["text"] == self.demo_db, source["text"]
        self.wizard_next()
        # The target: typed as a URL without password, the password in its own field, tested.
        url = self.field("TransferWizard", name="targetUrl")
        host = os.environ.get("PGHOST", "localhost")
        if host.startswith("/"):
            host = "localhost"
        self.type_into(url, "postgresql://%s@%s:%s/strata_e2e_target" % (
            os.environ.get("PGUSER", "postgres"), host, os.environ.get("PGPORT", "5432")))
        password = self.field("TransferWizard", name="targetPassword")
        self.type_into(password, os.environ.get("PGPASSWORD", ""))
        self.screen.click(self.button("TransferWizard", "Test Connection"))
        self.label("TransferWizard", "Connected: PostgreSQL")
        self.shot("transfer-target")
        self.wizard_next()
        # Tables and types as planned; then the DDL preview; then the run.
        self.label("TransferWizard", "Tables and types", timeout=60)
        self.wizard_next(timeout=60)
        self.wizard_next("Start Transfer", timeout=60)
        self.label("TransferWizard", "Transferring", timeout=30)
        self.wizard_next(timeout=180)  # enabled once the run finished
        verified = self.label("TransferWizard", "tables verified", timeout=30)
        self.shot("transfer-verified")
        log("  " + verified["text"])
        rows = psql("SELECT count(*) FROM customers", db="strata_e2e_target")
        con = sqlite3.connect(self.demo_db)
        expected = con.execute("SELECT count(*) FROM customers").fetchone()[0]
        con.close()
        assert int(rows) == expected > 0, (rows, expected)
        # The history moved natively: the target knows its version.
        moved = current_version(self.pg_url("strata_e2e_target"))
        assert moved == "8", (moved, psql("SELECT string_agg(table_name, ' ') FROM information_schema.tables WHERE table_schema = 'public'", db="strata_e2e_target"))
        self.screen.click(self.button("TransferWizard", "Finish"))
        self.screen.wait("the wizard to close",
                         lambda: self.screen.window(cls="TransferWizard") is None, 10)

    @staticmethod
    def pg_url(db):
        host = os.environ.get("PGHOST", "localhost")
        if host.startswith("/"):
            host = "localhost"
        return "postgresql://%s:%s@%s:%s/%s" % (
            os.environ.get("PGUSER", "postgres"), os.environ.get("PGPASSWORD", ""), host,
            os.environ.get("PGPORT", "5432"), db)

    def export_report(self):
        self.step("export a report (Ctrl+E)")
        self.focus_main()
        self.screen.key("ctrl+e")
        self.window("QFileDialog")
        report = os.path.join(self.tmp, "state-report.html")
        self.type_into(self.field("QFileDialog", name="fileNameEdit"), report)
        self.screen.key("Return")
        saved = self.screen.wait("the 'Report Saved' note", lambda: next(
            (w for w in self.screen.windows() if w["name"] == "reportSaved"), None), 30)
        assert any(report in x.get("text", "") for x in Screen.widgets(saved, kind="label")), saved
        self.shot("report-saved")
        with open(report, encoding="utf-8") as f:
            html = f.read()
        for part in ("Add customer phone", "Create product reviews", "demo.db"):
            assert part in html, f"the report lacks {part!r}"
        self.screen.click(next(b for b in Screen.widgets(saved, kind="button") if b["text"] == "Close"))
        self.screen.wait("the note to close", lambda: not any(
            w["name"] == "reportSaved" for w in self.screen.windows()), 10)

    def quit(self):
        self.step("quit (Ctrl+Q)")
        self.focus_main()
        self.screen.key("ctrl+q")
        try:
            self.app.wait(15)
        except subprocess.TimeoutExpired:
            self.screen.dump()
            raise AssertionError("the app did not quit on Ctrl+Q")
        assert self.app.returncode == 0, self.app.returncode

    def close(self):
        if self.app and self.app.poll() is None:
            self.app.kill()
        log(open(os.path.join(self.tmp, "app.log")).read()[-3000:])
        shutil.rmtree(self.tmp, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--app", required=True)
    p.add_argument("--cli", required=True)
    p.add_argument("--migrations", required=True)
    p.add_argument("--screenshots", help="save a screenshot of each step here")
    args = p.parse_args()
    if not os.environ.get("DISPLAY"):
        sys.exit("desktop_e2e: needs an X server (run it under xvfb-run)")
    if shutil.which("xdotool") is None:
        sys.exit("desktop_e2e: needs xdotool (scripts/setup installs it)")
    global CLI, FOLDER
    CLI = os.path.abspath(args.cli)
    run = Run(args)
    FOLDER = run.folder
    ok = False
    try:
        run.start()
        run.open_demo()
        run.dry_run()
        run.migrate()
        run.roll_back()
        run.compare()
        run.transfer()
        run.export_report()
        run.quit()
        ok = True
    finally:
        run.close()
    log("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
