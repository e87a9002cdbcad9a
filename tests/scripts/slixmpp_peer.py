#!/usr/bin/python3
"""A slixmpp client driven by Flint's interoperability tests.

It connects (optionally registering the account first, XEP-0077), logs in with the one SASL
mechanism it is told to use, and reports what happens as machine-readable lines on stdout:

    OK registered | OK session <full jid> <mechanism> | OK subscribe <jid> | OK sent <jid>
    ROSTER <jid> <subscription> | SUBSCRIBE <jid> | PRESENCE <full jid> available|unavailable
    RECV <full jid> <body> | FAIL <what> <why> | BYE
    JOINED <room> <nick> <history count> <subject> | GROUPCHAT <room/nick> <body>

Commands come on stdin, one per line: `subscribe JID`, `message JID BODY`,
`join ROOM NICK` (XEP-0045, waits for the self-presence, history and subject),
`groupchat ROOM BODY`, `quit`.
"""

import argparse
import asyncio
import logging
import ssl
import sys

import slixmpp
from slixmpp.exceptions import IqError, IqTimeout, PresenceError


def report(*words):
    print(*words, flush=True)


class Peer(slixmpp.ClientXMPP):
    def __init__(self, jid, password, register):
        super().__init__(jid, password)
        self.finished = asyncio.get_event_loop().create_future()
        self.register_plugin('xep_0077')
        self.register_plugin('xep_0045')
        if register:
            self['xep_0077'].force_registration = True
            self.add_event_handler('register', self.on_register)
            # slixmpp 1.8 queues every iq sent before the session starts, the registration
            # ones included; let them through until the account exists.
            self._always_send_everything = True
        # The test server's certificate is self-signed.
        self.ssl_context.check_hostname = False
        self.ssl_context.verify_mode = ssl.CERT_NONE
        self.add_event_handler('session_start', self.on_session_start)
        self.add_event_handler('failed_auth',
                               lambda failure: report('FAIL auth', failure['condition']))
        self.add_event_handler('roster_update', self.on_roster_update)
        self.add_event_handler('presence_subscribe',
                               lambda presence: report('SUBSCRIBE', presence['from'].bare))
        self.add_event_handler('presence_available',
                               lambda presence: report('PRESENCE', presence['from'], 'available'))
        self.add_event_handler('presence_unavailable',
                               lambda presence: report('PRESENCE', presence['from'],
                                                       'unavailable'))
        self.add_event_handler('message', self.on_message)
        self.add_event_handler('groupchat_message', self.on_groupchat)
        self.add_event_handler('disconnected', self.on_disconnected)

    async def on_register(self, _form):
        request = self.Iq()
        request['type'] = 'set'
        request['register']['username'] = self.boundjid.user
        request['register']['password'] = self.password
        try:
            await request.send(timeout=10)
            self._always_send_everything = False
            report('OK registered')
        except IqError as error:
            report('FAIL register', error.iq['error']['condition'])
            self.disconnect()
        except IqTimeout:
            report('FAIL register timeout')
            self.disconnect()

    async def on_session_start(self, _event):
        try:
            await self.get_roster(timeout=10)
        except (IqError, IqTimeout) as error:
            report('FAIL roster', error)
        self.send_presence()
        report('OK session', self.boundjid.full, self['feature_mechanisms'].mech.name)

    def on_roster_update(self, iq):
        for jid, item in iq['roster']['items'].items():
            report('ROSTER', jid, item['subscription'])

    def on_message(self, message):
        if message['type'] in ('chat', 'normal') and message['body']:
            report('RECV', message['from'], message['body'])

    def on_groupchat(self, message):
        # History arrives delayed while joining; join reports how many.
        if message['body'] and not message.get_plugin('delay', check=True):
            report('GROUPCHAT', message['from'], message['body'])

    async def join(self, room, nick):
        try:
            _presence, subject, _occupants, history = await self['xep_0045'].join_muc_wait(
                room, nick, timeout=10)
        except asyncio.TimeoutError:
            report('FAIL join timeout')
            return
        except PresenceError as error:
            report('FAIL join', error.presence['error']['condition'])
            return
        report('JOINED', room, nick, len(history), subject['subject'] or '-')

    def on_disconnected(self, _event):
        if not self.finished.done():
            self.finished.set_result(True)

    async def run_command(self, line):
        command, _, rest = line.strip().partition(' ')
        if command == 'subscribe':
            try:
                await self.update_roster(rest, name='Flint contact', groups=['Office'],
                                         timeout=10)
            except (IqError, IqTimeout) as error:
                report('FAIL subscribe', error)
                return
            self.send_presence_subscription(pto=rest)
            report('OK subscribe', rest)
        elif command == 'message':
            to, _, body = rest.partition(' ')
            self.send_message(mto=to, mbody=body, mtype='chat')
            report('OK sent', to)
        elif command == 'join':
            room, _, nick = rest.partition(' ')
            await self.join(room, nick)
        elif command == 'groupchat':
            room, _, body = rest.partition(' ')
            self.send_message(mto=room, mbody=body, mtype='groupchat')
            report('OK sent', room)
        elif command == 'quit' or not command:
            self.disconnect()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--jid', required=True)
    parser.add_argument('--password', required=True)
    parser.add_argument('--mechanism', required=True)
    parser.add_argument('--register', action='store_true')
    parser.add_argument('--timeout', type=float, default=60)
    parser.add_argument('--debug', action='store_true')
    options = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if options.debug else logging.WARNING,
                        stream=sys.stderr)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    peer = Peer(options.jid, options.password, options.register)
    peer['feature_mechanisms'].use_mech = options.mechanism

    def on_stdin():
        line = sys.stdin.readline()
        if not line:
            loop.remove_reader(sys.stdin.fileno())
            peer.disconnect()
            return
        loop.create_task(peer.run_command(line))

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    peer.connect(address=(options.host, options.port), force_starttls=True)
    try:
        loop.run_until_complete(asyncio.wait_for(peer.finished, options.timeout))
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
