#include "SearchModule.h"

#include "common/Database.h"
#include "common/Dom.h"
#include "server/XmlStream.h"

#include <QVariant>
#include <QXmlStreamWriter>
#include <QXmppDataForm.h>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString SearchNs = u"jabber:iq:search"_s;
const QString DataFormsNs = u"jabber:x:data"_s;
// The data form's one field: matched against username, names and email addresses.
const QString AnyField = u"search"_s;
constexpr int MaxResults = 50;

const QString Instructions =
    u"Enter part of a colleague's name, username or email address. At most %1 matches are "
    "returned."_s.arg(MaxResults);

struct DirectoryEntry {
    QString username;
    QString fullName; // FN
    QString given;    // N/GIVEN
    QString family;   // N/FAMILY
    QString nick;
    QStringList emails;

    // What the legacy <first/> carries: the given name, or the formatted name of a card that
    // has no structured one (clients show first + last, so such a name still appears).
    QString first() const { return given.isEmpty() && family.isEmpty() ? fullName : given; }
    QString displayName() const
    {
        return fullName.isEmpty() ? QStringList{given, family}.join(u' ').trimmed() : fullName;
    }
};

// Search terms by field; every non-empty one must match (XEP-0055 §2).
struct Criteria {
    QString first;
    QString last;
    QString nick;
    QString email;
    QString any;

    bool isEmpty() const
    {
        return first.isEmpty() && last.isEmpty() && nick.isEmpty() && email.isEmpty() &&
               any.isEmpty();
    }
    QString *termFor(QStringView field)
    {
        if (field == u"first")
            return &first;
        if (field == u"last")
            return &last;
        if (field == u"nick")
            return &nick;
        if (field == u"email")
            return &email;
        if (field == AnyField)
            return &any;
        return nullptr;
    }
};

// The legacy field elements of a request, or the fields of its submitted data form.
Criteria criteriaOf(const QDomElement &query, bool *usedForm)
{
    Criteria criteria;
    const QDomElement formElement = childElement(query, u"x"_s, DataFormsNs);
    *usedForm = !formElement.isNull();
    if (*usedForm) {
        QXmppDataForm form;
        form.parse(formElement);
        for (const QXmppDataForm::Field &field : std::as_const(form).fields()) {
            if (QString *term = criteria.termFor(field.key()))
                *term = field.value().toString().trimmed();
        }
        return criteria;
    }
    for (QDomElement child = query.firstChildElement(); !child.isNull();
         child = child.nextSiblingElement()) {
        if (QString *term = criteria.termFor(child.localName()))
            *term = child.text().trimmed();
    }
    return criteria;
}

DirectoryEntry entryFrom(const QString &username, const QDomElement &vcard)
{
    DirectoryEntry entry{.username = username};
    entry.fullName = vcard.firstChildElement(u"FN"_s).text().trimmed();
    const QDomElement name = vcard.firstChildElement(u"N"_s);
    entry.given = name.firstChildElement(u"GIVEN"_s).text().trimmed();
    entry.family = name.firstChildElement(u"FAMILY"_s).text().trimmed();
    entry.nick = vcard.firstChildElement(u"NICKNAME"_s).text().trimmed();
    for (QDomElement email = vcard.firstChildElement(u"EMAIL"_s); !email.isNull();
         email = email.nextSiblingElement(u"EMAIL"_s)) {
        const QDomElement userId = email.firstChildElement(u"USERID"_s);
        // Early vcard-temp writers put the address straight into <EMAIL/>.
        const QString address = (userId.isNull() ? email.text() : userId.text()).trimmed();
        if (!address.isEmpty())
            entry.emails << address;
    }
    return entry;
}

bool contains(const QString &value, const QString &term)
{
    return value.contains(term, Qt::CaseInsensitive);
}

bool matches(const DirectoryEntry &entry, const Criteria &criteria)
{
    const auto anyEmail = [&entry](const QString &term) {
        return std::any_of(entry.emails.cbegin(), entry.emails.cend(),
                           [&term](const QString &email) { return contains(email, term); });
    };
    if (!criteria.first.isEmpty() && !contains(entry.first(), criteria.first))
        return false;
    if (!criteria.last.isEmpty() && !contains(entry.family, criteria.last))
        return false;
    if (!criteria.nick.isEmpty() && !contains(entry.nick, criteria.nick))
        return false;
    if (!criteria.email.isEmpty() && !anyEmail(criteria.email))
        return false;
    if (!criteria.any.isEmpty()) {
        const QString &term = criteria.any;
        return contains(entry.username, term) || contains(entry.displayName(), term) ||
               contains(entry.given, term) || contains(entry.family, term) ||
               contains(entry.nick, term) || anyEmail(term);
    }
    return true;
}

// Every user in username order with the vCard parsed, up to MaxResults matches; nullopt on a
// storage error. A search reads every card and photos are nearly all of their bytes, so the
// database cuts the PHOTO element out (the stored XML is our own serialisation: unprefixed).
std::optional<QList<DirectoryEntry>> search(const Database &database, const Criteria &criteria)
{
    QSqlQuery query = database.prepare(
        u"SELECT u.username,"
        " CASE WHEN INSTR(v.vcard, '<PHOTO') > 0 AND INSTR(v.vcard, '</PHOTO>') > 0"
        "  THEN SUBSTR(v.vcard, 1, INSTR(v.vcard, '<PHOTO') - 1) ELSE v.vcard END,"
        " CASE WHEN INSTR(v.vcard, '<PHOTO') > 0 AND INSTR(v.vcard, '</PHOTO>') > 0"
        "  THEN SUBSTR(v.vcard, INSTR(v.vcard, '</PHOTO>') + 8) ELSE '' END"
        " FROM users u LEFT JOIN vcards v ON v.username = u.username ORDER BY u.username"_s);
    query.setForwardOnly(true);
    if (!Database::exec(query))
        return std::nullopt;
    QList<DirectoryEntry> results;
    while (results.size() < MaxResults && query.next()) {
        const QString xml = query.value(1).toString() + query.value(2).toString();
        const QDomElement vcard = xml.isEmpty() ? QDomElement() : parseElement(xml.toUtf8());
        DirectoryEntry entry = entryFrom(query.value(0).toString(), vcard);
        if (matches(entry, criteria))
            results << std::move(entry);
    }
    return results;
}

void writeField(QXmlStreamWriter &writer, const QString &var, const QString &value)
{
    writer.writeStartElement(u"field"_s);
    writer.writeAttribute(u"var"_s, var);
    writer.writeTextElement(u"value"_s, value);
    writer.writeEndElement();
}

// XEP-0055 §3: each match as an <item/> with the legacy fields.
void writeItems(QXmlStreamWriter &writer, const QList<DirectoryEntry> &entries,
                const QString &domain)
{
    for (const DirectoryEntry &entry : entries) {
        writer.writeStartElement(u"item"_s);
        writer.writeAttribute(u"jid"_s, entry.username + u'@' + domain);
        writer.writeTextElement(u"first"_s, entry.first());
        writer.writeTextElement(u"last"_s, entry.family);
        writer.writeTextElement(u"nick"_s, entry.nick);
        writer.writeTextElement(u"email"_s, entry.emails.value(0));
        writer.writeEndElement();
    }
}

// XEP-0055 §4: a data form of type result with a reported header and one item per match.
void writeResultForm(QXmlStreamWriter &writer, const QList<DirectoryEntry> &entries,
                     const QString &domain)
{
    writer.writeStartElement(u"x"_s);
    writer.writeDefaultNamespace(DataFormsNs);
    writer.writeAttribute(u"type"_s, u"result"_s);
    writer.writeStartElement(u"field"_s);
    writer.writeAttribute(u"type"_s, u"hidden"_s);
    writer.writeAttribute(u"var"_s, u"FORM_TYPE"_s);
    writer.writeTextElement(u"value"_s, SearchNs);
    writer.writeEndElement();

    const QList<std::pair<QString, QString>> columns = {
        {u"jid"_s, u"JID"_s},          {u"fn"_s, u"Full name"_s},  {u"first"_s, u"Given name"_s},
        {u"last"_s, u"Family name"_s}, {u"nick"_s, u"Nickname"_s}, {u"email"_s, u"Email"_s}};
    writer.writeStartElement(u"reported"_s);
    for (const auto &[var, label] : columns) {
        writer.writeStartElement(u"field"_s);
        writer.writeAttribute(u"var"_s, var);
        writer.writeAttribute(u"label"_s, label);
        writer.writeAttribute(u"type"_s, var == u"jid"_s ? u"jid-single"_s : u"text-single"_s);
        writer.writeEndElement();
    }
    writer.writeEndElement();

    for (const DirectoryEntry &entry : entries) {
        writer.writeStartElement(u"item"_s);
        writeField(writer, u"jid"_s, entry.username + u'@' + domain);
        writeField(writer, u"fn"_s, entry.displayName());
        writeField(writer, u"first"_s, entry.given);
        writeField(writer, u"last"_s, entry.family);
        writeField(writer, u"nick"_s, entry.nick);
        writeField(writer, u"email"_s, entry.emails.value(0));
        writer.writeEndElement();
    }
    writer.writeEndElement();
}

QXmppDataForm searchForm()
{
    using Field = QXmppDataForm::Field;
    return QXmppDataForm(
        QXmppDataForm::Form,
        {Field(Field::HiddenField, u"FORM_TYPE"_s, SearchNs),
         Field(Field::TextSingleField, AnyField, {}, true, u"Name, username or email"_s)},
        u"User directory"_s, Instructions);
}

// The <query/> a writer filled, appended to the result of `request`.
Stanza resultWith(const Stanza &request, const QByteArray &queryXml)
{
    Stanza reply = request.iqResult();
    reply.element().appendChild(
        reply.element().ownerDocument().importNode(parseElement(queryXml), true));
    return reply;
}

} // namespace

SearchModule::SearchModule(ServerContext &context) : ServerModule(context)
{
    Router &router = context.router;
    router.addHandler(u"iq-get/host/"_s + SearchNs, [this](const StanzaEvent &event) {
        if (mayUseDirectory(event))
            answerForm(event);
        return true;
    });
    router.addHandler(u"iq-set/host/"_s + SearchNs, [this](const StanzaEvent &event) {
        if (mayUseDirectory(event))
            answerSearch(event);
        return true;
    });
    context.features << SearchNs;
}

void SearchModule::answerForm(const StanzaEvent &event)
{
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(u"query"_s);
    writer.writeDefaultNamespace(SearchNs);
    writer.writeTextElement(u"instructions"_s, Instructions);
    for (const QString &field : {u"first"_s, u"last"_s, u"nick"_s, u"email"_s})
        writer.writeEmptyElement(field);
    searchForm().toXml(&writer);
    writer.writeEndElement();
    m_context.router.sendTo(event.origin, resultWith(event.stanza, xml));
}

bool SearchModule::mayUseDirectory(const StanzaEvent &event)
{
    // The directory is for this server's own users; a stanza the server itself routes here has
    // no session and no claim to it.
    if (event.origin && m_context.router.isLocal(event.stanza.from()))
        return true;
    m_context.router.bounce(event.stanza, u"auth"_s, u"forbidden"_s);
    return false;
}

void SearchModule::answerSearch(const StanzaEvent &event)
{
    bool usedForm = false;
    const Criteria criteria = criteriaOf(event.stanza.payload(), &usedForm);
    if (criteria.isEmpty()) {
        m_context.router.bounce(event.stanza, u"modify"_s, u"not-acceptable"_s,
                                u"Enter part of a name, username or email address."_s);
        return;
    }
    const auto results = search(m_context.database, criteria);
    if (!results) {
        m_context.router.bounce(event.stanza, u"wait"_s, u"internal-server-error"_s);
        return;
    }
    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.writeStartElement(u"query"_s);
    writer.writeDefaultNamespace(SearchNs);
    // Answer in the format asked in (XEP-0055 §4: a form request gets form results).
    if (usedForm)
        writeResultForm(writer, *results, m_context.router.domain());
    else
        writeItems(writer, *results, m_context.router.domain());
    writer.writeEndElement();
    m_context.router.sendTo(event.origin, resultWith(event.stanza, xml));
}

} // namespace flint
