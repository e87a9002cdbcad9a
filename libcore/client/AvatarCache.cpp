#include "AvatarCache.h"

#include "common/Logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace flint {

AvatarCache::AvatarCache(const QString &directory) : m_directory(directory) {}

QString AvatarCache::hashOf(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex());
}

QString AvatarCache::insert(const QByteArray &bytes)
{
    const QString hash = hashOf(bytes);
    if (contains(hash))
        return hash;
    QSaveFile file(pathOf(hash));
    if (!QDir().mkpath(m_directory) || !file.open(QIODevice::WriteOnly) ||
        file.write(bytes) != bytes.size() || !file.commit()) {
        qCWarning(lcClientProfile)
            << "cannot store avatar" << hash << "in" << m_directory << ":" << file.errorString();
        return {};
    }
    return hash;
}

bool AvatarCache::contains(const QString &hash) const
{
    const QString path = pathOf(hash);
    return !path.isEmpty() && QFile::exists(path);
}

QByteArray AvatarCache::bytes(const QString &hash) const
{
    QFile file(pathOf(hash));
    if (file.fileName().isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QImage AvatarCache::image(const QString &hash) const
{
    return QImage::fromData(bytes(hash));
}

QString AvatarCache::pathOf(const QString &hash) const
{
    // Hashes come from other people's presence: only a SHA-1 hex string names a file.
    static const QRegularExpression sha1Hex(u"^[0-9a-f]{40}$"_s);
    if (!sha1Hex.match(hash).hasMatch())
        return {};
    return m_directory + u'/' + hash;
}

QImage squareAvatar(const QImage &image, int maxSize)
{
    if (image.isNull() || maxSize <= 0)
        return {};
    const int side = std::min(image.width(), image.height());
    const QImage square =
        image.copy((image.width() - side) / 2, (image.height() - side) / 2, side, side);
    if (side <= maxSize)
        return square;
    return square.scaled(maxSize, maxSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

} // namespace flint
