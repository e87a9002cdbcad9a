#!/usr/bin/python3
"""A STARTTLS-terminating XMPP relay that timestamps what a client and the server say.

    xmpp-tap.py --listen PORT --upstream PORT --cert CERT --key KEY --events FILE

The measured client connects to 127.0.0.1:PORT; the relay connects to the server, passes the
plain stream through until STARTTLS, then does TLS with the client (as the server, with the
server's own certificate and key, so pinned fingerprints still match) and with the server (as a
client), and relays the decrypted streams. Both directions are parsed into stanzas; these events
go to FILE, one per line, "<CLOCK_MONOTONIC ns> <connection> <event> [key=value...]":

    connect                       client connected
    tls                           both sides encrypted
    auth-success                  the server accepted the SASL exchange
    roster-request                the client asked for its roster
    roster-result items=N         the server's answer has been handed to the client's socket
    initial-presence              the client's first broadcast presence
    presence-in n=N               N-th available presence from a contact (not from the user's own
                                  resources) handed to the client
    message-in n=N                N-th chat message with a body handed to the client (every
                                  100th, and the last one on close)
    close c2s=... s2c=...         the connection ended; stanza counts by kind in each direction

Times are taken when the bytes were written to the receiving socket. The flint-server offers no
SCRAM-PLUS mechanism, so there is no channel binding for the relay to break.
"""

import argparse
import asyncio
import collections
import signal
import ssl
import sys
import time
import xml.parsers.expat

ROSTER_NS = "jabber:iq:roster"
STREAM_NS = "http://etherx.jabber.org/streams"


def same_account(attrs):
    """A presence from one of the user's own resources (the server reflects the user's own)."""
    def bare(jid):
        return jid.split("/")[0].lower()
    return bare(attrs.get("from", "")) == bare(attrs.get("to", "-"))


class StanzaScanner:
    """Incremental parser of one direction of an XMPP stream; calls `on_stanza(info)` for each
    top-level element, where info = (name, attrs, first_child, child_count, has_body)."""

    def __init__(self, on_stanza):
        self.on_stanza = on_stanza
        self.reset()

    def reset(self):
        self.parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.depth = 0
        self.current = None
        self.broken = False

    def _start(self, name, attrs):
        self.depth += 1
        if self.depth == 2:
            self.current = {"name": name, "attrs": attrs, "child": None, "items": 0,
                            "body": False}
        elif self.depth == 3 and self.current is not None:
            if self.current["child"] is None:
                self.current["child"] = name
            if name.endswith(" body"):
                self.current["body"] = True
        elif self.depth == 4 and self.current is not None and name == ROSTER_NS + " item":
            self.current["items"] += 1

    def _end(self, _name):
        if self.depth == 2 and self.current is not None:
            self.on_stanza(self.current)
            self.current = None
        self.depth -= 1

    def feed(self, data):
        # A new stream header (after STARTTLS or SASL) starts a new document.
        start = min((i for i in (data.find(b"<?xml"), data.find(b"<stream:stream"))
                     if i >= 0), default=-1)
        if start >= 0:
            self._feed(data[:start])
            self.reset()
            data = data[start:]
        self._feed(data)

    def _feed(self, data):
        if not data or self.broken:
            return
        try:
            self.parser.Parse(data, False)
        except xml.parsers.expat.ExpatError:
            self.broken = True  # e.g. after </stream:stream>; the next header resets


class Tap:
    def __init__(self, options):
        self.options = options
        self.events = open(options.events, "a", buffering=1)
        self.next_id = 0
        self.server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.server_tls.load_cert_chain(options.cert, options.key)
        self.client_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self.client_tls.check_hostname = False
        self.client_tls.verify_mode = ssl.CERT_NONE
        self.connections = set()

    def emit(self, connection, event, when=None, **fields):
        stamp = when if when is not None else time.monotonic_ns()
        extra = "".join(" %s=%s" % item for item in fields.items())
        self.events.write("%d %d %s%s\n" % (stamp, connection.id, event, extra))

    async def handle(self, client_reader, client_writer):
        connection = Connection(self, client_reader, client_writer)
        self.connections.add(connection)
        try:
            await connection.run()
        finally:
            self.connections.discard(connection)
            connection.finish()


class Connection:
    def __init__(self, tap, client_reader, client_writer):
        self.tap = tap
        self.id = tap.next_id
        tap.next_id += 1
        self.client_reader, self.client_writer = client_reader, client_writer
        self.counts = {"c2s": collections.Counter(), "s2c": collections.Counter()}
        self.roster_ids = set()
        self.presented = False
        self.presences_in = 0
        self.messages_in = 0
        self.last_message_logged = 0
        self.finished = False
        self.pending = []  # stanzas completed in the chunk being relayed
        self.c2s = StanzaScanner(lambda s: self.pending.append(("c2s", s)))
        self.s2c = StanzaScanner(lambda s: self.pending.append(("s2c", s)))

    async def run(self):
        tap = self.tap
        tap.emit(self, "connect")
        server_reader, server_writer = await asyncio.open_connection(
            "127.0.0.1", tap.options.upstream)
        self.server_writer = server_writer
        # Plain phase: relay until the client asked for STARTTLS and the server said proceed.
        await asyncio.gather(self.pump(self.client_reader, server_writer, self.c2s, b"<starttls"),
                             self.pump(server_reader, self.client_writer, self.s2c, b"<proceed"))
        await server_writer.start_tls(tap.client_tls)
        await self.client_writer.start_tls(tap.server_tls)
        tap.emit(self, "tls")
        self.c2s.reset()
        self.s2c.reset()
        await asyncio.gather(self.pump(self.client_reader, server_writer, self.c2s),
                             self.pump(server_reader, self.client_writer, self.s2c))

    async def pump(self, reader, writer, scanner, until=None):
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                writer.write(data)
                await writer.drain()
                scanner.feed(data)
                self.flush_events(time.monotonic_ns())
                if until is not None and until in data:
                    # The client's TLS hello must stay in the socket for the TLS layer, not
                    # land in this reader's buffer (start_tls resumes reading).
                    reader_transport = getattr(reader, "_transport", None)
                    if reader_transport is not None:
                        reader_transport.pause_reading()
                    return
        except (ConnectionError, ssl.SSLError):
            pass
        if until is None:
            # One side ended: end the other too.
            for other in (self.client_writer, getattr(self, "server_writer", None)):
                if other is not None:
                    other.close()
        else:
            raise ConnectionError("stream ended before STARTTLS")

    def flush_events(self, when):
        tap = self.tap
        for direction, stanza in self.pending:
            name = stanza["name"].split(" ")[-1]
            attrs = stanza["attrs"]
            child = stanza["child"]
            kind = name
            if name == "iq" and child:
                kind = "iq:%s:%s" % (attrs.get("type", ""), child.split(" ")[0])
            self.counts[direction][kind] += 1
            if direction == "s2c" and name == "success":
                tap.emit(self, "auth-success", when)
            elif name == "iq" and child == ROSTER_NS + " query":
                if direction == "c2s" and attrs.get("type") == "get":
                    self.roster_ids.add(attrs.get("id"))
                    tap.emit(self, "roster-request", when)
                elif direction == "s2c" and attrs.get("id") in self.roster_ids:
                    tap.emit(self, "roster-result", when, items=stanza["items"])
            elif name == "presence" and direction == "c2s":
                if "to" not in attrs and attrs.get("type", "") == "" and not self.presented:
                    self.presented = True
                    tap.emit(self, "initial-presence", when)
            elif name == "presence" and direction == "s2c":
                if attrs.get("type", "") == "" and not same_account(attrs):
                    self.presences_in += 1
                    tap.emit(self, "presence-in", when, n=self.presences_in)
            elif name == "message" and direction == "s2c" and stanza["body"]:
                self.messages_in += 1
                if self.messages_in % 100 == 0:
                    self.last_message_logged = self.messages_in
                    tap.emit(self, "message-in", when, n=self.messages_in)
        self.pending.clear()

    def finish(self):
        if self.finished:
            return
        self.finished = True
        if self.messages_in != self.last_message_logged:
            self.tap.emit(self, "message-in", n=self.messages_in)

        def summary(counter):
            return ",".join("%s:%d" % item for item in sorted(counter.items())) or "-"

        self.tap.emit(self, "close", c2s=summary(self.counts["c2s"]),
                      s2c=summary(self.counts["s2c"]))


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", type=int, required=True)
    parser.add_argument("--upstream", type=int, required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--events", required=True)
    options = parser.parse_args()
    tap = Tap(options)
    server = await asyncio.start_server(tap.handle, "127.0.0.1", options.listen)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    print("listening", options.listen, flush=True)
    await stop.wait()
    server.close()
    for connection in list(tap.connections):
        connection.finish()
    tap.events.close()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
