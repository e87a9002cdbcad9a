#include "PasswordStore.h"

#include <QCoreApplication>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace flint {
namespace {

const QString Service = u"Flint"_s;

QString describe(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::EntryNotFound:
        return QCoreApplication::translate("flint::PasswordStore",
                                           "No password is saved for this account.");
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return QCoreApplication::translate("flint::PasswordStore",
                                           "The keyring refused access to the saved password.");
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return QCoreApplication::translate(
            "flint::PasswordStore",
            "No keyring is available to keep the password; it was not saved.");
    default:
        return QCoreApplication::translate("flint::PasswordStore", "The keyring failed: %1")
            .arg(detail);
    }
}

template <typename Job> Job *newJob(QObject *parent, const QString &account)
{
    auto *job = new Job(Service, parent);
    job->setAutoDelete(true);
    // Never the plain-text fallback: a password is kept in a keyring or not at all.
    job->setInsecureFallback(false);
    job->setKey(account);
    return job;
}

} // namespace

PasswordStore::PasswordStore(QObject *parent) : QObject(parent) {}

void PasswordStore::savePassword(const QString &account, const QString &password)
{
    auto *job = newJob<QKeychain::WritePasswordJob>(nullptr, account);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, account](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError)
            Q_EMIT passwordSaved(account);
        else
            Q_EMIT failed(account, describe(done->error(), done->errorString()));
    });
    job->start();
}

void PasswordStore::readPassword(const QString &account)
{
    auto *job = newJob<QKeychain::ReadPasswordJob>(nullptr, account);
    connect(job, &QKeychain::Job::finished, this, [this, account](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError)
            Q_EMIT passwordRead(account,
                                static_cast<QKeychain::ReadPasswordJob *>(done)->textData());
        else
            Q_EMIT failed(account, describe(done->error(), done->errorString()));
    });
    job->start();
}

void PasswordStore::removePassword(const QString &account)
{
    auto *job = newJob<QKeychain::DeletePasswordJob>(nullptr, account);
    connect(job, &QKeychain::Job::finished, this, [this, account](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound)
            Q_EMIT passwordRemoved(account);
        else
            Q_EMIT failed(account, describe(done->error(), done->errorString()));
    });
    job->start();
}

} // namespace flint
