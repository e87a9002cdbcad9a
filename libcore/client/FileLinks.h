// Files shared as links: a message whose body is an HTTPS URL, with XEP-0066 out-of-band data and
// the file's name, size, media type and SHA-256 (XEP-0447 file sharing with XEP-0446 metadata).
// The one place such messages are built and read, for chats (Conversation) and rooms (Room).
#pragma once

#include "client/HistoryStore.h"

#include <optional>

class QXmppMessage;

namespace flint {

// The attachment a message links to, or nullopt when it is not a file link. Other clients often
// send only the XEP-0066 URL: then the name comes from the URL's path and size and hash are
// unknown.
std::optional<FileAttachment> parseFileLink(const QXmppMessage &message);

// Makes `message` carry `attachment` (its url, name, size, media type and hash): the URL as the
// body for clients that know neither XEP, plus the out-of-band URL and the file-sharing element.
void addFileLink(QXmppMessage &message, const FileAttachment &attachment);

} // namespace flint
