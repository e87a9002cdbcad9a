// The user directory through XEP-0055 Jabber Search: finds the server's search service (the
// server itself or one of its disco items), reads its search form and submits part of a name;
// a server without such a service answers NotSupported.
#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QXmppDiscoveryManager;

namespace flint {

class AccountSession;

struct DirectoryEntry {
    QString jid;
    QString name;
    QString email;
    bool operator==(const DirectoryEntry &other) const = default;
};

struct DirectorySearchResult {
    Q_GADGET
public:
    enum Kind {
        Ok,
        NotSupported, // the server offers no directory search
        NotConnected,
        EmptyQuery, // nothing to search for; not sent
        Rejected,   // the service did not accept the query (bad-request, not-acceptable)
        Forbidden,  // the service does not let this account search
        TimedOut,
        Other,
    };
    Q_ENUM(Kind)
    Kind kind = Other;
    QString detail; // the server's own words, for logs and a "details" view
};

// The one place that turns directory search results into user-facing text.
QString describe(const DirectorySearchResult &result);

class DirectorySearch : public QObject {
    Q_OBJECT
public:
    explicit DirectorySearch(AccountSession &session, QObject *parent = nullptr);
    ~DirectorySearch() override;

    // The service searched in this session; empty before the first search or without one.
    QString serviceJid() const { return m_service.value_or(QString()); }

    // Searches for part of a name, username or email address; answers with resultsReceived()
    // or searchFailed(). A new search abandons the one in progress.
    void search(const QString &text);
    // Abandons the search in progress without an answer.
    void cancel();

Q_SIGNALS:
    void resultsReceived(const QList<flint::DirectoryEntry> &entries);
    void searchFailed(const flint::DirectorySearchResult &result);

private:
    struct ServiceForm;

    void proceed();
    void discoverService();
    void discoverItems();
    void requestForm();
    void submit();
    void fail(const DirectorySearchResult &result);

    AccountSession &m_session;
    QXmppDiscoveryManager *m_disco;
    // nullopt: not looked for in this session; empty: the server has none.
    std::optional<QString> m_service;
    std::unique_ptr<ServiceForm> m_form; // the service's form, read once per session
    QString m_text;
    quint64 m_searchId = 0; // answers to (and the timeout of) an older search are dropped
};

} // namespace flint

Q_DECLARE_METATYPE(flint::DirectoryEntry)
Q_DECLARE_METATYPE(flint::DirectorySearchResult)
