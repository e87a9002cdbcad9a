#!/usr/bin/python3
"""Sends one file as slixmpp does it, for Flint's interoperability tests: a stream initiation
offer (XEP-0095/XEP-0096, with the file's MD5) that names SOCKS5 bytestreams only, then the bytes
through the server's bytestream proxy (XEP-0065, found by service discovery).

It reports what happens as machine-readable lines on stdout:

    OK session <full jid> | OK proxy <proxy jid> <host> <port> | OK accepted <stream method>
    OK sent <bytes> | FAIL <what> <why> | BYE
"""

import argparse
import asyncio
import hashlib
import logging
import os
import ssl
import sys
import uuid

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout
from slixmpp.plugins.xep_0096 import File

BYTESTREAMS = 'http://jabber.org/protocol/bytestreams'
BLOCK = 64 * 1024


def report(*words):
    print(*words, flush=True)


class Sender(slixmpp.ClientXMPP):
    def __init__(self, jid, password, to, path):
        super().__init__(jid, password)
        self.finished = asyncio.get_event_loop().create_future()
        self.to = to
        self.path = path
        for plugin in ('xep_0030', 'xep_0065', 'xep_0095', 'xep_0096'):
            self.register_plugin(plugin)
        # The test server's certificate is self-signed.
        self.ssl_context.check_hostname = False
        self.ssl_context.verify_mode = ssl.CERT_NONE
        self.add_event_handler('session_start', self.on_session_start)
        self.add_event_handler('failed_auth',
                               lambda failure: report('FAIL auth', failure['condition']))
        self.add_event_handler('disconnected', self.on_disconnected)

    def on_disconnected(self, _event):
        if not self.finished.done():
            self.finished.set_result(None)

    async def on_session_start(self, _event):
        report('OK session', self.boundjid.full)
        self.send_presence()
        try:
            await self.send_file()
        except IqError as error:
            report('FAIL iq', error.iq['error']['condition'])
        except IqTimeout:
            report('FAIL timeout')
        except (OSError, ConnectionError) as error:
            report('FAIL socket', type(error).__name__)
        self.disconnect()

    async def send_file(self):
        proxies = await self['xep_0065'].discover_proxies(timeout=10)
        if not proxies:
            report('FAIL proxy none')
            return
        for jid, (host, port) in proxies.items():
            report('OK proxy', jid, host, port)

        size = os.path.getsize(self.path)
        md5 = hashlib.md5()
        with open(self.path, 'rb') as source:
            for block in iter(lambda: source.read(BLOCK), b''):
                md5.update(block)
        sid = uuid.uuid4().hex
        # slixmpp 1.8 builds the stream-method options with add_option(**option): each method
        # must be given as an option mapping, a plain namespace string raises a TypeError.
        answer = await self['xep_0095'].offer(
            self.to, sid=sid, profile='http://jabber.org/protocol/si/profile/file-transfer',
            methods=[{'label': '', 'value': BYTESTREAMS}],
            payload=self.file_payload(size, md5.hexdigest()), timeout=60)
        report('OK accepted', answer['si']['feature_neg']['form'].get_values()['stream-method'])

        stream = await self['xep_0065'].handshake(self.to, sid=sid, timeout=30)
        if stream is None:
            report('FAIL socks5 handshake')
            return
        sent = 0
        with open(self.path, 'rb') as source:
            for block in iter(lambda: source.read(BLOCK), b''):
                await stream.write(block)
                sent += len(block)
        # Closing flushes what is still buffered; the receiver has the whole file then.
        stream.transport.close()
        report('OK sent', sent)

    def file_payload(self, size, md5):
        payload = File()
        payload['name'] = os.path.basename(self.path)
        payload['size'] = size
        payload['hash'] = md5
        return payload


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--jid', required=True)
    parser.add_argument('--password', required=True)
    parser.add_argument('--to', required=True, help='full JID of the recipient')
    parser.add_argument('--file', required=True)
    parser.add_argument('--timeout', type=float, default=120)
    parser.add_argument('--debug', action='store_true')
    options = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if options.debug else logging.ERROR,
                        stream=sys.stderr)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sender = Sender(options.jid, options.password, options.to, options.file)
    sender.connect(address=(options.host, options.port), force_starttls=True)
    try:
        loop.run_until_complete(asyncio.wait_for(sender.finished, options.timeout))
    except asyncio.TimeoutError:
        report('FAIL timeout')
        return 1
    finally:
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    report('BYE')
    return 0


if __name__ == '__main__':
    sys.exit(main())
