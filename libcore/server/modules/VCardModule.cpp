#include "VCardModule.h"

#include "server/AccountStore.h"
#include "server/C2SSession.h"
#include "server/XmlStream.h"

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString VCardNs = u"vcard-temp"_s;
// Room for a photo of about 190 KiB once base64-encoded.
constexpr qsizetype MaxVCardBytes = 256 * 1024;

} // namespace

VCardModule::VCardModule(ServerContext &context) : ServerModule(context), m_store(context.database)
{
    Router &router = context.router;
    router.addHandler(u"iq-get/self/"_s + VCardNs, [this](const StanzaEvent &event) {
        answerGet(event, event.origin->username());
        return true;
    });
    router.addHandler(u"iq-set/self/"_s + VCardNs, [this](const StanzaEvent &event) {
        handleSet(event);
        return true;
    });
    router.addHandler(u"iq-get/bare/"_s + VCardNs, [this](const StanzaEvent &event) {
        const QString username = event.stanza.to().local();
        if (!m_context.accounts.exists(username)) {
            m_context.router.bounce(event.stanza, u"cancel"_s, u"service-unavailable"_s);
            return true;
        }
        answerGet(event, username);
        return true;
    });
    router.addHandler(u"iq-set/bare/"_s + VCardNs, [this](const StanzaEvent &event) {
        if (!m_context.accounts.exists(event.stanza.to().local()))
            m_context.router.bounce(event.stanza, u"cancel"_s, u"service-unavailable"_s);
        else
            m_context.router.bounce(event.stanza, u"auth"_s, u"forbidden"_s,
                                    u"Only the owner of an account can change its vCard."_s);
        return true;
    });

    context.features << VCardNs;
    context.userFeatures << VCardNs;
    connect(&context.accounts, &AccountStore::accountRemoved, this,
            [this](const QString &username) { m_store.removeUser(username); });
}

void VCardModule::answerGet(const StanzaEvent &event, const QString &username)
{
    QByteArray xml;
    if (!m_store.load(username, &xml)) {
        m_context.router.bounce(event.stanza, u"wait"_s, u"internal-server-error"_s);
        return;
    }
    Stanza reply = event.stanza.iqResult();
    QDomDocument document = reply.element().ownerDocument();
    // No stored vCard reads as an empty one, which every client understands.
    const QDomElement vcard =
        xml.isEmpty() ? document.createElementNS(VCardNs, u"vCard"_s) : parseElement(xml);
    reply.element().appendChild(document.importNode(vcard, true));
    m_context.router.sendTo(event.origin, reply);
}

void VCardModule::handleSet(const StanzaEvent &event)
{
    const QDomElement vcard = event.stanza.payload();
    if (vcard.localName() != u"vCard"_s) {
        m_context.router.bounce(event.stanza, u"modify"_s, u"bad-request"_s,
                                u"Expected a <vCard/> element."_s);
        return;
    }
    const QByteArray xml = serializeElement(vcard);
    if (xml.size() > MaxVCardBytes) {
        m_context.router.bounce(
            event.stanza, u"modify"_s, u"not-acceptable"_s,
            u"The vCard is larger than %1 KiB; use a smaller photo."_s.arg(MaxVCardBytes / 1024));
        return;
    }
    if (!m_store.save(event.origin->username(), xml)) {
        m_context.router.bounce(event.stanza, u"wait"_s, u"internal-server-error"_s);
        return;
    }
    m_context.router.sendTo(event.origin, event.stanza.iqResult());
}

} // namespace flint
