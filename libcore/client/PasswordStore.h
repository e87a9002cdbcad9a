// Saved passwords in the operating system's keyring (Secret Service / KWallet on Linux, the
// Credential Manager on Windows) through QtKeychain; never in a plain file. Asynchronous: every
// call answers with one signal.
#pragma once

#include <QObject>
#include <QString>

namespace flint {

class PasswordStore : public QObject {
    Q_OBJECT
public:
    explicit PasswordStore(QObject *parent = nullptr);

    void savePassword(const QString &account, const QString &password);
    void readPassword(const QString &account);
    void removePassword(const QString &account);

Q_SIGNALS:
    void passwordSaved(const QString &account);
    void passwordRead(const QString &account, const QString &password);
    void passwordRemoved(const QString &account);
    // `message` is user-facing: the keyring is missing, locked, or has no entry.
    void failed(const QString &account, const QString &message);
};

} // namespace flint
