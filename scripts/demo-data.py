#!/usr/bin/python3
"""Fills a running flint-server with demo or benchmark data, through XMPP and the server's CLI only.

Accounts are created with `flint-server --config CFG user add NAME` (skipped when they exist);
everything else (vCards, rosters, subscriptions, presence, messages) goes over XMPP with slixmpp,
many clients at once in one asyncio loop.

    demo-data.py --host H --port P --domain D --server-config CFG [MODE] [options]

Modes:
  demo            (default) twelve colleagues with vCards and avatars, mutually subscribed with
                  --me in the groups Engineering, Sales and Management; chat messages to --me sent
                  while it is offline (offline storage); one pending subscription request to --me
                  from a stranger. With --stay the colleagues then come online with their statuses
                  (available, away with text, busy, extended away) and stay until killed; when
                  --me comes online they deliver earlier messages stamped with yesterday's and this
                  morning's times (XEP-0203), so the transcript spans two days.
  bench-setup     --me (with a vCard) and --contacts accounts (contact0000…) in its roster,
                  subscription "both" both ways, in --groups groups.
  bench-online    the first --online contacts log in with available presence, print READY and stay
                  until killed (SIGTERM/SIGINT).
  bench-send      the first --peers contacts log in as a second resource (no presence) and send
                  --messages chat messages in total to --me, --rate per second at most; prints
                  DONE sent=N.

Every step has a bounded timeout; the exit status is 0 only when everything was done.
"""

import argparse
import asyncio
import datetime
import hashlib
import math
import os
import random
import shutil
import signal
import ssl
import struct
import subprocess
import sys
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout
from slixmpp.util.sasl import mechanisms
from slixmpp.xmlstream import ET


def _fast_scram_hi(self, text, salt, iterations):
    # slixmpp derives SCRAM keys in a Python loop (~40 ms for 4,096 iterations); a thousand
    # logins need the C implementation.
    key = text if isinstance(text, (bytes, bytearray)) else str(text).encode("utf-8")
    return hashlib.pbkdf2_hmac(self.hash().name, key, salt, iterations)


mechanisms.SCRAM.Hi = _fast_scram_hi

DEFAULT_PASSWORD = "flint demo colleague"
# scripts/screenshots.sh creates --me with this password; pass --me-password otherwise.
DEFAULT_ME_PASSWORD = "flint demo password"
COMPANY = "Northwind Systems"
DELAY_NS = "urn:xmpp:delay"


def log(*words):
    print("[demo-data %s]" % time.strftime("%H:%M:%S"), *words, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Demo people and conversations

class Person:
    def __init__(self, user, name, given, family, group, title, phone, show=None, status="",
                 avatar=True, latin=True):
        self.user = user
        self.name = name
        self.given = given
        self.family = family
        self.group = group
        self.title = title
        self.phone = phone
        self.show = show  # None: offline in --stay; "" available; away, dnd, xa, chat
        self.status = status
        self.avatar = avatar
        self.latin = latin


COLLEAGUES = [
    Person("anna.schmidt", "Anna Schmidt", "Anna", "Schmidt", "Engineering",
           "Senior Software Engineer", "+49 30 5550 1142", "", "Reviewing the 2.4 release branch"),
    Person("wang.fang", "王芳", "芳", "王", "Engineering", "测试主管", "+86 21 5550 2381",
           "away", "午饭，一点回来", latin=False),
    Person("li.wei", "李伟", "伟", "李", "Engineering", "后端开发工程师", "+86 21 5550 2390",
           "dnd", "开会中，15:00 后回复", latin=False),
    Person("james.carter", "James Carter", "James", "Carter", "Sales", "Account Manager",
           "+44 20 5550 0193", "", "Customer visit in Hamburg"),
    Person("chen.jing", "陈静", "静", "陈", "Sales", "大客户销售经理", "+86 10 5550 7732",
           "xa", "休假至周一", avatar=False, latin=False),
    Person("maria.garcia", "María García", "María", "García", "Sales", "Sales Engineer",
           "+34 91 555 0147"),
    Person("zhang.wei", "张伟", "伟", "张", "Management", "首席技术官", "+86 21 5550 2001", "",
           latin=False),
    Person("sophie.dubois", "Sophie Dubois", "Sophie", "Dubois", "Management", "Head of Product",
           "+33 1 5550 3388", "away", "Back at 3 pm"),
    Person("liu.yang", "刘洋", "洋", "刘", "Engineering", "运维工程师", "+86 21 5550 2417", "",
           "部署 v2.4 到生产环境", latin=False),
    Person("oliver.bennett", "Oliver Bennett", "Oliver", "Bennett", "Engineering",
           "Frontend Developer", "+44 20 5550 0177", avatar=False),
    Person("zhao.min", "赵敏", "敏", "赵", "Management", "人力资源经理", "+86 21 5550 2055", "dnd",
           "面试中", latin=False),
    Person("lars.nielsen", "Lars Nielsen", "Lars", "Nielsen", "Sales", "Pre-sales Consultant",
           "+45 33 55 50 12"),
]
STRANGER = Person("priya.sharma", "Priya Sharma", "Priya", "Sharma", "Marketing",
                  "Marketing Specialist", "+91 80 5550 4410")
ME = Person("me", "Alex Chen", "Alex", "Chen", "Engineering", "Engineering Team Lead",
            "+49 30 5550 1100")

# Sent while --me is offline: the server stores them and stamps them with the time of storage.
OFFLINE_MESSAGES = [
    ("anna.schmidt", "Morning! The 2.4 release branch is green again, I merged the fix for the "
                     "roster sorting."),
    ("anna.schmidt", "Could you review the changelog before I tag it? It's in the wiki."),
    ("wang.fang", "回归测试已经跑完了，只有两个已知问题。"),
    ("wang.fang", "报告我放在共享盘里了：QA/2.4/回归测试报告.pdf"),
    ("james.carter", "Quick one: can I promise Contoso the SSO feature for Q1? They're asking "
                     "again."),
    ("zhang.wei", "下午三点的架构评审改到四点，会议室不变。"),
    ("li.wei", "数据库迁移脚本我已经提交了，麻烦有空看一下 MR !482"),
]

# Delivered by --stay when --me comes online, stamped with earlier times (days_ago, hh, mm).
EARLIER_MESSAGES = [
    ("anna.schmidt", (1, 9, 12), "Hi Alex, do you have five minutes for the release plan today?"),
    ("anna.schmidt", (1, 9, 14), "I'd like to move the freeze to Thursday so QA gets a full "
                                 "week."),
    ("anna.schmidt", (1, 16, 40), "Thanks for the quick call. I've updated the plan: "
                                  "https://wiki.example.com/release/2.4"),
    ("wang.fang", (1, 10, 5), "李伟的补丁在测试环境里能复现那个超时问题吗？"),
    ("wang.fang", (1, 10, 7), "我这边每次上传超过 20 MB 的文件都会失败。"),
    ("james.carter", (1, 14, 30), "Contoso signed the renewal! 🎉 Drinks on me on Friday."),
    ("zhang.wei", (0, 8, 45), "早上好，今天的周会材料请在十点前发给我。"),
    ("sophie.dubois", (0, 8, 58), "Roadmap draft for H1 is in the shared folder — comments "
                                  "welcome before Friday."),
]


# ---------------------------------------------------------------------------------------------
# Avatars: PNG written with zlib and struct, so no imaging library is needed.

PALETTES = [
    ((0x4F, 0x8C, 0xF7), (0x7B, 0x5C, 0xE6)),
    ((0xF5, 0x8E, 0x52), (0xE8, 0x4A, 0x6B)),
    ((0x2B, 0xB6, 0x8F), (0x1C, 0x7E, 0xC2)),
    ((0xF2, 0xB1, 0x3C), (0xE0, 0x6C, 0x2E)),
    ((0x8E, 0x6C, 0xEF), (0xD3, 0x5D, 0xB5)),
    ((0x36, 0xB3, 0xC9), (0x3C, 0x6E, 0xD8)),
    ((0x6C, 0xC0, 0x5A), (0x1F, 0x9E, 0x85)),
    ((0xEF, 0x6F, 0x6C), (0xF2, 0xA6, 0x5A)),
]


def png_bytes(width, height, rows):
    """`rows`: one bytes object of RGB triples per row."""
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


SKIN = [(0xF6, 0xD3, 0xB3), (0xE8, 0xB9, 0x8F), (0xC6, 0x8B, 0x5E), (0x8D, 0x5A, 0x3B)]
HAIR = [(0x2B, 0x22, 0x1E), (0x5A, 0x3A, 0x24), (0x9A, 0x4B, 0x2A), (0xD8, 0xB0, 0x6A)]


def avatar_png(seed, size=128):
    """A flat head-and-shoulders portrait on a diagonal two-colour gradient, anti-aliased; skin,
    hair and shirt vary with `seed`."""
    rng = random.Random(seed)
    top, bottom = PALETTES[rng.randrange(len(PALETTES))]
    skin = SKIN[rng.randrange(len(SKIN))]
    hair = HAIR[rng.randrange(len(HAIR))]
    long_hair = rng.random() < 0.45
    shirt = tuple(int(c * 0.35 + 255 * 0.65) for c in bottom)
    k = size / 128.0

    def circle(x, y, cx, cy, r):
        return math.hypot(x - cx * k, y - cy * k) - r * k

    def box(x, y, x0, y0, x1, y1):
        dx = max(x0 * k - x, x - x1 * k, 0.0)
        dy = max(y0 * k - y, y - y1 * k, 0.0)
        inside = min(max(x0 * k - x, x - x1 * k, y0 * k - y, y - y1 * k), 0.0)
        return math.hypot(dx, dy) + inside

    def ellipse(x, y, cx, cy, rx, ry):
        return (math.hypot((x - cx * k) / rx, (y - cy * k) / ry) / k - 1.0) * min(rx, ry) * k

    # Back to front: (signed distance, colour); negative distance is inside.
    layers = []
    if long_hair:
        layers.append((lambda x, y: min(circle(x, y, 64, 52, 27), box(x, y, 37, 52, 91, 100)),
                       hair))
    layers.append((lambda x, y: ellipse(x, y, 64, 136, 46, 42), shirt))
    layers.append((lambda x, y: box(x, y, 56, 66, 72, 96), tuple(int(c * 0.9) for c in skin)))
    layers.append((lambda x, y: circle(x, y, 64, 54, 23), skin))
    # The fringe: the top of a slightly larger circle, cut by a gently tilted line.
    tilt = rng.uniform(-0.25, 0.25)
    layers.append((lambda x, y: max(circle(x, y, 64, 51, 25),
                                    (y - (45 + tilt * (x / k - 64)) * k)), hair))

    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            x, y = px + 0.5, py + 0.5
            t = (px + py) / (2.0 * (size - 1))
            colour = [top[i] + (bottom[i] - top[i]) * t for i in range(3)]
            for distance, fill in layers:
                alpha = min(1.0, max(0.0, 0.5 - distance(x, y)))
                if alpha > 0.0:
                    colour = [colour[i] + (fill[i] - colour[i]) * alpha for i in range(3)]
            row.extend(int(round(c)) for c in colour)
        rows.append(bytes(row))
    return png_bytes(size, size, rows)


# ---------------------------------------------------------------------------------------------
# Accounts through the CLI

def find_server_binary(explicit):
    if explicit:
        return explicit
    if os.environ.get("FLINT_SERVER"):
        return os.environ["FLINT_SERVER"]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    build = os.environ.get("FLINT_BUILD", os.path.join(root, "build"))
    candidates = [os.path.join(build, "server", "flint-server")]
    for entry in sorted(os.listdir(root)):
        if entry.startswith("build"):
            candidates.append(os.path.join(root, entry, "server", "flint-server"))
    existing = [path for path in candidates if os.access(path, os.X_OK)]
    if existing:
        return existing[0]
    return shutil.which("flint-server")


def create_accounts(binary, config, accounts, jobs=4):
    """`accounts`: {name: password}. Existing accounts are left alone (and keep their password)."""
    listing = subprocess.run([binary, "--config", config, "user", "list"], capture_output=True,
                             text=True, timeout=60)
    if listing.returncode != 0:
        raise RuntimeError("flint-server user list failed: " + listing.stderr.strip())
    existing = {line.split("@")[0] for line in listing.stdout.split()}
    missing = [name for name in accounts if name not in existing]

    def add(name):
        for _ in range(3):  # SQLite may be busy while the running server writes
            result = subprocess.run([binary, "--config", config, "user", "add", name],
                                    input=accounts[name] + "\n", capture_output=True, text=True,
                                    timeout=60)
            if result.returncode == 0:
                return None
            if "exist" in result.stderr.lower():
                return None
        return "%s: %s" % (name, result.stderr.strip())

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        errors = [error for error in pool.map(add, missing) if error]
    if errors:
        raise RuntimeError("user add failed: " + "; ".join(errors[:5]))
    return len(missing)


# ---------------------------------------------------------------------------------------------
# XMPP clients

def _loopback_tls_context(*_args, **_kwargs):
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class Client(slixmpp.ClientXMPP):
    def __init__(self, jid, password, plugins=()):
        # A private server with a self-signed certificate, on loopback: no CA store, whose loading
        # (twice per client in slixmpp) would cost more than the whole login.
        default_context = ssl.create_default_context
        ssl.create_default_context = _loopback_tls_context
        try:
            super().__init__(jid, password)
        finally:
            ssl.create_default_context = default_context
        self.ssl_context.check_hostname = False
        self.ssl_context.verify_mode = ssl.CERT_NONE
        # Subscriptions are answered explicitly, never automatically.
        self.roster.auto_authorize = None
        self.roster.auto_subscribe = False
        # The server pings sessions that are silent for idle_timeout (default 300 s).
        self.whitespace_keepalive_interval = 60
        self.register_plugin("xep_0199")
        for plugin in plugins:
            self.register_plugin(plugin)
        loop = asyncio.get_event_loop()
        self.started = loop.create_future()
        self.ended = loop.create_future()
        self.add_event_handler("session_start", self._on_session_start)
        self.add_event_handler("failed_all_auth", self._on_failed_auth)
        self.add_event_handler("disconnected", self._on_disconnected)

    def _on_session_start(self, _event):
        if not self.started.done():
            self.started.set_result(True)

    def _on_failed_auth(self, _event):
        if not self.started.done():
            self.started.set_exception(RuntimeError("authentication failed for %s" % self.boundjid))

    def _on_disconnected(self, _event):
        if not self.ended.done():
            self.ended.set_result(True)

    def get_ssl_context(self):
        return self.ssl_context

    async def sync(self, timeout=60):
        """Returns once the server has handled everything this client sent before."""
        await self["xep_0199"].send_ping(self.boundjid.domain, timeout=timeout)

    async def close(self, timeout=10):
        if not self.ended.done() and self.is_connected():
            self.disconnect()
            try:
                await asyncio.wait_for(asyncio.shield(self.ended), timeout)
            except asyncio.TimeoutError:
                self.abort()
        # slixmpp leaves its output filter task waiting forever.
        if self._run_out_filters is not None:
            self._run_out_filters.cancel()


async def log_in(client, options, timeout=60):
    client.connect(address=(options.host, options.port), force_starttls=True)
    try:
        await asyncio.wait_for(asyncio.shield(client.started), timeout)
    except asyncio.TimeoutError:
        client.abort()
        raise RuntimeError("%s did not log in within %d s" % (client.boundjid.bare, timeout))
    return client


async def gather_limited(coroutines, limit):
    """Runs the coroutines with at most `limit` at a time; raises the first failure."""
    semaphore = asyncio.Semaphore(limit)

    async def run(coroutine):
        async with semaphore:
            return await coroutine

    return await asyncio.gather(*(run(c) for c in coroutines))


def jid_of(user, options):
    return "%s@%s" % (user, options.domain)


def delay_element(stamp, origin):
    delay = ET.Element("{%s}delay" % DELAY_NS)
    delay.set("stamp", stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
    delay.set("from", origin)
    return delay


async def befriend(me, contacts, options, names, groups, limit=50, verbose=False):
    """Subscription "both" between `me` (online) and each contact (bare JIDs), in both rosters.

    The user's server keeps each request pending until it is answered, so nobody has to be online
    for a request to arrive: me asks everyone, each contact logs in once to approve and ask back,
    then me approves all of them."""
    me_jid = me.boundjid.bare
    started = time.monotonic()
    await gather_limited(
        (me.update_roster(jid, name=names[jid], groups=groups[jid], timeout=60)
         for jid in contacts), limit)
    for jid in contacts:
        me.send_presence(pto=jid, ptype="subscribe")
    await me.sync()
    if verbose:
        log("roster items and requests sent in %.1f s" % (time.monotonic() - started))

    async def approve_and_ask(jid, password):
        client = Client(jid, password)
        await log_in(client, options)
        try:
            client.send_presence(pto=me_jid, ptype="subscribed")
            client.send_presence(pto=me_jid, ptype="subscribe")
            await client.sync()
        finally:
            await client.close()

    await gather_limited((approve_and_ask(jid, password) for jid, password in contacts.items()),
                         limit)
    if verbose:
        log("%d contacts approved and asked back after %.1f s" %
            (len(contacts), time.monotonic() - started))
    for jid in contacts:
        me.send_presence(pto=jid, ptype="subscribed")
    await me.sync()


async def roster_of(client):
    # Not client.get_roster(): with roster versioning a second fetch answers with pushes only.
    request = client.Iq()
    request["type"] = "get"
    request.enable("roster")
    result = await request.send(timeout=60)
    return {str(jid): item["subscription"] for jid, item in result["roster"]["items"].items()}


# ---------------------------------------------------------------------------------------------
# demo

def vcard_for(client, person, options, with_avatar):
    vcard = client["xep_0054"].make_vcard()
    vcard["FN"] = person.name
    vcard["N"]["FAMILY"] = person.family
    vcard["N"]["GIVEN"] = person.given
    vcard["NICKNAME"] = person.given if person.latin else person.name
    vcard["ORG"]["ORGNAME"] = COMPANY
    vcard["ORG"]["ORGUNIT"] = person.group
    vcard["TITLE"] = person.title
    email = vcard["EMAIL"]
    email["WORK"] = True
    email["INTERNET"] = True
    email["USERID"] = "%s@%s" % (person.user, options.domain)
    tel = vcard["TEL"]
    tel["WORK"] = True
    tel["VOICE"] = True
    tel["NUMBER"] = person.phone
    photo = None
    if with_avatar:
        photo = avatar_png(person.user)
        vcard["PHOTO"]["TYPE"] = "image/png"
        vcard["PHOTO"]["BINVAL"] = photo
    return vcard, photo


async def publish_card(client, person, options):
    vcard, photo = vcard_for(client, person, options, person.avatar)
    await client["xep_0054"].publish_vcard(vcard, timeout=60)
    # XEP-0153: the presence announces the photo's hash.
    await client["xep_0153"].api["set_hash"](client.boundjid,
                                             args=hashlib.sha1(photo).hexdigest() if photo else "")


async def demo_setup(options):
    people = COLLEAGUES + [STRANGER]
    binary = find_server_binary(options.server)
    if options.server_config:
        if not binary:
            raise RuntimeError("flint-server not found; pass --server")
        accounts = {person.user: options.password for person in people}
        accounts[options.me] = options.me_password
        created = create_accounts(binary, options.server_config, accounts)
        log("accounts: %d created" % created)

    card_plugins = ("xep_0054", "xep_0153", "xep_0172")
    me = await log_in(Client(jid_of(options.me, options), options.me_password, card_plugins),
                      options)
    clients = await gather_limited(
        (log_in(Client(jid_of(p.user, options), options.password, card_plugins), options)
         for p in people), 20)
    by_user = {p.user: c for p, c in zip(people, clients)}
    try:
        me_card = Person(options.me, ME.name, ME.given, ME.family, ME.group, ME.title, ME.phone)
        await asyncio.gather(publish_card(me, me_card, options),
                             *(publish_card(by_user[p.user], p, options) for p in people))
        log("vCards published")

        # The colleagues' own rosters name the user; their clients are online already, so
        # befriend() logs them in a second time with another resource, which is harmless.
        contacts = {jid_of(p.user, options): options.password for p in COLLEAGUES}
        names = {jid_of(p.user, options): p.name for p in COLLEAGUES}
        groups = {jid_of(p.user, options): [p.group] for p in COLLEAGUES}
        await befriend(me, contacts, options, names, groups)
        await asyncio.gather(*(by_user[p.user].update_roster(
            jid_of(options.me, options), name=ME.name, groups=[p.group], timeout=60)
            for p in COLLEAGUES))
        subscriptions = await roster_of(me)
        missing = [jid for jid in contacts if subscriptions.get(jid) != "both"]
        if missing:
            raise RuntimeError("subscription not mutual for " + ", ".join(missing))
        log("%d contacts subscribed both ways" % len(contacts))
    finally:
        await me.close()

    try:
        stranger = by_user[STRANGER.user]
        stranger.send_presence(pto=jid_of(options.me, options), ptype="subscribe",
                               pnick=STRANGER.name)
        for user, body in OFFLINE_MESSAGES:
            by_user[user].send_message(mto=jid_of(options.me, options), mbody=body, mtype="chat")
            await by_user[user].sync()  # keeps the order of arrival
        log("%d offline messages and one subscription request for %s" %
            (len(OFFLINE_MESSAGES), options.me))
    finally:
        await asyncio.gather(*(c.close() for c in clients))


async def demo_stay(options, stop):
    """Colleagues online with their statuses until `stop` is set."""
    online = [p for p in COLLEAGUES if p.show is not None]
    me_bare = jid_of(options.me, options)
    history_sent = asyncio.Event()

    def send_history():
        if history_sent.is_set() or options.no_history:
            return
        history_sent.set()
        today = datetime.datetime.now().astimezone()
        for user, (days_ago, hour, minute), body in EARLIER_MESSAGES:
            local = (today - datetime.timedelta(days=days_ago)).replace(
                hour=hour, minute=minute, second=0, microsecond=0)
            stamp = local.astimezone(datetime.timezone.utc)
            if stamp >= datetime.datetime.now(datetime.timezone.utc):
                continue  # early in the morning: that message is still to come
            message = by_user[user].make_message(mto=me_bare, mbody=body, mtype="chat")
            message.append(delay_element(stamp, jid_of(user, options)))
            message.send()
        log("earlier messages delivered to", me_bare)

    def on_presence(presence):
        if presence["from"].bare == me_bare and presence["type"] in (
                "available", "away", "chat", "dnd", "xa"):
            # Once, and only after the login burst of the user's client is over.
            asyncio.get_event_loop().call_later(1.0, send_history)

    clients = [Client(jid_of(p.user, options), options.password, ("xep_0054", "xep_0153"))
               for p in online]
    by_user = {p.user: c for p, c in zip(online, clients)}
    for client in clients:
        client.add_event_handler("presence_available", on_presence)
    await gather_limited((log_in(c, options) for c in clients), 20)
    for person, client in zip(online, clients):
        # The avatars are generated deterministically, so the hash is that of the published one.
        photo_hash = hashlib.sha1(avatar_png(person.user)).hexdigest() if person.avatar else ""
        await client["xep_0153"].api["set_hash"](client.boundjid, args=photo_hash)
        client.send_presence(pshow=person.show or None, pstatus=person.status or None)
    print("READY", flush=True)
    log("%d colleagues online; waiting" % len(clients))
    await stop.wait()
    await asyncio.gather(*(c.close() for c in clients))


# ---------------------------------------------------------------------------------------------
# bench

def contact_user(index):
    return "contact%04d" % index


async def bench_setup(options):
    binary = find_server_binary(options.server)
    if options.server_config:
        if not binary:
            raise RuntimeError("flint-server not found; pass --server")
        accounts = {contact_user(i): options.password for i in range(options.contacts)}
        accounts[options.me] = options.me_password
        started = time.monotonic()
        created = create_accounts(binary, options.server_config, accounts)
        log("accounts: %d created in %.1f s" % (created, time.monotonic() - started))

    started = time.monotonic()
    me = await log_in(Client(jid_of(options.me, options), options.me_password, ("xep_0054",)),
                      options)
    try:
        # A user has a card; without one some clients open the card editor at login.
        card = me["xep_0054"].make_vcard()
        card["FN"] = "Bench User"
        card["ORG"]["ORGNAME"] = COMPANY
        await me["xep_0054"].publish_vcard(card, timeout=60)
        contacts = {jid_of(contact_user(i), options): options.password
                    for i in range(options.contacts)}
        names = {jid_of(contact_user(i), options): "Colleague %04d" % i
                 for i in range(options.contacts)}
        groups = {jid_of(contact_user(i), options): ["Department %02d" % (i % options.groups + 1)]
                  for i in range(options.contacts)}
        existing = await roster_of(me)
        todo = {jid: pw for jid, pw in contacts.items() if existing.get(jid) != "both"}
        await befriend(me, todo, options, names, groups, limit=options.concurrency, verbose=True)
        subscriptions = await roster_of(me)
        both = sum(1 for jid in contacts if subscriptions.get(jid) == "both")
    finally:
        await me.close()
    log("%d of %d contacts subscribed both ways (%d new) in %.1f s" %
        (both, len(contacts), len(todo), time.monotonic() - started))
    if both != len(contacts):
        raise RuntimeError("only %d of %d subscriptions are mutual" % (both, len(contacts)))


AWAY_TEXTS = ["In a meeting", "Lunch", "Working from home", "On a call", "午饭", "开会中"]


async def bench_online(options, stop):
    rng = random.Random(7)
    clients = [Client(jid_of(contact_user(i), options), options.password)
               for i in range(options.online)]
    started = time.monotonic()
    await gather_limited((log_in(c, options) for c in clients), options.concurrency)
    for client in clients:
        # Mostly available, some away or busy with a text, as in an office.
        roll = rng.random()
        if roll < 0.7:
            client.send_presence()
        elif roll < 0.9:
            client.send_presence(pshow="away", pstatus=rng.choice(AWAY_TEXTS))
        else:
            client.send_presence(pshow="dnd", pstatus=rng.choice(AWAY_TEXTS))
    await asyncio.gather(*(c.sync() for c in clients))
    print("READY online=%d seconds=%.1f" % (len(clients), time.monotonic() - started), flush=True)
    await stop.wait()
    await asyncio.gather(*(c.close() for c in clients))


WORDS_EN = ("the build is green again can you check the report before lunch we moved the "
            "meeting to four o'clock please review my merge request customer asked about the "
            "release date thanks looks good to me I'll send the slides tonight the server was "
            "slow this morning let's sync tomorrow").split()
SENTENCES_ZH = ["下午开会吗？", "报告已经发到你邮箱了。", "这个问题我明天再看一下。", "好的，没问题。",
                "客户想提前到周三。", "测试环境又挂了。", "谢谢！", "我在路上，十分钟到。"]


def bench_body(rng, index):
    if rng.random() < 0.25:
        return "".join(rng.choice(SENTENCES_ZH) for _ in range(rng.randint(1, 3)))
    words = [rng.choice(WORDS_EN) for _ in range(rng.randint(3, 18))]
    return "%s (#%d)" % (" ".join(words).capitalize(), index)


async def bench_send(options):
    rng = random.Random(11)
    me_bare = jid_of(options.me, options)
    clients = []
    for i in range(options.peers):
        client = Client("%s/sender" % jid_of(contact_user(i), options), options.password)
        clients.append(client)
    await gather_limited((log_in(c, options) for c in clients), options.concurrency)
    log("%d senders logged in" % len(clients))
    started = time.monotonic()
    interval = 1.0 / options.rate if options.rate > 0 else 0.0
    for n in range(options.messages):
        # Round robin, so every conversation grows evenly through the run.
        client = clients[n % len(clients)]
        client.send_message(mto=me_bare, mbody=bench_body(rng, n + 1), mtype="chat")
        if interval:
            delay = started + (n + 1) * interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        elif n % 200 == 199:
            await asyncio.sleep(0)
        if n % 1000 == 999:
            log("%d messages sent" % (n + 1))
    await asyncio.gather(*(c.sync(timeout=300) for c in clients))
    print("DONE sent=%d seconds=%.1f" % (options.messages, time.monotonic() - started),
          flush=True)
    await asyncio.gather(*(c.close() for c in clients))


# ---------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="demo",
                        choices=["demo", "bench-setup", "bench-online", "bench-send"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5222)
    parser.add_argument("--domain", required=True)
    parser.add_argument("--server-config", help="flint-server configuration; accounts are "
                        "created with its CLI (without it they must exist)")
    parser.add_argument("--server", help="flint-server binary (default: $FLINT_SERVER, the "
                        "repository's build directories, PATH)")
    parser.add_argument("--me", default="me", help="the account whose client is shown")
    parser.add_argument("--me-password", default=DEFAULT_ME_PASSWORD)
    parser.add_argument("--password", default=DEFAULT_PASSWORD,
                        help="password of every generated account")
    parser.add_argument("--stay", action="store_true",
                        help="demo: colleagues online with their statuses until killed")
    parser.add_argument("--no-history", action="store_true",
                        help="demo --stay: do not deliver the earlier (stamped) messages")
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--online", type=int, default=300)
    parser.add_argument("--peers", type=int, default=50)
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--rate", type=float, default=100.0,
                        help="bench-send: messages per second, 0 for as fast as possible")
    parser.add_argument("--concurrency", type=int, default=50,
                        help="logins in flight at once")
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds the whole run may take (not counting --stay)")
    parser.add_argument("--debug", action="store_true")
    options = parser.parse_args()
    import logging
    logging.basicConfig(level=logging.DEBUG if options.debug else logging.ERROR,
                        stream=sys.stderr)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)

    async def run():
        if options.mode == "demo" and options.stay:
            await demo_stay(options, stop)
        elif options.mode == "demo":
            await asyncio.wait_for(demo_setup(options), options.timeout)
        elif options.mode == "bench-setup":
            await asyncio.wait_for(bench_setup(options), options.timeout)
        elif options.mode == "bench-online":
            await bench_online(options, stop)
        else:
            await asyncio.wait_for(bench_send(options), options.timeout)

    status = 0
    try:
        loop.run_until_complete(run())
    except (RuntimeError, IqError, IqTimeout, asyncio.TimeoutError, OSError) as error:
        log("failed:", repr(error))
        status = 1
    finally:
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
