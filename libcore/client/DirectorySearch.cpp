#include "DirectorySearch.h"

#include "client/AccountSession.h"
#include "common/Dom.h"
#include "common/Logging.h"

#include <QCoreApplication>
#include <QDomElement>
#include <QHash>
#include <QTimer>
#include <QXmlStreamWriter>
#include <QXmppClient.h>
#include <QXmppDataForm.h>
#include <QXmppDiscoveryIq.h>
#include <QXmppDiscoveryManager.h>
#include <QXmppError.h>
#include <QXmppSendResult.h>
#include <QXmppTask.h>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString SearchNs = u"jabber:iq:search"_s;
const QString DataFormsNs = u"jabber:x:data"_s;
const QStringList LegacyFields = {u"first"_s, u"last"_s, u"nick"_s, u"email"_s};
// Which field of a search form takes a name, best first: the one field of Flint's and
// Openfire's forms, then the fields ejabberd's vJUD matches names with, then the legacy ones.
const QStringList NameFields = {u"search"_s, u"fn"_s,   u"name"_s, u"nick"_s,
                                u"first"_s,  u"user"_s, u"last"_s, u"email"_s};
// Disco items asked at once whether they are a search service.
constexpr qsizetype MaxProbedItems = 20;

DirectoryEntry entryFrom(const QString &jid, const QHash<QString, QString> &fields)
{
    QString name = fields.value(u"fn"_s);
    if (name.isEmpty())
        name = QStringList{fields.value(u"first"_s), fields.value(u"last"_s)}.join(u' ').trimmed();
    if (name.isEmpty())
        name = fields.value(u"nick"_s);
    return {jid, name, fields.value(u"email"_s)};
}

// A jabber:iq:search query: the service's form when read, the results when searched.
class SearchIq : public QXmppIq {
public:
    // What the service offers.
    QStringList legacyFields;
    QXmppDataForm form;
    // What a search sends: one legacy field, or the submitted form.
    std::pair<QString, QString> legacyQuery;
    // What a search returns.
    QList<DirectoryEntry> results;

    void parseElementFromChild(const QDomElement &element) override
    {
        const QDomElement query = childElement(element, u"query"_s, SearchNs);
        for (QDomElement child = query.firstChildElement(); !child.isNull();
             child = child.nextSiblingElement()) {
            if (child.localName() == u"x"_s && child.namespaceURI() == DataFormsNs)
                parseForm(child);
            else if (child.localName() == u"item"_s)
                parseLegacyItem(child);
            else if (LegacyFields.contains(child.localName()))
                legacyFields << child.localName();
        }
    }

    void toXmlElementFromChild(QXmlStreamWriter *writer) const override
    {
        writer->writeStartElement(u"query"_s);
        writer->writeDefaultNamespace(SearchNs);
        if (!form.isNull())
            form.toXml(writer);
        else if (!legacyQuery.first.isEmpty())
            writer->writeTextElement(legacyQuery.first, legacyQuery.second);
        writer->writeEndElement();
    }

private:
    void parseForm(const QDomElement &x)
    {
        if (x.attribute(u"type"_s) != u"result"_s) {
            form.parse(x);
            return;
        }
        // XEP-0055 §4 results: one <item/> of fields per match, as announced in <reported/>.
        for (QDomElement item = x.firstChildElement(u"item"_s); !item.isNull();
             item = item.nextSiblingElement(u"item"_s)) {
            QHash<QString, QString> fields;
            for (QDomElement field = item.firstChildElement(u"field"_s); !field.isNull();
                 field = field.nextSiblingElement(u"field"_s))
                fields.insert(field.attribute(u"var"_s).toLower(),
                              field.firstChildElement(u"value"_s).text().trimmed());
            if (!fields.value(u"jid"_s).isEmpty())
                results << entryFrom(fields.value(u"jid"_s), fields);
        }
    }

    void parseLegacyItem(const QDomElement &item)
    {
        QHash<QString, QString> fields;
        for (const QString &name : LegacyFields)
            fields.insert(name, item.firstChildElement(name).text().trimmed());
        if (item.hasAttribute(u"jid"_s))
            results << entryFrom(item.attribute(u"jid"_s), fields);
    }
};

DirectorySearchResult resultOf(const QXmppError &error)
{
    using Condition = QXmppStanza::Error::Condition;
    if (const auto stanzaError = error.value<QXmppStanza::Error>()) {
        switch (stanzaError->condition()) {
        case Condition::ServiceUnavailable:
        case Condition::FeatureNotImplemented:
        case Condition::ItemNotFound:
            return {DirectorySearchResult::NotSupported, stanzaError->text()};
        case Condition::BadRequest:
        case Condition::NotAcceptable:
        case Condition::ResourceConstraint:
            return {DirectorySearchResult::Rejected, stanzaError->text()};
        case Condition::Forbidden:
        case Condition::NotAuthorized:
        case Condition::NotAllowed:
        case Condition::RegistrationRequired:
            return {DirectorySearchResult::Forbidden, stanzaError->text()};
        default:
            return {DirectorySearchResult::Other, stanzaError->text()};
        }
    }
    if (error.holdsType<QXmpp::SendError>())
        return {DirectorySearchResult::NotConnected, error.description};
    return {DirectorySearchResult::Other, error.description};
}

// The submitted form: `text` in the field best suited to a name, every other field as the
// service preset it (Openfire's checkboxes say which properties its one field matches).
std::optional<QXmppDataForm> submission(const QXmppDataForm &form, const QString &text)
{
    QXmppDataForm submitted = form;
    submitted.setType(QXmppDataForm::Submit);
    submitted.setTitle({});
    submitted.setInstructions({});
    QList<QXmppDataForm::Field> &fields = submitted.fields();
    qsizetype target = -1;
    for (const QString &name : NameFields) {
        const auto found = std::find_if(
            fields.cbegin(), fields.cend(),
            [&name](const QXmppDataForm::Field &field) { return field.key() == name; });
        if (found != fields.cend()) {
            target = found - fields.cbegin();
            break;
        }
    }
    for (qsizetype i = 0; target < 0 && i < fields.size(); ++i) {
        if (fields[i].type() == QXmppDataForm::Field::TextSingleField)
            target = i;
    }
    if (target < 0)
        return std::nullopt;
    fields[target].setValue(text);
    return submitted;
}

} // namespace

struct DirectorySearch::ServiceForm {
    QStringList legacyFields;
    QXmppDataForm form;
};

QString describe(const DirectorySearchResult &result)
{
    switch (result.kind) {
    case DirectorySearchResult::Ok:
        return QCoreApplication::translate("flint::DirectorySearch", "The search is complete.");
    case DirectorySearchResult::NotSupported:
        return QCoreApplication::translate("flint::DirectorySearch",
                                           "Your server does not offer a user directory.");
    case DirectorySearchResult::NotConnected:
        return QCoreApplication::translate("flint::DirectorySearch",
                                           "You are not connected to the server.");
    case DirectorySearchResult::EmptyQuery:
        return QCoreApplication::translate("flint::DirectorySearch",
                                           "Enter part of a name, username or email address.");
    case DirectorySearchResult::Rejected:
        return QCoreApplication::translate("flint::DirectorySearch",
                                           "The directory did not accept this search.");
    case DirectorySearchResult::Forbidden:
        return QCoreApplication::translate("flint::DirectorySearch",
                                           "You are not allowed to search the directory.");
    case DirectorySearchResult::TimedOut:
        return QCoreApplication::translate("flint::DirectorySearch",
                                           "The server did not answer in time.");
    case DirectorySearchResult::Other:
        break;
    }
    return QCoreApplication::translate("flint::DirectorySearch", "The directory search failed: %1")
        .arg(result.detail);
}

DirectorySearch::DirectorySearch(AccountSession &session, QObject *parent)
    : QObject(parent), m_session(session)
{
    QXmppClient &client = session.client();
    m_disco = client.findExtension<QXmppDiscoveryManager>();
    if (!m_disco)
        m_disco = client.addNewExtension<QXmppDiscoveryManager>();
    // A new session may be on a server that was upgraded or reconfigured meanwhile.
    connect(&session, &AccountSession::loggedIn, this, [this] {
        m_service.reset();
        m_form.reset();
    });
}

DirectorySearch::~DirectorySearch() = default;

void DirectorySearch::search(const QString &text)
{
    cancel();
    m_text = text.trimmed();
    if (m_text.isEmpty()) {
        Q_EMIT searchFailed({DirectorySearchResult::EmptyQuery, {}});
        return;
    }
    if (!m_session.client().isAuthenticated()) {
        Q_EMIT searchFailed({DirectorySearchResult::NotConnected, {}});
        return;
    }
    const quint64 id = m_searchId;
    QTimer::singleShot(std::chrono::seconds(std::max(1, m_session.settings().timeoutSeconds)), this,
                       [this, id] {
                           if (id == m_searchId)
                               fail({DirectorySearchResult::TimedOut, u"no answer in time"_s});
                       });
    proceed();
}

void DirectorySearch::cancel()
{
    ++m_searchId;
}

// The next step of the search in progress, from what is known so far.
void DirectorySearch::proceed()
{
    if (!m_service)
        discoverService();
    else if (m_service->isEmpty())
        fail({DirectorySearchResult::NotSupported, {}});
    else if (!m_form)
        requestForm();
    else
        submit();
}

void DirectorySearch::discoverService()
{
    const quint64 id = m_searchId;
    const QString domain = m_session.client().configuration().domain();
    m_disco->requestDiscoInfo(domain).then(
        this, [this, id, domain](QXmppDiscoveryManager::InfoResult &&result) {
            if (id != m_searchId)
                return;
            if (const auto *error = std::get_if<QXmppError>(&result)) {
                if (error->holdsType<QXmpp::SendError>()) {
                    fail(resultOf(*error));
                    return;
                }
            } else if (std::get<QXmppDiscoveryIq>(result).features().contains(SearchNs)) {
                m_service = domain;
                proceed();
                return;
            }
            discoverItems();
        });
}

void DirectorySearch::discoverItems()
{
    const quint64 id = m_searchId;
    const QString domain = m_session.client().configuration().domain();
    m_disco->requestDiscoItems(domain).then(
        this, [this, id](QXmppDiscoveryManager::ItemsResult &&result) {
            if (id != m_searchId)
                return;
            QStringList candidates;
            if (const auto *items = std::get_if<QList<QXmppDiscoveryIq::Item>>(&result)) {
                for (const QXmppDiscoveryIq::Item &item : *items) {
                    if (!item.jid().isEmpty() && item.node().isEmpty() &&
                        !candidates.contains(item.jid()))
                        candidates << item.jid();
                }
            }
            candidates = candidates.mid(0, MaxProbedItems);
            if (candidates.isEmpty()) {
                m_service = QString();
                proceed();
                return;
            }
            // Asked all at once; the first to announce jabber:iq:search is the service.
            auto remaining = std::make_shared<qsizetype>(candidates.size());
            for (const QString &jid : std::as_const(candidates)) {
                m_disco->requestDiscoInfo(jid).then(
                    this, [this, id, jid, remaining](QXmppDiscoveryManager::InfoResult &&info) {
                        --*remaining;
                        if (id != m_searchId || m_service)
                            return;
                        const auto *iq = std::get_if<QXmppDiscoveryIq>(&info);
                        if (iq && iq->features().contains(SearchNs))
                            m_service = jid;
                        else if (*remaining == 0)
                            m_service = QString();
                        else
                            return;
                        proceed();
                    });
            }
        });
}

void DirectorySearch::requestForm()
{
    const quint64 id = m_searchId;
    SearchIq request;
    request.setType(QXmppIq::Get);
    request.setTo(*m_service);
    m_session.client()
        .sendIq(std::move(request))
        .then(this, [this, id](QXmppClient::IqResult &&answer) {
            if (id != m_searchId)
                return;
            if (const auto *error = std::get_if<QXmppError>(&answer)) {
                fail(resultOf(*error));
                return;
            }
            SearchIq offered;
            offered.parse(std::get<QDomElement>(answer));
            m_form = std::make_unique<ServiceForm>(ServiceForm{offered.legacyFields, offered.form});
            proceed();
        });
}

void DirectorySearch::submit()
{
    const quint64 id = m_searchId;
    SearchIq query;
    query.setType(QXmppIq::Set);
    query.setTo(*m_service);
    if (!m_form->form.isNull()) {
        const auto submitted = submission(m_form->form, m_text);
        if (!submitted) {
            fail({DirectorySearchResult::NotSupported, u"the search form has no text field"_s});
            return;
        }
        query.form = *submitted;
    } else {
        // The legacy fields are and-ed, so the name goes into one of them only.
        const auto field =
            std::find_if(NameFields.cbegin(), NameFields.cend(), [this](const QString &name) {
                return m_form->legacyFields.contains(name);
            });
        query.legacyQuery = {field == NameFields.cend() ? u"first"_s : *field, m_text};
    }
    m_session.client()
        .sendIq(std::move(query))
        .then(this, [this, id](QXmppClient::IqResult &&answer) {
            if (id != m_searchId)
                return;
            if (const auto *error = std::get_if<QXmppError>(&answer)) {
                fail(resultOf(*error));
                return;
            }
            SearchIq found;
            found.parse(std::get<QDomElement>(answer));
            ++m_searchId; // answered: its timeout no longer applies
            qCDebug(lcClientDirectory)
                << "search in" << *m_service << "found" << found.results.size();
            Q_EMIT resultsReceived(found.results);
        });
}

void DirectorySearch::fail(const DirectorySearchResult &result)
{
    qCInfo(lcClientDirectory) << "directory search failed:" << result.kind << result.detail;
    cancel();
    Q_EMIT searchFailed(result);
}

} // namespace flint
