// Paints a conversation's messages as chat bubbles: day separators, the sender's name at the
// start of a run, the time and delivery mark inside the bubble, offline messages marked, links
// and search matches highlighted, files as cards (type, name, size, Download / Open / Show in
// Folder, a progress line while downloading). Sizes follow the font; text layouts are cached per
// message.
#pragma once

#include "client/TransferService.h"

#include <QCache>
#include <QColor>
#include <QFont>
#include <QHash>
#include <QList>
#include <QPixmap>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QTextLayout>

#include <optional>

namespace flint::ui {

class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    struct Link {
        int start = 0;
        int length = 0;
        QString url;
    };

    // What a click on a file card's button does.
    enum class FileAction { None, Download, Cancel, Open, ShowInFolder };

    explicit MessageDelegate(QObject *parent = nullptr);
    ~MessageDelegate() override;

    void setNames(const QString &ownName, const QString &peerName);
    // Rooms: others are named by their nick (the sender's resource), and each sender starts a
    // run of their own.
    void setGroupChat(bool groupChat);
    // The name shown above a message: the own name, the peer's, or the nick in a room.
    QString senderName(const QModelIndex &index) const;
    void setSearchText(const QString &text);
    // Why a message could not be sent, for its error mark's tooltip.
    void setFailureText(const QString &stanzaId, const QString &text);
    // The background flash of a message brought into view; 0 ends it.
    void setFlash(qint64 messageId, qreal strength);
    // Whether file cards offer Download (only where downloads can be started).
    void setDownloadsEnabled(bool enabled);
    // The download running (or last run) for a message's file, shown in its card.
    void setDownload(qint64 messageId, Transfer *transfer);
    Transfer *download(qint64 messageId) const;
    // The file a message carries, if any.
    static std::optional<FileAttachment> attachment(const QModelIndex &index);
    // Where that file is on this computer (downloaded or sent from here), or empty.
    QString localFile(const QModelIndex &index) const;
    // The file card's button under `pos` (viewport coordinates), and where a button is drawn
    // (null when the card does not show it).
    FileAction fileActionAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                            const QPoint &pos) const;
    QRect fileActionRect(const QStyleOptionViewItem &option, const QModelIndex &index,
                         FileAction action) const;
    // Forgets every layout, after a font, palette or language change.
    void clearCache();

    // The link under `pos` (viewport coordinates) in the message painted at `option.rect`.
    QString linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                   const QPoint &pos) const;
    // http(s), xmpp and mailto URIs in a text, without trailing punctuation.
    static QList<Link> findLinks(const QString &text);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

private:
    struct Measure {
        int wrapWidth = -1;
        int generation = -1;
        QSizeF size; // of the laid-out lines
        qreal lastLineWidth = 0;
    };
    struct Text {
        int wrapWidth = -1;
        int generation = -1;
        QTextLayout layout;
        QList<Link> links;
    };
    struct Geometry;

    // What the bubble's text takes at `wrapWidth`; kept for every message, it is small.
    const Measure &measure(const QModelIndex &index, const QFont &font, int wrapWidth) const;
    // The laid-out text for painting and hit tests; only the recently painted ones are kept.
    const Text &text(const QModelIndex &index, const QFont &font, int wrapWidth,
                     const QPalette &palette) const;
    Geometry geometry(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    QString deliveryText(const QModelIndex &index) const;
    // The buttons a file card shows now, and the line under its name (error: in red).
    QList<FileAction> fileActions(const QModelIndex &index, const FileAttachment &file) const;
    QString fileStatus(const QModelIndex &index, const FileAttachment &file, bool *error) const;
    static QString fileActionText(FileAction action);
    void paintCard(QPainter *painter, const Geometry &g, const QStyleOptionViewItem &option,
                   const QModelIndex &index, const FileAttachment &file) const;
    QPixmap tintedIcon(const QString &name, const QColor &colour, int size, qreal dpr) const;

    int m_generation = 0; // bumped by clearCache(): older layouts are stale
    QString m_ownName;
    QString m_peerName;
    bool m_groupChat = false;
    QString m_searchText;
    QHash<QString, QString> m_failures;
    qint64 m_flashId = 0;
    qreal m_flashStrength = 0;
    mutable QHash<qint64, Measure> m_measures;
    mutable QCache<qint64, Text> m_texts;
    mutable QCache<QString, QPixmap> m_icons;
    QHash<qint64, QPointer<Transfer>> m_downloads;
    bool m_downloadsEnabled = false;
};

} // namespace flint::ui
