"""Drives the running Strata app the way a person does: real X mouse and key events (xdotool),
aimed at what the app's probe file (STRATA_UI_PROBE) says is on screen. Nothing here calls
into the app; if a person could not click it, neither can the test."""

import json
import os
import shutil
import subprocess
import time


class Timeout(AssertionError):
    pass


class Screen:
    def __init__(self, probe_path, log=print):
        self.path = probe_path
        self.log = log

    # --- reading what is on screen -------------------------------------------------------
    def windows(self):
        for _ in range(20):
            try:
                with open(self.path, encoding="utf-8") as f:
                    return json.load(f)["windows"]
            except (OSError, ValueError):
                time.sleep(0.05)
        return []

    def window(self, title_part=None, cls=None):
        for w in self.windows():
            if title_part is not None and title_part not in w["title"]:
                continue
            if cls is not None and cls not in w["class"]:
                continue
            return w
        return None

    @staticmethod
    def widgets(window, kind=None, text=None, name=None, contains=None):
        out = []
        for x in window["widgets"] if window else []:
            if kind and x.get("kind") != kind:
                continue
            if name is not None and x.get("name") != name:
                continue
            if text is not None and x.get("text") != text:
                continue
            if contains is not None and contains not in x.get("text", ""):
                continue
            out.append(x)
        return out

    def wait(self, what, predicate, timeout=30.0):
        """Waits until predicate() returns something truthy; returns it."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = predicate()
            if found:
                return found
            time.sleep(0.15)
        self.dump()
        raise Timeout("timed out waiting for: " + what)

    def dump(self):
        for w in self.windows():
            self.log(f"window {w['class']} '{w['title']}' active={w['active']}")
            for x in w["widgets"]:
                extra = ""
                if x.get("kind") == "view":
                    extra = " rows=" + "; ".join(r["text"][:40] for r in x["rows"][:12])
                if x.get("kind") == "menu":
                    extra = " actions=" + ", ".join(a["text"] for a in x["actions"])
                if x.get("kind") == "tabs":
                    extra = " tabs=" + ", ".join(t["text"] for t in x["tabs"])
                self.log(f"   {x.get('kind')} {x['class']} name={x['name']!r} "
                         f"text={x.get('text', '')[:80]!r} enabled={x['enabled']}{extra}")

    # --- acting like a person ------------------------------------------------------------
    @staticmethod
    def xdo(*args):
        subprocess.run(["xdotool", *args], check=True)

    def click_rect(self, rect, double=False):
        x, y, w, h = rect
        self.xdo("mousemove", "--sync", str(x + w // 2), str(y + h // 2))
        time.sleep(0.05)
        self.xdo("click", "--repeat", "2" if double else "1", "1")
        time.sleep(0.15)

    def click(self, widget):
        if not widget.get("enabled", True):
            raise AssertionError(f"cannot click a disabled widget: {widget.get('text')}")
        x, y, w, h = widget["rect"]
        if widget.get("class") in ("QCheckBox", "QRadioButton"):
            # Only the box and its text take the click, not the row's empty right side.
            self.click_rect([x, y, 16, h])
        else:
            self.click_rect(widget["rect"])

    def key(self, *keys):
        for k in keys:
            self.xdo("key", "--clearmodifiers", k)
            time.sleep(0.1)

    def type(self, text):
        self.xdo("type", "--delay", "8", text)
        time.sleep(0.1)

    def shot(self, path):
        # The whole X screen, as a person sees it (ImageMagick's import, when installed).
        if shutil.which("import") is None:
            return
        subprocess.run(["import", "-window", "root", path], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
