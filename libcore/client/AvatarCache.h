// Avatar images on disk, keyed by the SHA-1 of their bytes (the XEP-0153 hash): a picture is
// stored once however many cards use it, and a hash seen in presence finds it without a fetch.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

namespace flint {

class AvatarCache {
public:
    // `directory` is created on the first insert.
    explicit AvatarCache(const QString &directory);

    // The XEP-0153 hash of image bytes: lowercase SHA-1 hex.
    static QString hashOf(const QByteArray &bytes);

    // Stores the bytes under their hash and returns it; empty when they could not be written.
    QString insert(const QByteArray &bytes);
    bool contains(const QString &hash) const;
    // The stored bytes, or empty when the hash is unknown (or not a SHA-1 hex string).
    QByteArray bytes(const QString &hash) const;
    // The decoded image; null when unknown or not decodable.
    QImage image(const QString &hash) const;

private:
    QString pathOf(const QString &hash) const;

    QString m_directory;
};

// What the UI shows as an avatar: the image's centred square, scaled down (never up) to at most
// `maxSize` pixels a side; null for a null image.
QImage squareAvatar(const QImage &image, int maxSize = 192);

} // namespace flint
