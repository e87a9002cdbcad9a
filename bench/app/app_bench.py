#!/usr/bin/python3
"""Desktop client benchmark: the `flint` app against Psi, on one private flint-server.

Run through bench/run-app-bench.sh, which builds, installs what is missing and calls this with
the paths. Everything runs on 127.0.0.1 and under a private Xvfb, D-Bus session and keyring; every
process started here is stopped on exit.

Measured for each client:
  startup   process start → main window mapped AND roster result handed to the client AND the
            client's initial presence sent (the latest of the three), for an account with
            --contacts contacts of which --online are online; one unmeasured warm-up start, then
            the median of --runs starts with the same profile.
  memory    VmRSS and PSS (/proc) 5 s after such a login, and after --messages chat messages from
            --peers contacts (one conversation each, round robin, --rate per second), every
            conversation then shown once, and the process idle again.

Times come from CLOCK_MONOTONIC: the process start is taken just before exec, window maps from an
`xev -root` watching map events, roster and presence from bench/app/xmpp-tap.py, a STARTTLS relay
between the client and the server that timestamps the stanzas.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEMO_DATA = os.path.join(ROOT, "scripts", "demo-data.py")
TAP = os.path.join(HERE, "xmpp-tap.py")
PYTHON = "/usr/bin/python3"
DOMAIN = "bench.test"
USER = "boss"
PASSWORD = "bench password 1"
CONTACT_PASSWORD = "bench password 2"
PSI_NS = "http://psi-im.org/options"


def log(*words):
    print("[app-bench %s]" % time.strftime("%H:%M:%S"), *words, file=sys.stderr, flush=True)


def now_ns():
    return time.monotonic_ns()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    return condition()


class Processes:
    """Every child started here, stopped in reverse order on exit (SIGTERM, then SIGKILL)."""

    def __init__(self):
        self.children = []

    def start(self, name, argv, log_path, env=None, stdin=None, stdout=None):
        handle = open(log_path, "ab")
        process = subprocess.Popen(argv, env=env, stdin=stdin or subprocess.DEVNULL,
                                   stdout=stdout or handle, stderr=handle,
                                   start_new_session=True)
        self.children.append((name, process))
        return process

    def stop(self, process, timeout=15):
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait(10)
        self.children = [(n, p) for n, p in self.children if p is not process]

    def stop_all(self):
        for _name, process in reversed(list(self.children)):
            self.stop(process, timeout=10)


def proc_status(pid):
    values = {}
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
        with open("/proc/%d/smaps_rollup" % pid) as rollup:
            for line in rollup:
                key, _, rest = line.partition(":")
                if key == "Pss":
                    values["Pss"] = int(rest.split()[0])
    except (OSError, ValueError):
        pass
    return values  # KiB


def cpu_seconds(pid):
    try:
        with open("/proc/%d/stat" % pid) as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


class MapWatcher:
    """Top-level windows as they are mapped: (CLOCK_MONOTONIC ns, window id), from `xev -root`."""

    def __init__(self, processes, display, log_path):
        self.display = display
        self.maps = []
        self.pids = {}  # (map time, window) -> pid, looked up once
        self.lock = threading.Lock()
        env = dict(os.environ, DISPLAY=display)
        self.process = processes.start("xev", ["stdbuf", "-oL", "xev", "-root", "-event",
                                               "substructure"], log_path, env=env,
                                       stdout=subprocess.PIPE)
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        pattern = re.compile(rb"^MapNotify event.*")
        window = re.compile(rb"\bwindow (0x[0-9a-f]+)")
        expect = False
        for line in self.process.stdout:
            stamp = now_ns()
            if pattern.match(line):
                expect = True
            elif expect:
                found = window.search(line)
                if found:
                    with self.lock:
                        self.maps.append((stamp, int(found.group(1), 16)))
                    expect = False

    def owned(self, start_ns, pid):
        """Windows of process `pid` mapped since `start_ns`, oldest first."""
        found = []
        for stamp, window in self.since(start_ns):
            # X reuses window ids for later clients, so the key is the map event.
            if (stamp, window) not in self.pids:
                self.pids[stamp, window] = self.window_pid(window)
            if self.pids[stamp, window] == pid:
                found.append((stamp, window))
        return found

    def since(self, start_ns):
        with self.lock:
            return [(t, w) for t, w in self.maps if t >= start_ns]

    def window_name(self, window):
        result = subprocess.run(["xdotool", "getwindowname", str(window)],
                                env=dict(os.environ, DISPLAY=self.display), capture_output=True,
                                text=True)
        return result.stdout.strip()

    def window_pid(self, window):
        result = subprocess.run(["xdotool", "getwindowpid", str(window)],
                                env=dict(os.environ, DISPLAY=self.display), capture_output=True,
                                text=True)
        try:
            return int(result.stdout.strip())
        except ValueError:
            return None


def read_events(path, start_ns=0):
    """The tap's events after `start_ns`: list of (ns, connection, event, {fields})."""
    events = []
    try:
        with open(path) as handle:
            for line in handle:
                parts = line.split()
                if len(parts) < 3 or int(parts[0]) < start_ns:
                    continue
                fields = dict(p.split("=", 1) for p in parts[3:] if "=" in p)
                events.append((int(parts[0]), int(parts[1]), parts[2], fields))
    except OSError:
        pass
    return events


# ---------------------------------------------------------------------------------------------
# The clients


class Client:
    name = ""
    window_title = None  # regex of the main window's title

    def __init__(self, bench, tap_port):
        self.bench = bench
        self.tap_port = tap_port
        self.profile = os.path.join(bench.work, "profile-" + self.name)

    def prepare(self):
        raise NotImplementedError

    def argv(self):
        raise NotImplementedError

    def env(self):
        return dict(self.bench.session_env)

    chat_title = None  # regex of the chat window's title; None: the last other window mapped

    def next_tab_keys(self):
        return "ctrl+Tab"

    def reveal_chats(self, run):
        """Makes the chat window visible if incoming messages did not."""


class FlintClient(Client):
    name = "flint"
    window_title = r"^Flint — "
    chat_title = r" — Flint$"

    def prepare(self):
        os.makedirs(self.profile, exist_ok=True)
        with open(os.path.join(self.profile, "flint.ini"), "w") as ini:
            ini.write("[login]\nusername=%s\nserver=%s\nhost=127.0.0.1\nport=%d\n"
                      "rememberPassword=true\nautoLogin=true\n" % (USER, DOMAIN, self.tap_port))
        with open(os.path.join(self.profile, "pinned-certificates"), "w") as pins:
            pins.write("%s@%s %s\n" % (USER, DOMAIN, self.bench.fingerprint))
        # The password in the private Secret Service keyring, where QtKeychain looks for it:
        # libsecret schema org.qt.keychain, user = the account, server = the app's service name.
        # The keyring creates its login collection a moment after it daemonized.
        def store():
            return subprocess.run(["secret-tool", "store", "--label=Flint %s@%s" % (USER, DOMAIN),
                                   "user", "%s@%s" % (USER, DOMAIN), "server", "Flint", "type",
                                   "plaintext"], input=PASSWORD.encode(),
                                  env=self.bench.session_env, capture_output=True,
                                  timeout=30).returncode == 0

        if not wait_until(store, 20, 0.5):
            raise RuntimeError("could not store the password in the keyring")

    def argv(self):
        return [self.bench.options.flint, "--profile", self.profile]

    def reveal_chats(self, run):
        # flint adds a tab per incoming conversation without showing a hidden chat window; the
        # user opens it from the roster: Ctrl+F, the first peer's name, Enter.
        env = dict(os.environ, DISPLAY=self.bench.display)
        steps = [["windowfocus", "--sync", str(run["window_id"])], ["key", "ctrl+f"],
                 ["type", "--delay", "20", "Colleague 0000"], ["key", "Return"]]
        for step in steps:
            subprocess.run(["xdotool", *step], env=env, timeout=10)
            time.sleep(0.3)

    def env(self):
        env = dict(self.bench.session_env)
        env["QT_QPA_PLATFORM"] = "xcb"
        return env


def encode_psi_password(password, key):
    # Psi's account file obfuscation: UTF-16 code units XOR the JID, as 4 hex digits each.
    return "".join("%04x" % (ord(c) ^ ord(key[i % len(key)])) for i, c in enumerate(password))


class PsiClient(Client):
    name = "psi"
    window_title = r"^Psi$"

    def prepare(self):
        profile = os.path.join(self.profile, "profiles", "default")
        os.makedirs(profile, exist_ok=True)
        jid = "%s@%s" % (USER, DOMAIN)
        account_id = "{%s}" % uuid.UUID(int=1)
        settings = [
            ("id", "QString", account_id), ("jid", "QString", jid),
            ("password", "QString", encode_psi_password(PASSWORD, jid)),
            ("name", "QString", "Bench"), ("enabled", "bool", "true"),
            ("auto", "bool", "true"),  # connect at start-up
            ("use-host", "bool", "true"), ("host", "QString", "127.0.0.1"),
            ("port", "int", str(self.tap_port)), ("ssl", "QString", "yes"),  # STARTTLS required
            ("ignore-SSL-warnings", "bool", "true"), ("reconn", "bool", "false"),
            ("resource", "QString", "Psi"), ("automatic-resource", "bool", "false"),
            ("log", "bool", "true"), ("last-status", "QString", "online"),
        ]
        root = ET.Element("accounts", {"version": "1.5", "xmlns": PSI_NS})
        account = ET.SubElement(ET.SubElement(root, "accounts"), "a0")
        for key, kind, value in settings:
            ET.SubElement(account, key, {"type": kind}).text = value
        ET.SubElement(ET.SubElement(root, "order", {"type": "QStringList"}), "item").text = \
            account_id
        ET.ElementTree(root).write(os.path.join(profile, "accounts.xml"), encoding="utf-8",
                                   xml_declaration=True)

        # Psi's own defaults (it writes them on its first start) with what automation needs.
        first = os.path.join(self.bench.work, "psi-defaults")
        env = dict(self.env(), PSIDATADIR=first)
        process = self.bench.processes.start("psi-defaults", ["psi"],
                                             os.path.join(self.bench.work, "psi-defaults.log"),
                                             env=env)
        options_path = os.path.join(first, "profiles", "default", "options.xml")
        written = wait_until(lambda: os.path.exists(options_path) and
                             os.path.getsize(options_path) > 10000, 30, 0.2)
        time.sleep(0.5)
        self.bench.processes.stop(process)
        if not written:
            raise RuntimeError("Psi did not write its default options")
        ET.register_namespace("", PSI_NS)
        tree = ET.parse(options_path)
        changes = {
            "options.ui.tip.show": "false",  # no tip-of-the-day dialog
            "options.ui.chat.auto-popup": "true",  # incoming chats open at once
            "options.ui.message.auto-popup": "true",
            "options.ui.tabs.use-tabs": "true",  # one tabbed chat window, as flint has
            "options.auto-update.check-on-startup": "false",
            "options.ui.notifications.sounds.enable": "false",
            "options.p2p.bytestreams.listen-port": "0",  # no fixed file-transfer port
        }
        for path, value in changes.items():
            element = tree.getroot()
            for part in path.split("."):
                element = element.find("{%s}%s" % (PSI_NS, part))
                if element is None:
                    raise RuntimeError("Psi has no option " + path)
            element.text = value
        tree.write(os.path.join(profile, "options.xml"), encoding="utf-8", xml_declaration=True)
        certs = os.path.join(self.profile, "certs")
        os.makedirs(certs, exist_ok=True)
        shutil.copy(self.bench.cert, os.path.join(certs, "bench.pem"))

    def argv(self):
        return ["psi"]

    def env(self):
        env = dict(self.bench.session_env)
        env["PSIDATADIR"] = self.profile
        env["QT_QPA_PLATFORM"] = "xcb"
        return env


CLIENTS = {"flint": FlintClient, "psi": PsiClient}


# ---------------------------------------------------------------------------------------------


class Bench:
    def __init__(self, options):
        self.options = options
        self.processes = Processes()
        self.work = options.work or tempfile.mkdtemp(prefix="flint-app-bench.")
        os.makedirs(self.work, exist_ok=True)
        self.results = {}

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    # -- fixture --------------------------------------------------------------------------

    def make_certificate(self):
        self.cert, self.key = self.path("cert.pem"), self.path("key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7",
                        "-subj", "/CN=" + DOMAIN, "-addext", "subjectAltName=DNS:" + DOMAIN,
                        "-keyout", self.key, "-out", self.cert], check=True,
                       capture_output=True, timeout=60)
        output = subprocess.run(["openssl", "x509", "-in", self.cert, "-noout", "-fingerprint",
                                 "-sha256"], check=True, capture_output=True, text=True).stdout
        self.fingerprint = output.strip().split("=", 1)[1].upper()

    def start_server(self):
        self.port = free_port()
        self.config = self.path("flint-server.ini")
        with open(self.config, "w") as ini:
            ini.write(f"""[server]
domain = "{DOMAIN}"
listen = "127.0.0.1:{self.port}"
data_dir = "{self.path('server')}"
log_level = "warning"

[tls]
certificate = "{self.cert}"
private_key = "{self.key}"

[limits]
connections_per_ip = "100000"
stanzas_per_second = "100000"
stanza_burst = "100000"
offline_quota = "100000"
""")
        self.server = self.processes.start("flint-server", [self.options.server, "--config",
                                                            self.config], self.path("server.log"))

        def listening():
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return True
            except OSError:
                return self.server.poll() is not None and "exited"

        if wait_until(listening, 60, 0.2) is not True:
            raise RuntimeError("flint-server did not start: " +
                               open(self.path("server.log")).read()[-2000:])
        log("flint-server on 127.0.0.1:%d (pid %d)" % (self.port, self.server.pid))

    def demo_data(self, *args):
        return [PYTHON, DEMO_DATA, *args, "--port", str(self.port), "--domain", DOMAIN,
                "--me", USER, "--me-password", PASSWORD, "--password", CONTACT_PASSWORD]

    def populate(self):
        started = time.monotonic()
        result = subprocess.run(self.demo_data("bench-setup", "--contacts",
                                               str(self.options.contacts), "--server-config",
                                               self.config, "--server", self.options.server),
                                capture_output=True, text=True, timeout=900)
        with open(self.path("bench-setup.log"), "w") as out:
            out.write(result.stdout + result.stderr)
        if result.returncode != 0:
            raise RuntimeError("bench-setup failed: " + result.stderr[-2000:])
        self.results["setup_seconds"] = round(time.monotonic() - started, 1)
        log("%d contacts in the roster, both ways, in %.0f s" %
            (self.options.contacts, time.monotonic() - started))
        online_out = self.path("bench-online.out")
        self.online = self.processes.start(
            "bench-online", self.demo_data("bench-online", "--online", str(self.options.online)),
            self.path("bench-online.log"), stdout=open(online_out, "wb"))
        if not wait_until(lambda: "READY" in open(online_out).read() or
                          self.online.poll() is not None, 600, 0.5) or \
                self.online.poll() is not None:
            raise RuntimeError("bench-online failed: " +
                               open(self.path("bench-online.log")).read()[-2000:])
        log("%d contacts online" % self.options.online)

    def start_session(self):
        """Xvfb on a free display, a private D-Bus session with an unlocked gnome-keyring."""
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                                 "1600x1200x24", "-nolisten", "tcp", "-dpi", "96"],
                                pass_fds=(write_end,), stdout=subprocess.DEVNULL,
                                stderr=open(self.path("xvfb.log"), "wb"), start_new_session=True)
        self.processes.children.append(("Xvfb", xvfb))
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.display = ":" + number
        runtime = self.path("runtime")
        os.makedirs(runtime, mode=0o700, exist_ok=True)
        home = self.path("home")
        os.makedirs(home, exist_ok=True)
        bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--nopidfile",
                              "--print-address=1", "--print-pid=1",
                              "--address=unix:path=%s/bus" % runtime],
                             capture_output=True, text=True, timeout=30, check=True)
        address, pid = bus.stdout.split()[:2]
        self.bus_pid = int(pid)
        self.session_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "LANG": "C.UTF-8",
            "DISPLAY": self.display, "XDG_RUNTIME_DIR": runtime,
            "DBUS_SESSION_BUS_ADDRESS": address,
        }
        keyring = subprocess.run(["gnome-keyring-daemon", "--unlock", "--daemonize",
                                  "--components=secrets"], input=b"bench keyring\n",
                                 env=self.session_env, capture_output=True, timeout=30,
                                 check=True)
        self.keyring_pid = None
        for line in keyring.stdout.decode().splitlines():
            if line.startswith("GNOME_KEYRING_PID="):
                self.keyring_pid = int(line.split("=", 1)[1])
        self.maps = MapWatcher(self.processes, self.display, self.path("xev.log"))
        log("Xvfb on %s, D-Bus session and keyring ready" % self.display)

    def stop_session(self):
        for pid in (getattr(self, "keyring_pid", None), getattr(self, "bus_pid", None)):
            if pid:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass

    # -- runs -----------------------------------------------------------------------------

    def start_tap(self, client, tag):
        events = self.path("events-%s-%s.log" % (client.name, tag))
        tap_log = self.path("tap-%s-%s.log" % (client.name, tag))
        tap = self.processes.start("tap", [PYTHON, TAP, "--listen", str(client.tap_port),
                                           "--upstream", str(self.port), "--cert", self.cert,
                                           "--key", self.key, "--events", events], tap_log)
        if not wait_until(lambda: "listening" in open(tap_log).read(), 20, 0.05):
            raise RuntimeError("the tap did not start")
        return tap, events

    def main_window(self, client, process, start_ns):
        for stamp, window in self.maps.owned(start_ns, process.pid):
            if re.search(client.window_title, self.maps.window_name(window)):
                return stamp, window
        return None

    def start_client(self, client, tag, timeout=90):
        """Starts the client and waits until it is usable; returns the run's figures."""
        tap, events = self.start_tap(client, tag)
        start = now_ns()
        process = self.processes.start(client.name, client.argv(),
                                       self.path("%s-%s.log" % (client.name, tag)),
                                       env=client.env())
        run = {"tap": tap, "events": events, "process": process, "start": start}
        deadline = time.monotonic() + timeout
        seen = {}
        while time.monotonic() < deadline and process.poll() is None:
            if "window" not in seen:
                found = self.main_window(client, process, start)
                if found:
                    seen["window"], run["window_id"] = found
            for stamp, _conn, event, fields in read_events(events):
                if event == "roster-result" and "roster" not in seen:
                    seen["roster"] = stamp
                    run["roster_items"] = int(fields.get("items", 0))
                elif event == "initial-presence" and "presence" not in seen:
                    seen["presence"] = stamp
                elif event == "presence-in" and int(fields["n"]) >= self.options.online:
                    seen.setdefault("all_presences", stamp)
            if all(k in seen for k in ("window", "roster", "presence", "all_presences")):
                break
            time.sleep(0.02)
        missing = [k for k in ("window", "roster", "presence") if k not in seen]
        if missing:
            raise RuntimeError("%s %s: no %s within %d s (exit status %s); see %s" %
                               (client.name, tag, ", ".join(missing), timeout, process.poll(),
                                self.work))

        def ms(key):
            return round((seen[key] - start) / 1e6, 1) if key in seen else None

        run.update(window_ms=ms("window"), roster_ms=ms("roster"), presence_ms=ms("presence"),
                   all_presences_ms=ms("all_presences"))
        run["usable_ms"] = max(run["window_ms"], run["roster_ms"], run["presence_ms"])
        return run

    def stop_client(self, run):
        self.processes.stop(run["process"], timeout=20)
        self.processes.stop(run["tap"])

    def startup_run(self, client, tag):
        run = self.start_client(client, tag)
        time.sleep(self.options.settle)
        memory = proc_status(run["process"].pid)
        self.stop_client(run)
        log("%s %s: usable %.0f ms (window %.0f, roster %.0f, presence %.0f, all %d presences %s "
            "ms), RSS %.1f MiB" %
            (client.name, tag, run["usable_ms"], run["window_ms"], run["roster_ms"],
             run["presence_ms"], self.options.online, run["all_presences_ms"],
             memory.get("VmRSS", 0) / 1024))
        time.sleep(1)
        return {k: run[k] for k in ("usable_ms", "window_ms", "roster_ms", "presence_ms",
                                    "all_presences_ms", "roster_items")} | \
            {"rss_kib": memory.get("VmRSS"), "pss_kib": memory.get("Pss")}

    def startup(self, clients):
        """A warm-up start of each client, then --runs starts of each, alternating, so that other
        load on the machine falls on both alike."""
        for client in clients:
            self.startup_run(client, "warmup")
        for index in range(1, self.options.runs + 1):
            for client in clients:
                self.results[client.name]["startup"].append(
                    self.startup_run(client, "run%d" % index))

    def show_every_conversation(self, client, run):
        """Brings each chat tab to the front once (the chat window focused, next-tab key)."""
        env = dict(os.environ, DISPLAY=self.display)
        client.reveal_chats(run)
        time.sleep(1)
        windows = [w for _t, w in self.maps.owned(run["start"], run["process"].pid)
                   if w != run.get("window_id")]
        if client.chat_title:
            windows = [w for w in windows
                       if re.search(client.chat_title, self.maps.window_name(w))]
        if not windows:
            log("%s: no chat window was mapped" % client.name)
            return {"chat_windows": 0}
        chat = windows[-1]
        subprocess.run(["xdotool", "windowfocus", "--sync", str(chat)], env=env, timeout=10)
        titles = set()  # both clients title the chat window after the current conversation
        for _ in range(self.options.peers):
            subprocess.run(["xdotool", "key", "--clearmodifiers", client.next_tab_keys()],
                           env=env, timeout=10)
            time.sleep(self.options.tab_dwell)
            titles.add(self.maps.window_name(chat))
        return {"chat_windows": len(windows), "tab_titles_seen": len(titles),
                "geometry": {"main": self.geometry(run.get("window_id")),
                             "chat": self.geometry(chat)}}

    def geometry(self, window):
        if not window:
            return None
        result = subprocess.run(["xdotool", "getwindowgeometry", str(window)],
                                env=dict(os.environ, DISPLAY=self.display), capture_output=True,
                                text=True)
        found = re.search(r"Geometry: (\d+x\d+)", result.stdout)
        return found.group(1) if found else None

    def wait_idle(self, pid, timeout=300):
        """Until the process used under 2 % of a core for 3 s in a row."""
        quiet = 0
        last = cpu_seconds(pid)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and quiet < 3:
            time.sleep(1)
            current = cpu_seconds(pid)
            if current is None:
                return False
            quiet = quiet + 1 if current - last < 0.02 else 0
            last = current
        return quiet >= 3

    def memory(self, client):
        run = self.start_client(client, "memory")
        pid = run["process"].pid
        time.sleep(self.options.settle)
        login = proc_status(pid)
        cpu_before = cpu_seconds(pid)
        self.screenshot("%s-after-login" % client.name)
        log("%s: after login RSS %.1f MiB, PSS %.1f MiB; sending %d messages from %d peers" %
            (client.name, login.get("VmRSS", 0) / 1024, login.get("Pss", 0) / 1024,
             self.options.messages, self.options.peers))
        started = time.monotonic()
        send = subprocess.run(self.demo_data("bench-send", "--peers", str(self.options.peers),
                                             "--messages", str(self.options.messages), "--rate",
                                             str(self.options.rate)),
                              capture_output=True, text=True, timeout=3600)
        with open(self.path("bench-send-%s.log" % client.name), "w") as out:
            out.write(send.stdout + send.stderr)
        if send.returncode != 0:
            raise RuntimeError("bench-send failed: " + send.stderr[-2000:])

        def delivered():
            counts = [int(f["n"]) for _t, _c, e, f in read_events(run["events"])
                      if e == "message-in"]
            return max(counts, default=0)

        wait_until(lambda: delivered() >= self.options.messages, 120, 0.5)
        received = delivered()
        send_seconds = time.monotonic() - started
        self.wait_idle(pid)
        shown = self.show_every_conversation(client, run)
        idle = self.wait_idle(pid)
        time.sleep(self.options.settle)
        after = proc_status(pid)
        cpu_after = cpu_seconds(pid)
        self.screenshot("%s-after-workload" % client.name)
        # The tap's counts are written when the connection closes.
        self.stop_client(run)
        log("%s: %d messages handed over in %.0f s; after the workload RSS %.1f MiB, PSS %.1f "
            "MiB (idle: %s); conversations shown: %s" %
            (client.name, received, send_seconds, after.get("VmRSS", 0) / 1024,
             after.get("Pss", 0) / 1024, idle, shown))
        return {"login_rss_kib": login.get("VmRSS"), "login_pss_kib": login.get("Pss"),
                "after_rss_kib": after.get("VmRSS"), "after_pss_kib": after.get("Pss"),
                "peak_rss_kib": after.get("VmHWM"), "messages_delivered": received,
                "workload_cpu_s": round(cpu_after - cpu_before, 1) if cpu_after else None,
                "idle": idle} | shown

    def screenshot(self, name):
        """The whole screen as PNG in --screenshots DIR (taken after the readings it follows)."""
        if not self.options.screenshots:
            return
        os.makedirs(self.options.screenshots, exist_ok=True)
        subprocess.run(["import", "-window", "root",
                        os.path.join(self.options.screenshots, name + ".png")],
                       env=dict(os.environ, DISPLAY=self.display), capture_output=True,
                       timeout=60)

    # -- report ---------------------------------------------------------------------------

    def versions(self):
        def first_line(argv):
            try:
                return subprocess.run(argv, capture_output=True, text=True,
                                      timeout=20).stdout.strip().splitlines()[0]
            except (OSError, IndexError, subprocess.TimeoutExpired):
                return "?"

        psi = first_line(["dpkg-query", "-W", "-f=${Version}", "psi"])
        return {"psi": psi, "cores": os.cpu_count(), "load": os.getloadavg()}

    def report(self):
        clients = [c for c in self.options.clients.split() if c in self.results]

        def median(client, key):
            values = [r[key] for r in self.results[client]["startup"] if r.get(key) is not None]
            return statistics.median(values) if values else None

        def mib(value):
            return "%.1f" % (value / 1024) if value else "n/a"

        def fmt(value):
            return "%.0f" % value if value is not None else "n/a"

        rows = [
            ("Startup to usable roster window, median ms", lambda c: fmt(median(c, "usable_ms"))),
            ("… fastest / slowest run ms", lambda c: "%s / %s" % (
                fmt(min(r["usable_ms"] for r in self.results[c]["startup"])),
                fmt(max(r["usable_ms"] for r in self.results[c]["startup"])))),
            ("… main window mapped, median ms", lambda c: fmt(median(c, "window_ms"))),
            ("… roster received (%d items), median ms" % self.options.contacts,
             lambda c: fmt(median(c, "roster_ms"))),
            ("… initial presence sent, median ms", lambda c: fmt(median(c, "presence_ms"))),
            ("… all %d presences received, median ms" % self.options.online,
             lambda c: fmt(median(c, "all_presences_ms"))),
            ("RSS after login (5 s), median MiB", lambda c: mib(median(c, "rss_kib"))),
            ("PSS after login (5 s), median MiB", lambda c: mib(median(c, "pss_kib"))),
        ]
        memory_rows = [
            ("RSS after login, memory run MiB", "login_rss_kib"),
            ("RSS after %d messages in %d conversations MiB" %
             (self.options.messages, self.options.peers), "after_rss_kib"),
            ("PSS after the workload MiB", "after_pss_kib"),
            ("Peak RSS (VmHWM) MiB", "peak_rss_kib"),
        ]
        lines = ["| | " + " | ".join(clients) + " |", "|---|" + "---:|" * len(clients)]
        for title, value in rows:
            lines.append("| %s | %s |" % (title, " | ".join(value(c) for c in clients)))
        for title, key in memory_rows:
            lines.append("| %s | %s |" % (title, " | ".join(
                mib(self.results[c].get("memory", {}).get(key)) for c in clients)))
        lines.append("| Messages handed to the client | %s |" % " | ".join(
            str(self.results[c].get("memory", {}).get("messages_delivered", "n/a"))
            for c in clients))
        lines.append("| Client CPU s during the workload | %s |" % " | ".join(
            str(self.results[c].get("memory", {}).get("workload_cpu_s", "n/a"))
            for c in clients))
        return "\n".join(lines)

    def run(self):
        self.make_certificate()
        self.start_server()
        self.populate()
        self.start_session()
        clients = [CLIENTS[name](self, free_port()) for name in self.options.clients.split()]
        for client in clients:
            client.prepare()
            self.results[client.name] = {"startup": []}
        self.startup(clients)
        if self.options.messages > 0:
            for client in clients:
                self.results[client.name]["memory"] = self.memory(client)
        self.results["machine"] = self.versions()
        with open(self.path("results.json"), "w") as out:
            json.dump(self.results, out, indent=1)
        print()
        print("flint vs Psi: %d contacts (%d online), %d starts each (median), %d messages from "
              "%d peers at %g/s; %d cores, load %.1f; %s" %
              (self.options.contacts, self.options.online, self.options.runs,
               self.options.messages, self.options.peers, self.options.rate, os.cpu_count(),
               os.getloadavg()[0], time.strftime("%Y-%m-%d %H:%M")))
        print()
        print(self.report())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flint", help="the flint binary")
    parser.add_argument("--server", required=True, help="the flint-server binary")
    parser.add_argument("--clients", default="flint psi")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--online", type=int, default=300)
    parser.add_argument("--peers", type=int, default=50)
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--rate", type=float, default=100)
    parser.add_argument("--settle", type=float, default=5, help="seconds after login before RSS")
    parser.add_argument("--tab-dwell", type=float, default=0.3)
    parser.add_argument("--screenshots", help="save screen pictures of the memory run here")
    parser.add_argument("--work", help="work directory (default: a new one in /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    options = parser.parse_args()

    bench = Bench(options)
    status = 0

    def interrupted(signum, _frame):
        raise KeyboardInterrupt(signum)

    signal.signal(signal.SIGTERM, interrupted)
    try:
        bench.run()
    except (RuntimeError, subprocess.SubprocessError, OSError) as error:
        log("failed:", error)
        status = 1
    except KeyboardInterrupt:
        log("interrupted")
        status = 130
    finally:
        bench.processes.stop_all()
        bench.stop_session()
        if options.keep or status != 0:
            log("work directory kept:", bench.work)
        else:
            shutil.rmtree(bench.work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
