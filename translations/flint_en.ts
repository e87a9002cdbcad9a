<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Conversation</name>
    <message>
        <source>The message was not sent: you are not connected.</source>
        <translation>The message was not sent: you are not connected.</translation>
    </message>
    <message>
        <source>The message was not delivered: no such user.</source>
        <translation>The message was not delivered: no such user.</translation>
    </message>
    <message>
        <source>The message was not delivered: the recipient cannot take messages.</source>
        <translation>The message was not delivered: the recipient cannot take messages.</translation>
    </message>
    <message>
        <source>The message was not sent: the address is not valid.</source>
        <translation>The message was not sent: the address is not valid.</translation>
    </message>
    <message>
        <source>The message was not delivered: the recipient&apos;s server is unreachable.</source>
        <translation>The message was not delivered: the recipient&apos;s server is unreachable.</translation>
    </message>
    <message>
        <source>The message was not delivered: the server does not allow it.</source>
        <translation>The message was not delivered: the server does not allow it.</translation>
    </message>
    <message>
        <source>The message was not delivered this time; try again later.</source>
        <translation>The message was not delivered this time; try again later.</translation>
    </message>
    <message>
        <source>The message was not delivered.</source>
        <translation>The message was not delivered.</translation>
    </message>
</context>
<context>
    <name>HistoryStore</name>
    <message>
        <source>The message history file could not be opened.</source>
        <translation>The message history file could not be opened.</translation>
    </message>
    <message>
        <source>The message history was written by a newer version of Flint.</source>
        <translation>The message history was written by a newer version of Flint.</translation>
    </message>
    <message>
        <source>The message history could not be upgraded.</source>
        <translation>The message history could not be upgraded.</translation>
    </message>
</context>
<context>
    <name>flint::ClientAccount</name>
    <message>
        <source>%1 (%2)</source>
        <comment>someone in a room: nickname (room name)</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>flint::ConnectionError</name>
    <message>
        <source>Wrong username or password.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <source>The server does not know this account.</source>
        <translation>The server does not know this account.</translation>
    </message>
    <message>
        <source>The server cannot be reached.</source>
        <translation>The server cannot be reached.</translation>
    </message>
    <message>
        <source>The server&apos;s address could not be found.</source>
        <translation>The server&apos;s address could not be found.</translation>
    </message>
    <message>
        <source>A secure connection to the server could not be established.</source>
        <translation>A secure connection to the server could not be established.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation>The server&apos;s certificate is not trusted.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed since you accepted it. This can mean that someone is intercepting the connection; ask your administrator before connecting.</source>
        <translation>The server&apos;s certificate has changed since you accepted it. This can mean that someone is intercepting the connection; ask your administrator before connecting.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>The server did not answer in time.</translation>
    </message>
    <message>
        <source>The server refused the login; the account may be disabled.</source>
        <translation>The server refused the login; the account may be disabled.</translation>
    </message>
    <message>
        <source>The account was logged in from another place.</source>
        <translation>The account was logged in from another place.</translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation>The connection to the server was lost.</translation>
    </message>
    <message>
        <source>The account or server address is not valid.</source>
        <translation>The account or server address is not valid.</translation>
    </message>
    <message>
        <source>The login was cancelled.</source>
        <translation>The login was cancelled.</translation>
    </message>
    <message>
        <source>The login failed: %1</source>
        <translation>The login failed: %1</translation>
    </message>
    <message>
        <source>Enter a username.</source>
        <translation>Enter a username.</translation>
    </message>
    <message>
        <source>The username contains characters that are not allowed.</source>
        <translation>The username contains characters that are not allowed.</translation>
    </message>
    <message>
        <source>Enter a password.</source>
        <translation>Enter a password.</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>The passwords do not match.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s domain, such as example.com.</source>
        <translation>Enter the server&apos;s domain, such as example.com.</translation>
    </message>
    <message>
        <source>The server address is not valid; use host or host:port.</source>
        <translation>The server address is not valid; use host or host:port.</translation>
    </message>
    <message>
        <source>Enter the administrator&apos;s username.</source>
        <translation>Enter the administrator&apos;s username.</translation>
    </message>
    <message>
        <source>The administrator&apos;s username contains characters that are not allowed.</source>
        <translation>The administrator&apos;s username contains characters that are not allowed.</translation>
    </message>
    <message>
        <source>Enter the administrator&apos;s password.</source>
        <translation>Enter the administrator&apos;s password.</translation>
    </message>
    <message>
        <source>The account was created.</source>
        <translation>The account was created.</translation>
    </message>
    <message>
        <source>This username is already taken.</source>
        <translation>This username is already taken.</translation>
    </message>
    <message>
        <source>The server does not allow creating this account.</source>
        <translation>The server does not allow creating this account.</translation>
    </message>
    <message>
        <source>The server did not accept the username or password.</source>
        <translation>The server did not accept the username or password.</translation>
    </message>
    <message>
        <source>The registration failed: %1</source>
        <translation>The registration failed: %1</translation>
    </message>
</context>
<context>
    <name>flint::DirectorySearch</name>
    <message>
        <source>The search is complete.</source>
        <translation>The search is complete.</translation>
    </message>
    <message>
        <source>Your server does not offer a user directory.</source>
        <translation>Your server does not offer a user directory.</translation>
    </message>
    <message>
        <source>You are not connected to the server.</source>
        <translation>You are not connected to the server.</translation>
    </message>
    <message>
        <source>Enter part of a name, username or email address.</source>
        <translation>Enter part of a name, username or email address.</translation>
    </message>
    <message>
        <source>The directory did not accept this search.</source>
        <translation>The directory did not accept this search.</translation>
    </message>
    <message>
        <source>You are not allowed to search the directory.</source>
        <translation>You are not allowed to search the directory.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>The server did not answer in time.</translation>
    </message>
    <message>
        <source>The directory search failed: %1</source>
        <translation>The directory search failed: %1</translation>
    </message>
</context>
<context>
    <name>flint::PasswordStore</name>
    <message>
        <source>No password is saved for this account.</source>
        <translation>No password is saved for this account.</translation>
    </message>
    <message>
        <source>The keyring refused access to the saved password.</source>
        <translation>The keyring refused access to the saved password.</translation>
    </message>
    <message>
        <source>No keyring is available to keep the password; it was not saved.</source>
        <translation>No keyring is available to keep the password; it was not saved.</translation>
    </message>
    <message>
        <source>The keyring failed: %1</source>
        <translation>The keyring failed: %1</translation>
    </message>
</context>
<context>
    <name>flint::ProfileManager</name>
    <message>
        <source>The profile was saved.</source>
        <translation>The profile was saved.</translation>
    </message>
    <message>
        <source>You are not connected to the server.</source>
        <translation>You are not connected to the server.</translation>
    </message>
    <message>
        <source>This is not a valid address.</source>
        <translation>This is not a valid address.</translation>
    </message>
    <message>
        <source>There is no such account.</source>
        <translation>There is no such account.</translation>
    </message>
    <message>
        <source>The server does not allow this.</source>
        <translation>The server does not allow this.</translation>
    </message>
    <message>
        <source>The server did not accept the profile; the photo may be too large.</source>
        <translation>The server did not accept the profile; the photo may be too large.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>The server did not answer in time.</translation>
    </message>
    <message>
        <source>The profile could not be loaded or saved: %1</source>
        <translation>The profile could not be loaded or saved: %1</translation>
    </message>
</context>
<context>
    <name>flint::Room</name>
    <message>
        <source>You are not connected.</source>
        <translation>You are not connected.</translation>
    </message>
    <message>
        <source>The server offers no chat rooms.</source>
        <translation>The server offers no chat rooms.</translation>
    </message>
    <message>
        <source>Someone in the room already uses this nickname.</source>
        <translation>Someone in the room already uses this nickname.</translation>
    </message>
    <message>
        <source>This room needs a password; the one given is missing or wrong.</source>
        <translation>This room needs a password; the one given is missing or wrong.</translation>
    </message>
    <message>
        <source>You are banned from this room.</source>
        <translation>You are banned from this room.</translation>
    </message>
    <message>
        <source>Only members may enter this room; ask its owner.</source>
        <translation>Only members may enter this room; ask its owner.</translation>
    </message>
    <message>
        <source>There is no such room.</source>
        <translation>There is no such room.</translation>
    </message>
    <message>
        <source>The server does not let you create rooms.</source>
        <translation>The server does not let you create rooms.</translation>
    </message>
    <message>
        <source>The room is full.</source>
        <translation>The room is full.</translation>
    </message>
    <message>
        <source>A room with this address exists.</source>
        <translation>A room with this address exists.</translation>
    </message>
    <message>
        <source>The room does not allow you to do this.</source>
        <translation>The room does not allow you to do this.</translation>
    </message>
    <message>
        <source>The room did not answer in time.</source>
        <translation>The room did not answer in time.</translation>
    </message>
    <message>
        <source>The room refused the request.</source>
        <translation>The room refused the request.</translation>
    </message>
</context>
<context>
    <name>flint::RosterModel</name>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
</context>
<context>
    <name>flint::RosterResult</name>
    <message>
        <source>The contact was added; they will see your request.</source>
        <translation>The contact was added; they will see your request.</translation>
    </message>
    <message>
        <source>The contact was removed.</source>
        <translation>The contact was removed.</translation>
    </message>
    <message>
        <source>The contact was renamed.</source>
        <translation>The contact was renamed.</translation>
    </message>
    <message>
        <source>The contact&apos;s groups were changed.</source>
        <translation>The contact&apos;s groups were changed.</translation>
    </message>
    <message>
        <source>This contact is already in your contact list.</source>
        <translation>This contact is already in your contact list.</translation>
    </message>
    <message>
        <source>There is no such user on the server.</source>
        <translation>There is no such user on the server.</translation>
    </message>
    <message>
        <source>This contact is not in your contact list.</source>
        <translation>This contact is not in your contact list.</translation>
    </message>
    <message>
        <source>This is not a valid contact address.</source>
        <translation>This is not a valid contact address.</translation>
    </message>
    <message>
        <source>You are not connected.</source>
        <translation>You are not connected.</translation>
    </message>
    <message>
        <source>The server did not allow this change.</source>
        <translation>The server did not allow this change.</translation>
    </message>
    <message>
        <source>The contact list could not be changed.</source>
        <translation>The contact list could not be changed.</translation>
    </message>
</context>
<context>
    <name>flint::TransferService</name>
    <message>
        <source>The file was not sent: you are not connected.</source>
        <translation>The file was not sent: you are not connected.</translation>
    </message>
    <message>
        <source>The recipient declined the file.</source>
        <translation>The recipient declined the file.</translation>
    </message>
    <message>
        <source>The other side cancelled the transfer.</source>
        <translation>The other side cancelled the transfer.</translation>
    </message>
    <message>
        <source>The other side went offline or cannot receive files this way.</source>
        <translation>The other side went offline or cannot receive files this way.</translation>
    </message>
    <message>
        <source>No connection for the file could be set up, neither directly, through the server&apos;s proxy nor through the server itself.</source>
        <translation>No connection for the file could be set up, neither directly, through the server&apos;s proxy nor through the server itself.</translation>
    </message>
    <message>
        <source>The file is too large for the server: at most %1 can be uploaded.</source>
        <translation>The file is too large for the server: at most %1 can be uploaded.</translation>
    </message>
    <message>
        <source>The file is too large for the server.</source>
        <translation>The file is too large for the server.</translation>
    </message>
    <message>
        <source>Your upload space on the server is used up; older files expire after a while.</source>
        <translation>Your upload space on the server is used up; older files expire after a while.</translation>
    </message>
    <message>
        <source>The server offers no file storage, so files cannot be sent to someone who is offline or into a room.</source>
        <translation>The server offers no file storage, so files cannot be sent to someone who is offline or into a room.</translation>
    </message>
    <message>
        <source>The server did not take or give the file.</source>
        <translation>The server did not take or give the file.</translation>
    </message>
    <message>
        <source>The received file is damaged: it differs from what the sender sent. It was deleted.</source>
        <translation>The received file is damaged: it differs from what the sender sent. It was deleted.</translation>
    </message>
    <message>
        <source>The file could not be read or written on this computer.</source>
        <translation>The file could not be read or written on this computer.</translation>
    </message>
    <message>
        <source>The file transfer failed.</source>
        <translation>The file transfer failed.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>The server could not store the file: its disk may be full. Try again later.</source>
        <translation>The server could not store the file: its disk may be full. Try again later.</translation>
    </message>
    <message>
        <source>There is not enough free space on this computer for the file: %1 free in %2.</source>
        <translation>There is not enough free space on this computer for the file: %1 free in %2.</translation>
    </message>
    <message>
        <source>The connection to the server was lost during the transfer. Once you are back online, the file can be sent again.</source>
        <translation>The connection to the server was lost during the transfer. Once you are back online, the file can be sent again.</translation>
    </message>
</context>
<context>
    <name>flint::ui</name>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Free to chat</source>
        <translation>Free to chat</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Away</translation>
    </message>
    <message>
        <source>Extended away</source>
        <translation>Extended away</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>flint::ui::AddContactDialog</name>
    <message>
        <source>Add Contact</source>
        <translation>Add Contact</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>name or name@%1</source>
        <translation>name or name@%1</translation>
    </message>
    <message>
        <source>Contact address</source>
        <translation>Contact address</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation>Contact name</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Group:</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>No group</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Sending the request to %1…</source>
        <translation>Sending the request to %1…</translation>
    </message>
    <message>
        <source>Enter the address of the person to add.</source>
        <translation>Enter the address of the person to add.</translation>
    </message>
    <message>
        <source>Add a colleague to your contacts. They will be asked to let you see when they are online.</source>
        <translation>Add a colleague to your contacts. They will be asked to let you see when they are online.</translation>
    </message>
</context>
<context>
    <name>flint::ui::AvatarCropDialog</name>
    <message>
        <source>Crop Picture</source>
        <translation>Crop Picture</translation>
    </message>
    <message>
        <source>Drag the frame over the part of the picture to show. Zoom with the mouse wheel or the slider; the arrow keys move the frame.</source>
        <translation>Drag the frame over the part of the picture to show. Zoom with the mouse wheel or the slider; the arrow keys move the frame.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>&amp;Zoom</source>
        <translation>&amp;Zoom</translation>
    </message>
    <message>
        <source>Picture with crop frame</source>
        <translation>Picture with crop frame</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Preview of the avatar</source>
        <translation>Preview of the avatar</translation>
    </message>
    <message>
        <source>Use Picture</source>
        <translation>Use Picture</translation>
    </message>
</context>
<context>
    <name>flint::ui::BookmarkDialog</name>
    <message>
        <source>Edit Bookmark</source>
        <translation>Edit Bookmark</translation>
    </message>
    <message>
        <source>Bookmark Room</source>
        <translation>Bookmark Room</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Bookmark name</source>
        <translation>Bookmark name</translation>
    </message>
    <message>
        <source>N&amp;ickname:</source>
        <translation>N&amp;ickname:</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Room password</source>
        <translation>Room password</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>&amp;Join automatically when I log in</source>
        <translation>&amp;Join automatically when I log in</translation>
    </message>
    <message>
        <source>&amp;Remove Bookmark</source>
        <translation>&amp;Remove Bookmark</translation>
    </message>
</context>
<context>
    <name>flint::ui::CertificateDialog</name>
    <message>
        <source>Unverified Certificate</source>
        <translation>Unverified Certificate</translation>
    </message>
    <message>
        <source>Do you trust this server?</source>
        <translation>Do you trust this server?</translation>
    </message>
    <message>
        <source>The certificate of %1 is not verified by a known authority. A company&apos;s own server often uses such a certificate, but it can also mean that someone is intercepting the connection. Trust it only if the fingerprint below matches the one your administrator gave you.</source>
        <translation>The certificate of %1 is not verified by a known authority. A company&apos;s own server often uses such a certificate, but it can also mean that someone is intercepting the connection. Trust it only if the fingerprint below matches the one your administrator gave you.</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Account:</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>Issued to:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Issued by:</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>Valid:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 fingerprint:</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>%1 (self-signed)</source>
        <translation>%1 (self-signed)</translation>
    </message>
    <message>
        <source>%1 to %2 (expired)</source>
        <translation>%1 to %2 (expired)</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Issued to</source>
        <translation>Issued to</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>Validity</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
    <message>
        <source>&amp;Trust and Connect</source>
        <translation>&amp;Trust and Connect</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>flint::ui::ChatTab</name>
    <message>
        <source>View profile</source>
        <translation>View profile</translation>
    </message>
    <message>
        <source>Typing notification</source>
        <translation>Typing notification</translation>
    </message>
    <message>
        <source>Avatar of %1</source>
        <translation>Avatar of %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>availability — status text</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 is typing…</translation>
    </message>
    <message>
        <source>%1 stopped typing</source>
        <translation>%1 stopped typing</translation>
    </message>
    <message>
        <source>Drop files here to send them to %1</source>
        <translation>Drop files here to send them to %1</translation>
    </message>
    <message>
        <source>Send Files to %1</source>
        <translation>Send Files to %1</translation>
    </message>
    <message>
        <source>Could not send %1: %2</source>
        <translation>Could not send %1: %2</translation>
    </message>
    <message>
        <source>Not in the room</source>
        <translation>Not in the room</translation>
    </message>
</context>
<context>
    <name>flint::ui::ChatWindow</name>
    <message>
        <source>%1 (%2)</source>
        <comment>contact name (unread count)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — Flint</source>
        <comment>chat window title: contact name</comment>
        <translation>%1 — Flint</translation>
    </message>
    <message>
        <source>Chats — Flint</source>
        <translation>Chats — Flint</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
</context>
<context>
    <name>flint::ui::Composer</name>
    <message>
        <source>Send a file (or drop it here)</source>
        <translation>Send a file (or drop it here)</translation>
    </message>
    <message>
        <source>Send file</source>
        <translation>Send file</translation>
    </message>
    <message>
        <source>Insert emoji</source>
        <translation>Insert emoji</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Send (Enter)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>flint::ui::ContactCardDialog</name>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Picture</translation>
    </message>
    <message>
        <source>This contact has not filled in a profile.</source>
        <translation>This contact has not filled in a profile.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Loading</translation>
    </message>
    <message>
        <source>Loading the profile…</source>
        <translation>Loading the profile…</translation>
    </message>
    <message>
        <source>Profile of %1</source>
        <translation>Profile of %1</translation>
    </message>
    <message>
        <source>Not in your contacts</source>
        <translation>Not in your contacts</translation>
    </message>
</context>
<context>
    <name>flint::ui::CreateRoomDialog</name>
    <message>
        <source>Reading the room&apos;s settings…</source>
        <translation>Reading the room&apos;s settings…</translation>
    </message>
    <message>
        <source>You are already in %1.</source>
        <translation>You are already in %1.</translation>
    </message>
    <message>
        <source>Creating %1…</source>
        <translation>Creating %1…</translation>
    </message>
    <message>
        <source>Saving the settings…</source>
        <translation>Saving the settings…</translation>
    </message>
    <message>
        <source>Room Settings — %1</source>
        <translation>Room Settings — %1</translation>
    </message>
    <message>
        <source>Only the room&apos;s owners may change these settings.</source>
        <translation>Only the room&apos;s owners may change these settings.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Create Room</source>
        <translation>Create Room</translation>
    </message>
    <message>
        <source>A room for a team or a topic. You become its owner.</source>
        <translation>A room for a team or a topic. You become its owner.</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>C&amp;reate</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Room name</translation>
    </message>
    <message>
        <source>e.g. Weekly Planning</source>
        <translation>e.g. Weekly Planning</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>Room address</source>
        <translation>Room address</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description:</translation>
    </message>
    <message>
        <source>Room description</source>
        <translation>Room description</translation>
    </message>
    <message>
        <source>What the room is for</source>
        <translation>What the room is for</translation>
    </message>
    <message>
        <source>Your n&amp;ickname:</source>
        <translation>Your n&amp;ickname:</translation>
    </message>
    <message>
        <source>Your nickname</source>
        <translation>Your nickname</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Room password</source>
        <translation>Room password</translation>
    </message>
    <message>
        <source>None: anyone allowed may join</source>
        <translation>None: anyone allowed may join</translation>
    </message>
    <message>
        <source>&amp;History for newcomers:</source>
        <translation>&amp;History for newcomers:</translation>
    </message>
    <message>
        <source>Messages shown to newcomers</source>
        <translation>Messages shown to newcomers</translation>
    </message>
    <message>
        <source> messages</source>
        <translation> messages</translation>
    </message>
    <message>
        <source>&amp;Maximum people:</source>
        <translation>&amp;Maximum people:</translation>
    </message>
    <message>
        <source>Maximum number of people</source>
        <translation>Maximum number of people</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>&amp;Keep the room when everyone has left</source>
        <translation>&amp;Keep the room when everyone has left</translation>
    </message>
    <message>
        <source>&amp;List the room in the room directory</source>
        <translation>&amp;List the room in the room directory</translation>
    </message>
    <message>
        <source>Only &amp;members may join</source>
        <translation>Only &amp;members may join</translation>
    </message>
    <message>
        <source>M&amp;oderated: newcomers need a voice to speak</source>
        <translation>M&amp;oderated: newcomers need a voice to speak</translation>
    </message>
    <message>
        <source>&amp;Everyone sees participants&apos; addresses (else moderators only)</source>
        <translation>&amp;Everyone sees participants&apos; addresses (else moderators only)</translation>
    </message>
    <message>
        <source>Participants may &amp;invite others</source>
        <translation>Participants may &amp;invite others</translation>
    </message>
    <message>
        <source>Participants may change the s&amp;ubject</source>
        <translation>Participants may change the s&amp;ubject</translation>
    </message>
</context>
<context>
    <name>flint::ui::DirectorySearchDialog</name>
    <message>
        <source>Find Colleagues</source>
        <translation>Find Colleagues</translation>
    </message>
    <message>
        <source>Search the directory of your server by part of a name, username or email address.</source>
        <translation>Search the directory of your server by part of a name, username or email address.</translation>
    </message>
    <message>
        <source>Name, username or email</source>
        <translation>Name, username or email</translation>
    </message>
    <message>
        <source>Search for</source>
        <translation>Search for</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>&amp;Add Contact</source>
        <translation>&amp;Add Contact</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>Searching</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>No one matches “%1”.</source>
        <translation>No one matches “%1”.</translation>
    </message>
    <message numerus="yes">
        <source>%n colleague(s) found.</source>
        <translation>
            <numerusform>%n colleague found.</numerusform>
            <numerusform>%n colleagues found.</numerusform>
        </translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>In contacts</source>
        <translation>In contacts</translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation>Adding…</translation>
    </message>
    <message>
        <source>Status</source>
        <comment>directory column: in contacts, you, being added</comment>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>flint::ui::EditGroupsDialog</name>
    <message>
        <source>Edit Groups</source>
        <translation>Edit Groups</translation>
    </message>
    <message>
        <source>Groups of %1:</source>
        <translation>Groups of %1:</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>&amp;New group:</source>
        <translation>&amp;New group:</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>New group</translation>
    </message>
</context>
<context>
    <name>flint::ui::EmojiPicker</name>
    <message>
        <source>Smileys</source>
        <translation>Smileys</translation>
    </message>
    <message>
        <source>Gestures</source>
        <translation>Gestures</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>Symbols</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Objects</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
</context>
<context>
    <name>flint::ui::HistoryWindow</name>
    <message>
        <source>You: %1</source>
        <translation>You: %1</translation>
    </message>
    <message>
        <source>History — Flint</source>
        <translation>History — Flint</translation>
    </message>
    <message>
        <source>Search all conversations</source>
        <translation>Search all conversations</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Double-click a message, or press Enter, to open it in the chat</source>
        <translation>Double-click a message, or press Enter, to open it in the chat</translation>
    </message>
    <message>
        <source>Choose a conversation to read it, or search above.</source>
        <translation>Choose a conversation to read it, or search above.</translation>
    </message>
    <message>
        <source>Double-click a message to continue the conversation there.</source>
        <translation>Double-click a message to continue the conversation there.</translation>
    </message>
    <message>
        <source>No messages match.</source>
        <translation>No messages match.</translation>
    </message>
    <message numerus="yes">
        <source>The %n newest matching messages</source>
        <translation>
            <numerusform>The newest matching message</numerusform>
            <numerusform>The %n newest matching messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching message(s)</source>
        <translation>
            <numerusform>%n matching message</numerusform>
            <numerusform>%n matching messages</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>nick in a room: message</comment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>flint::ui::InvitationPrompt</name>
    <message>
        <source>Invitation to %1</source>
        <translation>Invitation to %1</translation>
    </message>
    <message>
        <source>%1 invites you to the room %2</source>
        <translation>%1 invites you to the room %2</translation>
    </message>
    <message>
        <source>%1 invites you to %2</source>
        <translation>%1 invites you to %2</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Join</translation>
    </message>
    <message>
        <source>Join the room now</source>
        <translation>Join the room now</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Decline</translation>
    </message>
    <message>
        <source>Tell %1 you will not join</source>
        <translation>Tell %1 you will not join</translation>
    </message>
    <message>
        <source>Invitation from %1 to %2</source>
        <translation>Invitation from %1 to %2</translation>
    </message>
</context>
<context>
    <name>flint::ui::InviteDialog</name>
    <message>
        <source>Invite to %1</source>
        <translation>Invite to %1</translation>
    </message>
    <message>
        <source>Pick a contact or type an address. They get an invitation to join %1.</source>
        <translation>Pick a contact or type an address. They get an invitation to join %1.</translation>
    </message>
    <message>
        <source>Name or address, e.g. alex@example.org</source>
        <translation>Name or address, e.g. alex@example.org</translation>
    </message>
    <message>
        <source>Address to invite</source>
        <translation>Address to invite</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>&amp;Message (optional):</source>
        <translation>&amp;Message (optional):</translation>
    </message>
    <message>
        <source>Invitation message</source>
        <translation>Invitation message</translation>
    </message>
    <message>
        <source>e.g. We are planning the release</source>
        <translation>e.g. We are planning the release</translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation>&amp;Invite</translation>
    </message>
</context>
<context>
    <name>flint::ui::JoinRoomDialog</name>
    <message>
        <source>Joining %1…</source>
        <translation>Joining %1…</translation>
    </message>
    <message>
        <source>Join Room</source>
        <translation>Join Room</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>&amp;Room:</translation>
    </message>
    <message>
        <source>Room name or address</source>
        <translation>Room name or address</translation>
    </message>
    <message>
        <source>Name or address, e.g. planning</source>
        <translation>Name or address, e.g. planning</translation>
    </message>
    <message>
        <source>N&amp;ickname:</source>
        <translation>N&amp;ickname:</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Nickname</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Room password</source>
        <translation>Room password</translation>
    </message>
    <message>
        <source>&amp;Bookmark and join automatically</source>
        <translation>&amp;Bookmark and join automatically</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Join</translation>
    </message>
</context>
<context>
    <name>flint::ui::LoginController</name>
    <message>
        <source>Loading your contacts…</source>
        <translation>Loading your contacts…</translation>
    </message>
    <message>
        <source>The connection was lost; trying again…</source>
        <translation>The connection was lost; trying again…</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connecting to %1…</translation>
    </message>
    <message>
        <source>Waiting for you to check the server&apos;s certificate…</source>
        <translation>Waiting for you to check the server&apos;s certificate…</translation>
    </message>
    <message>
        <source>Password Not Remembered</source>
        <translation>Password Not Remembered</translation>
    </message>
    <message>
        <source>Flint could not keep your password.</source>
        <translation>Flint could not keep your password.</translation>
    </message>
</context>
<context>
    <name>flint::ui::LoginDialog</name>
    <message>
        <source>Log In to Flint</source>
        <translation>Log In to Flint</translation>
    </message>
    <message>
        <source>Flint logo</source>
        <translation>Flint logo</translation>
    </message>
    <message>
        <source>Chat with your team, securely.</source>
        <translation>Chat with your team, securely.</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>name or name@example.com</source>
        <translation>name or name@example.com</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>Status after logging in</source>
        <translation>Status after logging in</translation>
    </message>
    <message>
        <source>&amp;Remember password</source>
        <translation>&amp;Remember password</translation>
    </message>
    <message>
        <source>Keeps the password in your system&apos;s keyring</source>
        <translation>Keeps the password in your system&apos;s keyring</translation>
    </message>
    <message>
        <source>Log in &amp;automatically</source>
        <translation>Log in &amp;automatically</translation>
    </message>
    <message>
        <source>Ad&amp;vanced</source>
        <translation>Ad&amp;vanced</translation>
    </message>
    <message>
        <source>Advanced connection settings</source>
        <translation>Advanced connection settings</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>From the server&apos;s DNS records</source>
        <translation>From the server&apos;s DNS records</translation>
    </message>
    <message>
        <source>Host to connect to</source>
        <translation>Host to connect to</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>R&amp;esource:</source>
        <translation>R&amp;esource:</translation>
    </message>
    <message>
        <source>Chosen automatically</source>
        <translation>Chosen automatically</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation>Se&amp;curity:</translation>
    </message>
    <message>
        <source>STARTTLS (required)</source>
        <translation>STARTTLS (required)</translation>
    </message>
    <message>
        <source>Direct TLS</source>
        <translation>Direct TLS</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <source>Login failure</source>
        <translation>Login failure</translation>
    </message>
    <message>
        <source>Create account…</source>
        <translation>Create account…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Log In</source>
        <translation>Log In</translation>
    </message>
</context>
<context>
    <name>flint::ui::MainWindow</name>
    <message>
        <source>Your profile</source>
        <translation>Your profile</translation>
    </message>
    <message>
        <source>Edit your profile and picture</source>
        <translation>Edit your profile and picture</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Search contacts</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Add contact</translation>
    </message>
    <message>
        <source>Add someone to your contacts</source>
        <translation>Add someone to your contacts</translation>
    </message>
    <message>
        <source>Show offline</source>
        <translation>Show offline</translation>
    </message>
    <message>
        <source>Show contacts who are not online</source>
        <translation>Show contacts who are not online</translation>
    </message>
    <message>
        <source>&amp;Flint</source>
        <translation>&amp;Flint</translation>
    </message>
    <message>
        <source>&amp;Add Contact…</source>
        <translation>&amp;Add Contact…</translation>
    </message>
    <message>
        <source>&amp;Find Colleagues…</source>
        <translation>&amp;Find Colleagues…</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;History…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Log Out</source>
        <translation>&amp;Log Out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Find Contact</source>
        <translation>&amp;Find Contact</translation>
    </message>
    <message>
        <source>Show &amp;Offline Contacts</source>
        <translation>Show &amp;Offline Contacts</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Flint</source>
        <translation>&amp;About Flint</translation>
    </message>
    <message>
        <source>Flint — %1</source>
        <translation>Flint — %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnecting…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>No contact matches “%1”.</source>
        <translation>No contact matches “%1”.</translation>
    </message>
    <message>
        <source>None of your contacts is online.</source>
        <translation>None of your contacts is online.</translation>
    </message>
    <message>
        <source>No contacts yet.
Add the people you work with.</source>
        <translation>No contacts yet.
Add the people you work with.</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>View &amp;Profile</source>
        <translation>View &amp;Profile</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Rename…</translation>
    </message>
    <message>
        <source>Edit &amp;Groups…</source>
        <translation>Edit &amp;Groups…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>Re&amp;move…</translation>
    </message>
    <message>
        <source>Request sent to %1</source>
        <translation>Request sent to %1</translation>
    </message>
    <message>
        <source>Rename Contact</source>
        <translation>Rename Contact</translation>
    </message>
    <message>
        <source>Name for %1:</source>
        <translation>Name for %1:</translation>
    </message>
    <message>
        <source>Remove Contact</source>
        <translation>Remove Contact</translation>
    </message>
    <message>
        <source>Remove %1 from your contacts?</source>
        <translation>Remove %1 from your contacts?</translation>
    </message>
    <message>
        <source>%1 will no longer see when you are online, nor you when they are.</source>
        <translation>%1 will no longer see when you are online, nor you when they are.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>About Flint</source>
        <translation>About Flint</translation>
    </message>
    <message>
        <source>Flint %1</source>
        <translation>Flint %1</translation>
    </message>
    <message>
        <source>Instant messaging for teams, on your own server.</source>
        <translation>Instant messaging for teams, on your own server.</translation>
    </message>
    <message>
        <source>Your Rooms</source>
        <translation>Your Rooms</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>room name (unread count)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <source>%1 (joins automatically)</source>
        <translation>%1 (joins automatically)</translation>
    </message>
    <message>
        <source>File &amp;Transfers…</source>
        <translation>File &amp;Transfers…</translation>
    </message>
    <message>
        <source>&amp;Rooms</source>
        <translation>&amp;Rooms</translation>
    </message>
    <message>
        <source>&amp;Browse or Join Room…</source>
        <translation>&amp;Browse or Join Room…</translation>
    </message>
    <message>
        <source>&amp;Create Room…</source>
        <translation>&amp;Create Room…</translation>
    </message>
</context>
<context>
    <name>flint::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>long date, time of day</comment>
        <translation>%1 at %2</translation>
    </message>
    <message>
        <source>Offline message, sent at %1</source>
        <translation>Offline message, sent at %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>%1 · not on this computer</source>
        <translation>%1 · not on this computer</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Show in Folder</translation>
    </message>
</context>
<context>
    <name>flint::ui::MessageInput</name>
    <message>
        <source>Type a message</source>
        <translation>Type a message</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line</source>
        <translation>Enter sends the message, Shift+Enter starts a new line</translation>
    </message>
</context>
<context>
    <name>flint::ui::NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>flint::ui::OccupantDelegate</name>
    <message>
        <source>Moderators</source>
        <translation>Moderators</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>Others</translation>
    </message>
    <message>
        <source>Moderator</source>
        <translation>Moderator</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Participant</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (you)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>availability — status text</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>room role, affiliation</comment>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>flint::ui::ProfileDialog</name>
    <message>
        <source>Loading your profile…</source>
        <translation>Loading your profile…</translation>
    </message>
    <message>
        <source>My Profile</source>
        <translation>My Profile</translation>
    </message>
    <message>
        <source>Change Picture…</source>
        <translation>Change Picture…</translation>
    </message>
    <message>
        <source>Remove Picture</source>
        <translation>Remove Picture</translation>
    </message>
    <message>
        <source>Your picture</source>
        <translation>Your picture</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation>&amp;Full name</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>How colleagues see your name</source>
        <translation>How colleagues see your name</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Choose a Picture</source>
        <translation>Choose a Picture</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Images (%1)</translation>
    </message>
    <message>
        <source>“%1” could not be opened as a picture.</source>
        <translation>“%1” could not be opened as a picture.</translation>
    </message>
</context>
<context>
    <name>flint::ui::ReceivePrompt</name>
    <message>
        <source>Avatar of %1</source>
        <translation>Avatar of %1</translation>
    </message>
    <message>
        <source>%1 wants to send you a file</source>
        <translation>%1 wants to send you a file</translation>
    </message>
    <message>
        <source>Incoming File</source>
        <translation>Incoming File</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>file size · file type</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Accept saves it in %1.</source>
        <translation>Accept saves it in %1.</translation>
    </message>
    <message>
        <source>File type</source>
        <translation>File type</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Accept</translation>
    </message>
    <message>
        <source>Save the file in the downloads folder</source>
        <translation>Save the file in the downloads folder</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>&amp;Save As…</translation>
    </message>
    <message>
        <source>Choose where to save the file</source>
        <translation>Choose where to save the file</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Decline</translation>
    </message>
    <message>
        <source>Save File As</source>
        <translation>Save File As</translation>
    </message>
</context>
<context>
    <name>flint::ui::RegisterDialog</name>
    <message>
        <source>Create Account</source>
        <translation>Create Account</translation>
    </message>
    <message>
        <source>Create an account</source>
        <translation>Create an account</translation>
    </message>
    <message>
        <source>As an administrator of the server, you can create an account for someone else. Give them the username and password afterwards.</source>
        <translation>As an administrator of the server, you can create an account for someone else. Give them the username and password afterwards.</translation>
    </message>
    <message>
        <source>Choose a username and a password on your chat server.</source>
        <translation>Choose a username and a password on your chat server.</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Con&amp;firm:</source>
        <translation>Con&amp;firm:</translation>
    </message>
    <message>
        <source>The password again</source>
        <translation>The password again</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>example.com</source>
        <translation>example.com</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Ad&amp;vanced</source>
        <translation>Ad&amp;vanced</translation>
    </message>
    <message>
        <source>Advanced connection settings</source>
        <translation>Advanced connection settings</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>From the server&apos;s DNS records</source>
        <translation>From the server&apos;s DNS records</translation>
    </message>
    <message>
        <source>Host to connect to</source>
        <translation>Host to connect to</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>I am an &amp;administrator creating this account for someone else</source>
        <translation>I am an &amp;administrator creating this account for someone else</translation>
    </message>
    <message>
        <source>A&amp;dmin username:</source>
        <translation>A&amp;dmin username:</translation>
    </message>
    <message>
        <source>Administrator&apos;s username</source>
        <translation>Administrator&apos;s username</translation>
    </message>
    <message>
        <source>Admin pass&amp;word:</source>
        <translation>Admin pass&amp;word:</translation>
    </message>
    <message>
        <source>Administrator&apos;s password</source>
        <translation>Administrator&apos;s password</translation>
    </message>
    <message>
        <source>Creating the account</source>
        <translation>Creating the account</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Logging in as %1 to create %2…</source>
        <translation>Logging in as %1 to create %2…</translation>
    </message>
    <message>
        <source>Creating %1…</source>
        <translation>Creating %1…</translation>
    </message>
    <message>
        <source>%1 The new address is %2.</source>
        <translation>%1 The new address is %2.</translation>
    </message>
</context>
<context>
    <name>flint::ui::RoomBrowserDialog</name>
    <message>
        <source>Members only</source>
        <translation>Members only</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Moderated</source>
        <translation>Moderated</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between access kinds</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Asking the server for its rooms…</source>
        <translation>Asking the server for its rooms…</translation>
    </message>
    <message>
        <source>No listed room matches “%1”. Join opens it by that name or address; a new room is created if you may.</source>
        <translation>No listed room matches “%1”. Join opens it by that name or address; a new room is created if you may.</translation>
    </message>
    <message>
        <source>No public rooms yet. Type a name to join an unlisted room, or create one.</source>
        <translation>No public rooms yet. Type a name to join an unlisted room, or create one.</translation>
    </message>
    <message numerus="yes">
        <source>%n room(s) listed</source>
        <translation>
            <numerusform>%n room listed</numerusform>
            <numerusform>%n rooms listed</numerusform>
        </translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Rooms</translation>
    </message>
    <message>
        <source>Rooms on %1. Pick one to join, or type the name of a room that is not listed.</source>
        <translation>Rooms on %1. Pick one to join, or type the name of a room that is not listed.</translation>
    </message>
    <message>
        <source>Filter, or type a room name or address</source>
        <translation>Filter, or type a room name or address</translation>
    </message>
    <message>
        <source>Filter rooms or type a room name</source>
        <translation>Filter rooms or type a room name</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>People</source>
        <translation>People</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Access</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Create Room…</source>
        <translation>&amp;Create Room…</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Join</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>flint::ui::RoomWindow</name>
    <message>
        <source>Change the subject</source>
        <translation>Change the subject</translation>
    </message>
    <message>
        <source>Invite someone to this room</source>
        <translation>Invite someone to this room</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>Invite</translation>
    </message>
    <message>
        <source>Room menu</source>
        <translation>Room menu</translation>
    </message>
    <message>
        <source>Send a file to the room</source>
        <translation>Send a file to the room</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Message to the room</source>
        <translation>Message to the room</translation>
    </message>
    <message>
        <source>&amp;Invite…</source>
        <translation>&amp;Invite…</translation>
    </message>
    <message>
        <source>Send &amp;File…</source>
        <translation>Send &amp;File…</translation>
    </message>
    <message>
        <source>Change &amp;Nickname…</source>
        <translation>Change &amp;Nickname…</translation>
    </message>
    <message>
        <source>Change &amp;Subject…</source>
        <translation>Change &amp;Subject…</translation>
    </message>
    <message>
        <source>Room &amp;Settings…</source>
        <translation>Room &amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Destroy Room…</source>
        <translation>&amp;Destroy Room…</translation>
    </message>
    <message>
        <source>&amp;Leave Room</source>
        <translation>&amp;Leave Room</translation>
    </message>
    <message>
        <source>No subject</source>
        <translation>No subject</translation>
    </message>
    <message>
        <source>(%1) %2 — Flint</source>
        <comment>unread count, room name</comment>
        <translation>(%1) %2 — Flint</translation>
    </message>
    <message>
        <source>%1 — Flint</source>
        <comment>room name</comment>
        <translation>%1 — Flint</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n people</numerusform>
        </translation>
    </message>
    <message>
        <source>Rejoining the room…</source>
        <translation>Rejoining the room…</translation>
    </message>
    <message>
        <source>Joining the room…</source>
        <translation>Joining the room…</translation>
    </message>
    <message>
        <source>Could not join the room: %1</source>
        <translation>Could not join the room: %1</translation>
    </message>
    <message>
        <source>You need a voice to speak in this room</source>
        <translation>You need a voice to speak in this room</translation>
    </message>
    <message>
        <source>Waiting for the room…</source>
        <translation>Waiting for the room…</translation>
    </message>
    <message>
        <source>You are not in this room</source>
        <translation>You are not in this room</translation>
    </message>
    <message>
        <source>Edit &amp;Bookmark…</source>
        <translation>Edit &amp;Bookmark…</translation>
    </message>
    <message>
        <source>&amp;Bookmark…</source>
        <translation>&amp;Bookmark…</translation>
    </message>
    <message>
        <source>Edit this room&apos;s bookmark</source>
        <translation>Edit this room&apos;s bookmark</translation>
    </message>
    <message>
        <source>Bookmark this room</source>
        <translation>Bookmark this room</translation>
    </message>
    <message>
        <source>You left the room.</source>
        <translation>You left the room.</translation>
    </message>
    <message>
        <source>You were removed from the room.</source>
        <translation>You were removed from the room.</translation>
    </message>
    <message>
        <source>You were banned from the room.</source>
        <translation>You were banned from the room.</translation>
    </message>
    <message>
        <source>The room was destroyed.</source>
        <translation>The room was destroyed.</translation>
    </message>
    <message>
        <source>The room is for members only and you are no longer a member.</source>
        <translation>The room is for members only and you are no longer a member.</translation>
    </message>
    <message>
        <source>The room service is shutting down.</source>
        <translation>The room service is shutting down.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>%1: </source>
        <translation>%1: </translation>
    </message>
    <message>
        <source>Private &amp;Chat</source>
        <translation>Private &amp;Chat</translation>
    </message>
    <message>
        <source>&amp;Mention</source>
        <translation>&amp;Mention</translation>
    </message>
    <message>
        <source>Grant &amp;Voice</source>
        <translation>Grant &amp;Voice</translation>
    </message>
    <message>
        <source>Revoke &amp;Voice…</source>
        <translation>Revoke &amp;Voice…</translation>
    </message>
    <message>
        <source>Revoke Voice</source>
        <translation>Revoke Voice</translation>
    </message>
    <message>
        <source>Why may %1 no longer speak?</source>
        <translation>Why may %1 no longer speak?</translation>
    </message>
    <message>
        <source>Revoke M&amp;oderator</source>
        <translation>Revoke M&amp;oderator</translation>
    </message>
    <message>
        <source>Make M&amp;oderator</source>
        <translation>Make M&amp;oderator</translation>
    </message>
    <message>
        <source>Revoke Mem&amp;bership</source>
        <translation>Revoke Mem&amp;bership</translation>
    </message>
    <message>
        <source>Make Mem&amp;ber</source>
        <translation>Make Mem&amp;ber</translation>
    </message>
    <message>
        <source>Make &amp;Admin</source>
        <translation>Make &amp;Admin</translation>
    </message>
    <message>
        <source>Make O&amp;wner</source>
        <translation>Make O&amp;wner</translation>
    </message>
    <message>
        <source>&amp;Kick…</source>
        <translation>&amp;Kick…</translation>
    </message>
    <message>
        <source>Kick</source>
        <translation>Kick</translation>
    </message>
    <message>
        <source>Remove %1 from the room. Reason (optional):</source>
        <translation>Remove %1 from the room. Reason (optional):</translation>
    </message>
    <message>
        <source>Ba&amp;n…</source>
        <translation>Ba&amp;n…</translation>
    </message>
    <message>
        <source>Ban</source>
        <translation>Ban</translation>
    </message>
    <message>
        <source>Ban %1 (%2) from the room for good. Reason (optional):</source>
        <translation>Ban %1 (%2) from the room for good. Reason (optional):</translation>
    </message>
    <message>
        <source>Send Files to %1</source>
        <translation>Send Files to %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>file name: error</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Change Nickname</source>
        <translation>Change Nickname</translation>
    </message>
    <message>
        <source>Your nickname in %1:</source>
        <translation>Your nickname in %1:</translation>
    </message>
    <message>
        <source>Change Subject</source>
        <translation>Change Subject</translation>
    </message>
    <message>
        <source>Subject of %1:</source>
        <translation>Subject of %1:</translation>
    </message>
    <message>
        <source>Destroy Room</source>
        <translation>Destroy Room</translation>
    </message>
    <message>
        <source>Destroy %1? Everyone in it is removed and its settings are lost. Reason (optional):</source>
        <translation>Destroy %1? Everyone in it is removed and its settings are lost. Reason (optional):</translation>
    </message>
    <message>
        <source>Destroy</source>
        <translation>Destroy</translation>
    </message>
    <message>
        <source>as %1</source>
        <comment>own nick in the room</comment>
        <translation>as %1</translation>
    </message>
    <message>
        <source>Your nickname in this room</source>
        <translation>Your nickname in this room</translation>
    </message>
    <message>
        <source>Write to the room</source>
        <translation>Write to the room</translation>
    </message>
    <message>
        <source>Drop files here to share them in %1</source>
        <translation>Drop files here to share them in %1</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Try Again</translation>
    </message>
    <message>
        <source>Join Again</source>
        <translation>Join Again</translation>
    </message>
</context>
<context>
    <name>flint::ui::RosterDelegate</name>
    <message>
        <source>Waiting for approval</source>
        <translation>Waiting for approval</translation>
    </message>
</context>
<context>
    <name>flint::ui::SearchBar</name>
    <message>
        <source>Find in conversation (%1)</source>
        <translation>Find in conversation (%1)</translation>
    </message>
    <message>
        <source>Find in conversation</source>
        <translation>Find in conversation</translation>
    </message>
    <message>
        <source>Older match (Enter)</source>
        <translation>Older match (Enter)</translation>
    </message>
    <message>
        <source>Older match</source>
        <translation>Older match</translation>
    </message>
    <message>
        <source>Newer match (Shift+Enter)</source>
        <translation>Newer match (Shift+Enter)</translation>
    </message>
    <message>
        <source>Newer match</source>
        <translation>Newer match</translation>
    </message>
    <message>
        <source>Close the find bar (Esc)</source>
        <translation>Close the find bar (Esc)</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Close the find bar</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>No newer matches</source>
        <translation>No newer matches</translation>
    </message>
    <message>
        <source>No match yet; Enter looks further back</source>
        <translation>No match yet; Enter looks further back</translation>
    </message>
    <message>
        <source>No older matches</source>
        <translation>No older matches</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>No matches</translation>
    </message>
</context>
<context>
    <name>flint::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Presence</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Settings pages</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>System default</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Start Flint when I log in</source>
        <translation>Start Flint when I log in</translation>
    </message>
    <message>
        <source>Flint could not change whether it starts when you log in to the computer.</source>
        <translation>Flint could not change whether it starts when you log in to the computer.</translation>
    </message>
    <message>
        <source>Keep running in the tray when the window is closed</source>
        <translation>Keep running in the tray when the window is closed</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Theme</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Same as the system</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>&amp;Font size</source>
        <translation>&amp;Font size</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>Font size</translation>
    </message>
    <message>
        <source>Show a notification when a message arrives</source>
        <translation>Show a notification when a message arrives</translation>
    </message>
    <message>
        <source>Play a sound with the notification</source>
        <translation>Play a sound with the notification</translation>
    </message>
    <message>
        <source>Set me &amp;away after</source>
        <translation>Set me &amp;away after</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Never</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes until away</source>
        <translation>Minutes until away</translation>
    </message>
    <message>
        <source>Your status changes to Away when you have not used the keyboard or mouse for this long, and back when you return.</source>
        <translation>Your status changes to Away when you have not used the keyboard or mouse for this long, and back when you return.</translation>
    </message>
    <message>
        <source>Save &amp;downloads to</source>
        <translation>Save &amp;downloads to</translation>
    </message>
    <message>
        <source>Downloads folder</source>
        <translation>Downloads folder</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Choose the Downloads Folder</source>
        <translation>Choose the Downloads Folder</translation>
    </message>
    <message>
        <source>Open the chat window when a new conversation starts</source>
        <translation>Open the chat window when a new conversation starts</translation>
    </message>
</context>
<context>
    <name>flint::ui::StatusSelector</name>
    <message>
        <source>Availability</source>
        <translation>Availability</translation>
    </message>
    <message>
        <source>Your availability, as your contacts see it</source>
        <translation>Your availability, as your contacts see it</translation>
    </message>
    <message>
        <source>What are you doing?</source>
        <translation>What are you doing?</translation>
    </message>
    <message>
        <source>Status message</source>
        <translation>Status message</translation>
    </message>
</context>
<context>
    <name>flint::ui::SubscriptionPrompt</name>
    <message>
        <source>%1 wants to see when you are online</source>
        <translation>%1 wants to see when you are online</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Share your presence and add them to your contacts</source>
        <translation>Share your presence and add them to your contacts</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Deny</translation>
    </message>
    <message>
        <source>Do not share your presence</source>
        <translation>Do not share your presence</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Decide at your next login</source>
        <translation>Decide at your next login</translation>
    </message>
    <message>
        <source>Contact request from %1</source>
        <translation>Contact request from %1</translation>
    </message>
</context>
<context>
    <name>flint::ui::TranscriptView</name>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>Copy &amp;Link Address</source>
        <translation>Copy &amp;Link Address</translation>
    </message>
    <message>
        <source>&amp;Open Link</source>
        <translation>&amp;Open Link</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Select &amp;All</translation>
    </message>
    <message>
        <source>No messages yet. Say hello!</source>
        <translation>No messages yet. Say hello!</translation>
    </message>
    <message>
        <source>&amp;Download File</source>
        <translation>&amp;Download File</translation>
    </message>
    <message>
        <source>Cancel &amp;Download</source>
        <translation>Cancel &amp;Download</translation>
    </message>
    <message>
        <source>&amp;Open File</source>
        <translation>&amp;Open File</translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation>Show in &amp;Folder</translation>
    </message>
</context>
<context>
    <name>flint::ui::TransferRow</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop this transfer</source>
        <translation>Stop this transfer</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Open the file</source>
        <translation>Open the file</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Show in Folder</translation>
    </message>
    <message>
        <source>Open the folder that holds the file</source>
        <translation>Open the folder that holds the file</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Verified: the file&apos;s checksum matches what the sender announced</source>
        <translation>Verified: the file&apos;s checksum matches what the sender announced</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>To %1</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>From %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>peer · transfer method</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verified</translation>
    </message>
    <message>
        <source> · </source>
        <comment>separator of the parts of a transfer&apos;s state</comment>
        <translation> · </translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>flint::ui::TransferText</name>
    <message>
        <source>unknown size</source>
        <translation>unknown size</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <comment>bytes done of total size</comment>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>transfer speed</comment>
        <translation>%1/s</translation>
    </message>
    <message numerus="yes">
        <source>%n s left</source>
        <translation>
            <numerusform>%n s left</numerusform>
            <numerusform>%n s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>%n min left</numerusform>
            <numerusform>%n min left</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>%1 h %2 min left</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direct</translation>
    </message>
    <message>
        <source>via the server&apos;s proxy</source>
        <translation>via the server&apos;s proxy</translation>
    </message>
    <message>
        <source>in-band</source>
        <translation>in-band</translation>
    </message>
    <message>
        <source>upload</source>
        <translation>upload</translation>
    </message>
    <message>
        <source>download</source>
        <translation>download</translation>
    </message>
    <message>
        <source>Waiting for you to accept</source>
        <translation>Waiting for you to accept</translation>
    </message>
    <message>
        <source>Waiting for the recipient to accept</source>
        <translation>Waiting for the recipient to accept</translation>
    </message>
    <message>
        <source>Preparing the upload…</source>
        <translation>Preparing the upload…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation>Receiving…</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>flint::ui::TransfersWindow</name>
    <message>
        <source>File Transfers</source>
        <translation>File Transfers</translation>
    </message>
    <message>
        <source>No file transfers yet.
Send a file from a chat with the paper clip button, or drop it onto the chat.</source>
        <translation>No file transfers yet.
Send a file from a chat with the paper clip button, or drop it onto the chat.</translation>
    </message>
    <message>
        <source>C&amp;lear Finished</source>
        <translation>C&amp;lear Finished</translation>
    </message>
    <message>
        <source>Remove finished, failed and cancelled transfers from the list</source>
        <translation>Remove finished, failed and cancelled transfers from the list</translation>
    </message>
    <message>
        <source>Open &amp;Downloads Folder</source>
        <translation>Open &amp;Downloads Folder</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>File transfers</source>
        <translation>File transfers</translation>
    </message>
</context>
<context>
    <name>flint::ui::TrayIcon</name>
    <message>
        <source>Flint — %1</source>
        <translation>Flint — %1</translation>
    </message>
    <message numerus="yes">
        <source>Flint — %1 — %n unread message(s)</source>
        <translation>
            <numerusform>Flint — %1 — %n unread message</numerusform>
            <numerusform>Flint — %1 — %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Flint</source>
        <translation>Open Flint</translation>
    </message>
    <message>
        <source>Log Out</source>
        <translation>Log Out</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <comment>nick in room</comment>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>%1 wants to send you a file</source>
        <translation>%1 wants to send you a file</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>file name (size)</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
</TS>
