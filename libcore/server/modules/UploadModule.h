// XEP-0363 HTTP File Upload at upload.<domain>: hands out upload slots (within the size limit and
// the user's quota) and serves them over HTTPS with the server's certificate: one PUT, then GETs
// until the file expires.
#pragma once

#include "server/ServerModule.h"
#include "server/modules/UploadHttp.h"
#include "server/modules/UploadStore.h"

#include <QTimer>

namespace flint {

class UploadModule : public ServerModule {
    Q_OBJECT
public:
    explicit UploadModule(ServerContext &context);

    bool start(QString *error) override;

private:
    void requestSlot(const StanzaEvent &event);
    // The HTTP side (UploadHttpServer::Handler): statuses to answer.
    int checkPut(const QString &id, qint64 length) const;
    int finishPut(const QString &id, QSaveFile &file);
    UploadHttpServer::Download get(const QString &id) const;
    // 507 when the disk has no room for `bytes` more, else 500.
    int storageFailure(qint64 bytes) const;
    void removeExpired();
    QString filePath(const QString &id) const;
    // Bytes free on the upload directory's disk; -1 when unknown.
    qint64 freeSpace() const;

    QString m_domain;
    QHostAddress m_address;
    QString m_directory;
    UploadStore m_store;
    UploadHttpServer m_http;
    quint16 m_port = 0;
    QTimer m_expiryTimer;
};

} // namespace flint
